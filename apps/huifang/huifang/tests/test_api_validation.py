import datetime
from zoneinfo import ZoneInfo

import frappe
from frappe.tests import IntegrationTestCase

from huifang.api.validation import Field, InvalidInput, api_method


@api_method(
	None, amount=Field("Amount", minimum=0), code=Field("Subject", max_length=5, options=("A1", "B2"))
)
def sample(
	when: datetime.datetime,
	amount: float | None = None,
	flag: bool = False,
	code: str = "A1",
	day: datetime.date | None = None,
) -> dict:
	return {"when": when, "amount": amount, "flag": flag, "code": code, "day": day}


class TestApiInputChecks(IntegrationTestCase):
	def test_converts_http_values_by_annotation(self):
		"""R-20: form strings and JSON values become the annotated types; time zones are converted
		to the system time zone."""
		out = sample(when="2026-03-02T01:30:00+00:00", amount="12.5", flag="true", day="2026-03-02")
		self.assertEqual(out["amount"], 12.5)
		self.assertIs(out["flag"], True)
		self.assertEqual(out["day"], datetime.date(2026, 3, 2))
		system_tz = frappe.utils.get_system_timezone()
		expected = datetime.datetime(2026, 3, 2, 1, 30, tzinfo=datetime.UTC).astimezone(ZoneInfo(system_tz))
		self.assertEqual(out["when"], expected.replace(tzinfo=None))
		self.assertEqual(sample(when="2026-03-02 09:00")["code"], "A1")

	def test_reports_every_bad_field_at_once(self):
		"""R-20: one error lists each bad field by name, none is silently dropped."""
		frappe.local.response = frappe._dict()
		with self.assertRaises(InvalidInput):
			sample(amount="-1", flag="perhaps", code="C3", day="03/02/2026")
		errors = frappe.local.response["field_errors"]
		self.assertEqual(set(errors), {"when", "amount", "flag", "code", "day"})
		for field, message in errors.items():
			self.assertIn(f"({field})", message.replace("（", "(").replace("）", ")"))
