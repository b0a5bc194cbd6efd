"""Covering indexes for the analysis queries (huifang.analysis.metrics and the reports) on sites
created before they were added to the on_doctype_update hooks of Callback Record, Callback Task
and Service Event."""


def execute():
	from huifang.huifang.doctype.callback_record.callback_record import on_doctype_update as records
	from huifang.huifang.doctype.callback_task.callback_task import on_doctype_update as tasks
	from huifang.huifang.doctype.service_event.service_event import on_doctype_update as events

	records()
	tasks()
	events()
