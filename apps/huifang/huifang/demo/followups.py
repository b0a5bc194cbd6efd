"""What happens after an unsatisfied callback (R-42, R-43): the agent turns the problem into a
complaint or a rectification request (工作联系单) with one click, the responsible unit reports
back, and the customer gets a re-visit once the work is done."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import frappe

from huifang.demo import complaints as cmp
from huifang.demo import organisation as org
from huifang.demo.clock import act
from huifang.huifang.doctype.callback_record.callback_record import create_complaint, create_rectification
from huifang.huifang.doctype.rectification_request.rectification_request import make_revisit_task
from huifang.utils.working_days import add_working_days_for_unit

RESULTS = (
	"已安排人员上门复查并返工，客户确认问题已解决。",
	"已与客户当面沟通，按客户要求整改完毕。",
	"已核实情况，对相关人员进行教育，并向客户致歉。",
)
CANCELLED = "客户表示问题已自行处理，无需整改。"


class FollowUps:
	def __init__(self, rng, today, now: datetime, stamps, work, desk: cmp.ComplaintDesk):
		self.rng = rng
		self.today = today
		self.now = now
		self.stamps = stamps
		self.work = work
		self.desk = desk
		self.by_name = {c.name: c for unit in desk.customers.values() for c in unit}
		self.revisit_tasks: list[str] = []

	def handle_unsatisfied(self, unsatisfied) -> None:
		for record, _domain, (_text, category, unit) in unsatisfied:
			at = record.call_time + timedelta(
				seconds=record.duration or 0, minutes=self.rng.randrange(20, 90)
			)
			if at > self.now:
				continue
			# a department of the property company never answers for the government centre
			government = record.service_unit in org.GOVERNMENT_UNITS
			responsible = record.service_unit if government or not unit else unit
			choice = self.rng.random()
			if choice < 0.4:
				self.complaint(record, category, responsible, at)
			elif choice < 0.85:
				act(record.agent, at)
				create_rectification(record.name, responsible)

	def complaint(self, record, category: str, responsible: str, at: datetime) -> None:
		"""R-43: the agent's one click; then the complaint goes its way like any other."""
		act(record.agent, at)
		name = create_complaint(record.name, category, responsible)
		doc = frappe.get_doc("Complaint", name)
		doc.received_on = at
		doc.save()
		self.stamps.set("Complaint", name, creation=at, modified=at)
		self.desk.count += 1
		age = (self.today - at.date()).days
		if age > 25:
			target = self.rng.choice(("Closed", "Closed", "Closed", "Resolved"))
		elif age > 10:
			target = self.rng.choice(("Processing", "Resolved", "Callback", "Closed"))
		else:
			target = self.rng.choice(("New", "Accepted", "Assigned"))
		spec = {"unit": doc.service_unit, "responsible": responsible, "category": category, "target": target}
		self.desk.walk(doc, spec, self.by_name[doc.customer], at)

	def progress_rectifications(self) -> None:
		"""Every request (from a record, or opened by a problem case) moves on as time allows."""
		rows = frappe.get_all(
			"Rectification Request",
			fields=["name", "source_record", "responsible_unit", "service_unit"],
			order_by="creation asc",
		)
		for row in rows:
			issued = (
				frappe.db.get_value("Callback Record", row.source_record, "call_time")
				if row.source_record
				else None
			)
			issued = (issued or self.now) + timedelta(hours=1)
			day = issued.date()
			due = add_working_days_for_unit(day, 3, row.responsible_unit)
			frappe.db.set_value(
				"Rectification Request", row.name, {"issued_on": day, "due_date": due}, update_modified=False
			)
			self.stamps.set("Rectification Request", row.name, creation=issued, modified=issued)
			age = (self.today - day).days
			roll = self.rng.random()
			if age > 8:
				target = "Completed" if roll < 0.85 else "Cancelled" if roll < 0.9 else "In Progress"
			elif age >= 3:
				target = "In Progress" if roll < 0.6 else "Completed"
			else:
				target = "Open"
			self.advance(row, target, issued, due)

	def advance(self, row, target: str, issued: datetime, due) -> None:
		if target == "Open":
			return
		# the responsible department's handler; a project's or the centre's own problems go to its supervisor
		key = cmp.HANDLERS.get(row.responsible_unit) if row.responsible_unit not in org.PROJECTS else None
		handler = org.email(key) if key else self.desk.supervisor(row.responsible_unit)
		doc = frappe.get_doc("Rectification Request", row.name)
		started = issued + timedelta(hours=self.rng.uniform(2, 20))
		act(handler, started)
		if target == "Cancelled":
			doc.update({"status": "Cancelled", "handled_by": handler, "result": CANCELLED})
			doc.save()
			self.stamps.set("Rectification Request", doc.name, modified=started)
			return
		doc.update({"status": "In Progress", "handled_by": handler})
		doc.save()
		last = started
		if target == "Completed":
			done_day = min(
				add_working_days_for_unit(
					issued.date(), self.rng.choice((1, 2, 3, 3, 4)), row.responsible_unit
				),
				self.today,
			)
			done = datetime.combine(done_day, time(self.rng.randrange(9, 17), self.rng.randrange(60)))
			done = min(max(done, started + timedelta(hours=1)), self.now - timedelta(minutes=30))
			act(handler, done)
			doc.update({"status": "Completed", "result": self.rng.choice(RESULTS)})
			doc.save()
			frappe.db.set_value(
				"Rectification Request", doc.name, "completed_on", done.date(), update_modified=False
			)
			last = done
			self.revisit(doc.name, done)
		self.stamps.set("Rectification Request", doc.name, modified=last)

	def revisit(self, request: str, done: datetime) -> None:
		"""R-43: the re-visit after the work is done (the request's own function), dated to it."""
		unit = frappe.db.get_value("Rectification Request", request, "service_unit")
		act(self.desk.supervisor(unit), done)
		task = make_revisit_task(request)
		if not task:
			return
		start = done.date()
		frappe.db.set_value(
			"Callback Task",
			task,
			{"earliest_date": start, "latest_date": add_working_days_for_unit(start, 3, unit)},
			update_modified=False,
		)
		self.stamps.set("Callback Task", task, creation=done, modified=done)
		self.revisit_tasks.append(task)
