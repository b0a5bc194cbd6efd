import frappe
from frappe import _
from frappe.tests import IntegrationTestCase

from huifang.huifang.report.repeated_issues.repeated_issues import COMPLAINT, REPAIR, execute
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import ensure_fixtures


class TestRepeatedIssues(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.names = fx.build()

	def run_report(self, **filters):
		base = dict(company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1])
		_cols, data, _msg, _chart, summary = execute(frappe._dict({**base, **filters}))
		self.total = next((r for r in data if r.get("is_total_row")), None)
		return [r for r in data if not r.get("is_total_row")], {c["label"]: c["value"] for c in summary}

	def test_same_customer_and_issue_twice_same_repair_three_times(self):
		"""R-54: the same customer and issue complained about twice, and the same repair three times
		(cancelled repairs do not count), are listed."""
		data, cards = self.run_report()
		self.assertEqual([(r["kind"], r["occurrences"]) for r in data], [(COMPLAINT, 2), (REPAIR, 3)])
		# totals row: 2 groups of the same customer, 5 occurrences, 1 flagged on entry
		self.assertEqual(
			(self.total["occurrences"], self.total["flagged"], self.total["issue"]),
			(5, 1, _("{0} groups").format(2)),
		)
		self.assertEqual(self.total["customer_name"], _("{0} customers").format(1))
		self.assertEqual(
			(cards[_("Repeated Complaints")], cards[_("Repairs Involved")], cards[_("Customers")]), (1, 3, 1)
		)
		complaint, repair = data
		self.assertEqual(complaint["customer"], self.names.customers["U1"])
		self.assertEqual(complaint["issue"], "态度差")
		self.assertEqual(complaint["flagged"], 1)  # the second one was flagged as a repeat on entry
		self.assertEqual(
			complaint["documents"], f"{self.names.complaints['k1']}, {self.names.complaints['k2']}"
		)
		self.assertEqual(repair["issue"], "水管漏水")
		self.assertEqual(repair["documents"].split(", "), [self.names.events[e] for e in ("E1", "E2", "E3")])

	def test_thresholds_and_period(self):
		"""R-54: the thresholds are filters; a longer period catches the third complaint in April."""
		data, _cards = self.run_report(complaint_threshold=3, repair_threshold=2)
		self.assertEqual(
			sorted((r["kind"], r["issue"], r["occurrences"]) for r in data),
			[(REPAIR, "水管漏水", 3), (REPAIR, "门锁损坏", 2)],
		)
		data, _cards = self.run_report(to_date="2024-04-30", kind=COMPLAINT, complaint_threshold=3)
		self.assertEqual([(r["issue"], r["occurrences"]) for r in data], [("态度差", 3)])
		with self.assertRaises(frappe.ValidationError):
			self.run_report(complaint_threshold=1)
