"""Complaint 投诉 (R-50..R-54): severity classified here (rules in huifang.utils.severity),
deadlines in working days of the unit's calendar, repeat detection, workflow checks."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, get_datetime, getdate, now_datetime

from huifang.utils import severity as sev
from huifang.utils.db import ensure_indexes
from huifang.utils.scoring import UNSATISFIED
from huifang.utils.settings import get_setting
from huifang.utils.units import get_unit_head
from huifang.utils.working_days import add_working_days_for_unit

RESOLUTION_FIELDS = ("result", "root_cause", "corrective_action", "preventive_action")


class SeverityError(frappe.ValidationError):
	pass


def normalize_issue(text: str | None) -> str | None:
	return " ".join((text or "").split()) or None


def reason_text(code: str, t: sev.Thresholds) -> str:
	return {
		sev.LAWSUIT: _("Lawsuit"),
		sev.MEDIA: _("Media exposure"),
		sev.COLLECTIVE_MAJOR: _("{0} or more people complained together").format(t.major_people),
		sev.COLLECTIVE_IMPORTANT: _("{0} or more people complained together").format(t.important_people),
		sev.SAME_ISSUE_PEOPLE: _(
			"{0} or more different people made the same complaint within {1} days"
		).format(t.same_issue_people, t.same_issue_days),
		sev.AFTER_CLOSURE: _("Complained again after the earlier complaint was closed"),
	}[code]


def thresholds() -> sev.Thresholds:
	return sev.Thresholds(
		major_people=int(get_setting("major_people_count")),
		important_people=int(get_setting("important_people_count")),
		same_issue_people=int(get_setting("same_issue_people_count")),
		same_issue_days=int(get_setting("same_issue_window_days")),
	)


class Complaint(Document):
	def validate(self):
		self.set_defaults()
		self.issue_key = normalize_issue(self.issue_key)
		self.detect_repeat()
		self.classify_severity()
		self.set_deadlines()
		self.set_report_deadline()
		self.track_workflow()

	def set_defaults(self):
		self.received_on = self.received_on or now_datetime()
		self.people_count = max(int(self.people_count or 1), 1)
		if self.customer:
			customer = frappe.db.get_value(
				"Customer Archive", self.customer, ["customer_name", "service_unit"], as_dict=True
			)
			if customer:
				self.complainant_name = self.complainant_name or customer.customer_name
				self.service_unit = self.service_unit or customer.service_unit

	def identity(self, row=None) -> str:
		row = row or self
		return row.get("customer") or (row.get("complainant_name") or "").strip()

	def detect_repeat(self):
		"""R-54: the same customer with the same issue again links to the earlier complaint."""
		if self.repeat_of:
			if self.repeat_of == self.name:
				frappe.throw(_("A complaint cannot repeat itself."))
			self.is_repeat = 1
			return
		self.is_repeat = 0
		if not (self.issue_key and self.category):
			return
		filters = {
			"category": self.category,
			"issue_key": self.issue_key,
			"name": ("!=", self.name),
			"received_on": ("<=", self.received_on),
		}
		if self.customer:
			filters["customer"] = self.customer
		else:
			filters["complainant_name"] = self.complainant_name
		earlier = frappe.get_all(
			"Complaint", filters=filters, pluck="name", order_by="received_on desc", limit=1
		)
		if earlier:
			self.repeat_of = earlier[0]
			self.is_repeat = 1

	def same_issue_people(self, window_days: int) -> int:
		"""Distinct complainants of this unit, category and issue in the window, this one included."""
		if not (self.issue_key and self.category and self.service_unit):
			return 1
		received = get_datetime(self.received_on)
		rows = frappe.get_all(
			"Complaint",
			filters={
				"service_unit": self.service_unit,
				"category": self.category,
				"issue_key": self.issue_key,
				"name": ("!=", self.name),
				"received_on": ("between", [add_days(received, -window_days), received]),
			},
			fields=["customer", "complainant_name"],
		)
		return len({self.identity(r) for r in rows} | {self.identity()})

	def classify_severity(self):
		"""R-51: automatic severity; a user may raise it but never lower it."""
		t = thresholds()
		after_closure = bool(self.repeat_of) and (
			frappe.db.get_value("Complaint", self.repeat_of, "workflow_state") == "Closed"
		)
		auto, reasons = sev.classify(
			people_count=self.people_count,
			lawsuit=self.involves_lawsuit,
			media=self.media_exposure,
			same_issue_people=self.same_issue_people(t.same_issue_days),
			after_closure=after_closure,
			thresholds=t,
		)
		before = self.get_doc_before_save()
		previous = before.severity if before else None
		try:
			final = sev.resolve(previous, self.severity, auto)
		except sev.SeverityLoweredError:
			frappe.throw(_("Severity can only be raised by hand, never lowered."), SeverityError)
		if sev.rank(self.severity) > sev.rank(auto) and self.severity != previous:
			self.severity_raised_by = frappe.session.user
		self.auto_severity = auto
		self.severity_reason = "\n".join(reason_text(code, t) for code in reasons) or None
		self.severity = final

	def set_deadlines(self):
		"""R-52: reply within 2 and rectification feedback within 3 working days of receipt."""
		changed = (
			self.is_new()
			or not self.reply_by
			or any(self.has_value_changed(f) for f in ("received_on", "service_unit", "responsible_unit"))
		)
		if not changed:
			return
		start = getdate(self.received_on)
		self.reply_by = add_working_days_for_unit(
			start, int(get_setting("complaint_reply_days")), self.service_unit
		)
		self.rectify_by = add_working_days_for_unit(
			start, int(get_setting("rectify_working_days")), self.responsible_unit or self.service_unit
		)

	def set_report_deadline(self):
		"""R-51: an important complaint is reported within 1 working day (Huifang Settings) of
		receipt, or of the moment it became important; accepting it reports it. (Major ones reach
		the Managers at once: complaint_deadlines.notify_major.)"""
		if self.severity != sev.IMPORTANT:
			self.report_by = None
			return
		if self.report_by and not self.has_value_changed("received_on"):
			return
		received = self.is_new() or self.has_value_changed("received_on")
		start = getdate(self.received_on) if received else getdate(now_datetime())
		self.report_by = add_working_days_for_unit(
			start, int(get_setting("important_report_days")), self.service_unit
		)

	def track_workflow(self):
		"""R-53: what each state needs before a complaint may enter it."""
		if self.is_new() or not self.has_value_changed("workflow_state"):
			return
		previous = self.get_doc_before_save().workflow_state
		state = self.workflow_state
		if state == "Accepted":
			self.accepted_on = now_datetime()
		elif state == "Assigned" and not self.responsible_unit:
			frappe.throw(_("Choose the responsible unit before assigning the complaint."))
		elif state == "Resolved":
			missing = [
				_(self.meta.get_label(f)) for f in RESOLUTION_FIELDS if not (self.get(f) or "").strip()
			]
			if missing:
				frappe.throw(_("Fill in before resolving: {0}").format(", ".join(missing)))
			self.resolved_on = now_datetime()
		elif state == "Reopened":
			self.reopen_count = (self.reopen_count or 0) + 1
		elif state == "Closed":
			self.validate_closing(previous)
			self.closed_on = now_datetime()

	def validate_closing(self, previous: str):
		if previous != "Callback":
			if not (self.close_reason or "").strip():
				frappe.throw(_("Give the reason for closing without a satisfied callback."))
			return
		if not self.callback_result:
			frappe.throw(_("Record the result of the callback before closing."))
		if self.callback_result == UNSATISFIED:
			frappe.throw(_("The customer is not satisfied: reopen the complaint instead of closing it."))
		if self.severity == sev.MAJOR:
			head = get_unit_head(self.responsible_unit or self.service_unit)
			if head and self.callback_by != head:
				frappe.throw(
					_("Major complaints are called back by the unit head ({0}) in person.").format(head),
					title=_("Major Complaint"),
				)


def on_doctype_update():
	ensure_indexes(
		"Complaint",
		{
			"unit_received_index": ["service_unit", "received_on"],
			"responsible_state_index": ["responsible_unit", "workflow_state"],
			"same_issue_index": ["service_unit", "category", "issue_key", "received_on"],
			"customer_category_index": ["customer", "category"],
		},
	)
