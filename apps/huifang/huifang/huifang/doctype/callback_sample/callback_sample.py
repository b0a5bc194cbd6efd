"""Callback Sample 抽样清单 (R-33): a unit's weekly random sample, drawn by
huifang.scheduling.sampling with a stored seed; `verify_sample` redraws it for an audit."""

from frappe.model.document import Document

from huifang.utils.db import ensure_unique


class CallbackSample(Document):
	pass


def on_doctype_update():
	ensure_unique("Callback Sample", ["callback_plan", "service_unit", "period"], "unique_plan_unit_period")
