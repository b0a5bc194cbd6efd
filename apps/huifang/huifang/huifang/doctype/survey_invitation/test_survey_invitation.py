import hashlib

import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import add_days, now_datetime
from werkzeug.datastructures import MultiDict

from huifang.portal import invitations, survey_form, tokens
from huifang.portal.followup import task_key
from huifang.tests.factories import make_customer, make_template, make_unit


class TestSurveyInvitation(IntegrationTestCase):
	def setUp(self):
		self.unit = make_unit(unit_type="Company")
		self.customer = make_customer(self.unit)
		self.template = make_template(
			[
				("态度", "Rating 1-5"),
				{
					"question": "渠道",
					"question_type": "Single Choice",
					"options": "窗口\n网上",
					"is_required": 0,
				},
				{"question": "建议", "question_type": "Free Text", "is_required": 0},
			]
		)

	def campaign(self, **fields) -> str:
		return (
			frappe.get_doc(
				{
					"doctype": "Survey Campaign",
					"campaign_name": "链接测试",
					"survey_template": self.template,
					"start_date": "2026-01-01",
					"end_date": "2026-12-31",
					"channel_portal": 1,
					**fields,
				}
			)
			.insert()
			.name
		)

	def test_only_the_hash_of_a_random_token_is_stored(self):
		"""R-62: tokens carry 256 random bits and only their SHA-256 hash is stored."""
		link = invitations.create_invitations(
			campaign=self.campaign(), customers=[self.customer], channel="SMS"
		)[0]
		self.assertRegex(link["token"], r"^[A-Za-z0-9_-]{43}$")
		row = frappe.db.get_value(
			"Survey Invitation", link["name"], ["token_hash", "customer", "status"], as_dict=True
		)
		self.assertEqual(row.token_hash, hashlib.sha256(link["token"].encode()).hexdigest())
		self.assertEqual((row.customer, row.status), (self.customer, "Open"))
		stored = frappe.db.sql(
			"select * from `tabSurvey Invitation` where name=%s", link["name"], as_dict=True
		)[0]
		self.assertNotIn(link["token"], {str(v) for v in stored.values()})
		self.assertEqual(invitations.find_by_token(link["token"]).name, link["name"])
		self.assertIsNone(invitations.find_by_token(link["token"][:-1] + "x"))

	def test_anonymous_campaign_links_name_nobody(self):
		"""R-62: links of an anonymous campaign never record the customer."""
		links = invitations.create_invitations(
			campaign=self.campaign(is_anonymous=1), customers=[self.customer], channel="Email"
		)
		row = frappe.db.get_value(
			"Survey Invitation", links[0]["name"], ["customer", "is_anonymous"], as_dict=True
		)
		self.assertEqual((row.customer, row.is_anonymous), (None, 1))

	def test_claim_refuses_used_expired_and_revoked_links(self):
		"""R-62: a link is answered once, and not after it expired or was revoked."""
		names = [
			link["name"]
			for link in invitations.create_invitations(
				campaign=self.campaign(), customers=[self.customer] * 3, channel="SMS"
			)
		]
		used, expired, revoked = names
		invitations.mark_used(invitations.claim(used), "HF-SR-TEST")
		frappe.db.set_value("Survey Invitation", expired, "expires_on", add_days(now_datetime(), -1))
		frappe.db.set_value("Survey Invitation", revoked, "status", "Revoked")
		for name, state in ((used, "Used"), (expired, "Expired"), (revoked, "Revoked")):
			with self.assertRaises(invitations.LinkStateError) as caught:
				invitations.claim(name)
			self.assertEqual(caught.exception.state, state)
		invitations.expire_overdue()
		self.assertEqual(frappe.db.get_value("Survey Invitation", expired, "status"), "Expired")

	def test_closed_campaign_takes_no_more_answers(self):
		"""R-61, R-62: once its campaign is closed, an open link can no longer be answered."""
		campaign = self.campaign()
		name = invitations.create_invitations(campaign=campaign, customers=[None], channel="On-site")[0][
			"name"
		]
		frappe.db.set_value("Survey Campaign", campaign, "status", "Closed")
		with self.assertRaises(invitations.LinkStateError) as caught:
			invitations.claim(name)
		self.assertEqual(caught.exception.state, "Expired")

	def test_staff_may_only_revoke_or_extend(self):
		"""R-62: in the Desk a link can be revoked or its expiry changed; nothing else, and never by hand."""
		name = invitations.create_invitations(
			campaign=self.campaign(), customers=[self.customer], channel="SMS"
		)[0]["name"]
		doc = frappe.get_doc("Survey Invitation", name)
		doc.customer = make_customer(self.unit)
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		doc.reload()
		doc.expires_on = add_days(now_datetime(), -1)
		doc.save()
		self.assertEqual(doc.status, "Expired")
		doc.expires_on = add_days(now_datetime(), 5)
		doc.save()
		self.assertEqual(doc.status, "Open")
		doc.status = "Revoked"
		doc.save()
		with self.assertRaises(frappe.ValidationError):
			doc.status = "Open"
			doc.save()
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Survey Invitation",
					"survey_template": self.template,
					"expires_on": now_datetime(),
				}
			).insert()

	def test_form_nonce_is_bound_to_its_link_and_ages(self):
		"""R-62: a form nonce only works for the link it was issued for, and not forever."""
		nonce = tokens.make_nonce("link-a")
		self.assertTrue(tokens.check_nonce("link-a", nonce))
		self.assertFalse(tokens.check_nonce("link-b", nonce))
		self.assertFalse(tokens.check_nonce("link-a", nonce, max_age=-1))
		issued, signature = nonce.split(".")
		self.assertFalse(tokens.check_nonce("link-a", f"{int(issued) + 1}.{signature}"))
		self.assertFalse(tokens.check_nonce("link-a", "garbage"))

	def test_answers_are_checked_against_the_template(self):
		"""R-60, R-62: unknown question ids, ratings outside 1-5, options not offered and text over
		2,000 characters are refused; HTML is stripped from text."""
		questions = survey_form.load_questions(self.template)
		rating, choice, text = (q.field for q in questions)
		with self.assertRaises(survey_form.TamperedForm):
			survey_form.parse(questions, MultiDict({rating: "5", "q_bogus": "1"}))
		for bad in ({rating: "6"}, {rating: "5", choice: "邮寄"}, {rating: "5", text: "长" * 2001}, {}):
			_rows, _comments, errors, _values = survey_form.parse(questions, MultiDict(bad))
			self.assertTrue(errors, bad)
		rows, comments, errors, _values = survey_form.parse(
			questions,
			MultiDict(
				{
					rating: "2",
					choice: "网上",
					text: "<script>alert(1)</script><b>慢</b> 1<2",
					"comments": "<i>好</i>",
				}
			),
		)
		self.assertEqual(errors, {})
		self.assertEqual([r.get("rating") for r in rows], [2, None, None])
		self.assertEqual((rows[2].answer, comments), ("慢 1<2", "好"))

	def test_low_score_follow_up_task_is_created_once(self):
		"""R-43, R-60: a named response below the threshold gets exactly one follow-up callback task."""
		questions = frappe.get_doc("Survey Template", self.template).questions
		doc = frappe.get_doc(
			{
				"doctype": "Survey Response",
				"survey_template": self.template,
				"customer": self.customer,
				"answers": [
					{"question": q.question, "question_type": q.question_type, "weight": 1} for q in questions
				],
			}
		)
		doc.answers[0].rating = 1
		doc.insert()
		doc.save()
		self.assertEqual(frappe.db.count("Callback Task", {"task_key": task_key(doc.name)}), 1)
		task = frappe.get_doc("Callback Task", {"task_key": task_key(doc.name)})
		self.assertEqual((task.customer, task.status), (self.customer, "Open"))
