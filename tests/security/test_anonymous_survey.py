"""Anonymous surveys never store the respondent (R-62, R-12): not even a staff member typing in a
paper form with the customer filled in leaves anything that joins the answers back to a person."""

import json


def test_paper_form_of_anonymous_campaign_keeps_no_identity(world, as_user, site_frappe):
	"""R-62: a response entered over REST for an anonymous campaign, customer given, is stored with
	no customer, no staff user, no version and no comment: nothing an Administrator could join."""
	frappe = site_frappe
	from huifang.tests.factories import make_template

	template = make_template([("服务态度", "Rating 1-5", 1)])
	campaign = frappe.get_doc(
		{
			"doctype": "Survey Campaign",
			"campaign_name": f"匿名调查 {world['tag']}",
			"survey_template": template,
			"period_type": "Ad hoc",
			"start_date": "2026-01-01",
			"end_date": "2026-12-31",
			"service_unit": world["window_a"],
			"is_anonymous": 1,
			"channel_paper": 1,
			"status": "Running",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	agent = world["u"]["agent_a"]
	r = as_user("agent_a").post(
		"/api/resource/Survey Response",
		data=json.dumps(
			{
				"campaign": campaign.name,
				"channel": "Paper Form",
				"customer": world["cust_a"],
				"answers": [{"question": "服务态度", "question_type": "Rating 1-5", "rating": 2}],
				"comments": "匿名意见",
			}
		),
	)
	assert r.status_code == 200, r.text[-300:]
	name = r.json()["data"]["name"]
	frappe.db.rollback()
	identity = {
		world["cust_a"],
		agent,
		frappe.db.get_value("Customer Archive", world["cust_a"], "customer_name"),
	}
	response = frappe.db.sql("select * from `tabSurvey Response` where name=%s", name, as_dict=True)[0]
	assert (response.is_anonymous, response.customer, response.customer_name) == (1, None, None)
	rows = [response, *frappe.db.sql("select * from `tabSurvey Answer` where parent=%s", name, as_dict=True)]
	for row in rows:
		assert not identity & {str(v) for v in row.values()}, row
	for table, field in (
		("tabVersion", "docname"),
		("tabComment", "reference_name"),
		("tabActivity Log", "reference_name"),
		("tabDocShare", "share_name"),
	):
		assert not frappe.db.sql(f"select name from `{table}` where `{field}` = %s", name), table
