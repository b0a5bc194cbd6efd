"""Masked confidential data (R-12) for an agent in every channel: Desk form, REST get and list,
report rows, print HTML and Excel export; clear values for the supervisor of the unit."""

import io
import json

import pytest
from openpyxl import load_workbook

from tests.security.world import ADDRESS_A, ID_A, PHONE_A, PHONE_COMPLAINANT

MASKED_PHONE_A = "138****5678"
MASKED_ID_A = "3701**********1234"
MASKED_ADDRESS_A = "山东省济南市历下区****"
MASKED_COMPLAINANT = "137****2222"
SECRETS = (PHONE_A, ID_A, ADDRESS_A, "三口之家", "12000")


def test_mask_formats(site_frappe):
	"""R-12: phones 138****1234, ID numbers 3701**********1234, addresses cut at the district."""
	from huifang.security import masking

	assert masking.mask_phone("13812341234") == "138****1234"
	assert masking.mask_phone("0531-8888 1234") == "053*******1234"
	assert masking.mask_phone("12345") == "***45"
	assert masking.mask_id("370102199001011234") == "3701**********1234"
	assert masking.mask_id("370102900101123") == "3701*******1123"
	assert masking.mask_address("山东省济南市历下区泉城路188号", "历下区") == "山东省济南市历下区****"
	assert masking.mask_address("北京市朝阳区阳光小区3号楼") == "北京市朝阳区****"
	assert masking.mask_address("阳光小区3号楼2单元", "高新区") == "高新区****"
	assert masking.mask_address("无法识别的地址") == "****"
	assert masking.mask_email("zhangsan@example.com") == "z***@example.com"


def test_rest_get_and_desk_form_are_masked_for_the_agent(world, as_user):
	"""R-12: REST get, frappe.client.get and the Desk form load give the agent masked values only;
	the window's supervisor reads them in clear."""
	name = world["cust_a"]
	agent = as_user("agent_a")
	for r in (
		agent.get(f"/api/resource/Customer Archive/{name}"),
		agent.method("frappe.client.get", doctype="Customer Archive", name=name),
		agent.method("frappe.desk.form.load.getdoc", doctype="Customer Archive", name=name),
	):
		assert r.status_code == 200, r.text
		for secret in SECRETS:
			assert secret not in r.text
		body = r.json()
		doc = body.get("data") or body.get("message") or body["docs"][0]
		assert (doc["primary_phone_masked"], doc["id_number_masked"], doc["address_masked"]) == (
			MASKED_PHONE_A,
			MASKED_ID_A,
			MASKED_ADDRESS_A,
		)
		assert doc["contacts"][0]["phone_masked"] == MASKED_PHONE_A
		assert not doc.get("primary_phone") and not doc["contacts"][0].get("phone")
	doc = as_user("supervisor_a").get(f"/api/resource/Customer Archive/{name}").json()["data"]
	assert (doc["primary_phone"], doc["id_number"], doc["address"]) == (PHONE_A, ID_A, ADDRESS_A)


def test_rest_list_and_report_rows_are_masked_for_the_agent(world, as_user):
	"""R-12: list views, REST lists and report-view rows carry the masked column; asking for the
	confidential column itself never returns it, and filtering on it is refused."""
	agent = as_user("agent_a")
	filters = json.dumps([["name", "=", world["cust_a"]]])
	r = agent.get("/api/resource/Customer Archive", filters=filters, fields=json.dumps(["*"]))
	assert r.json()["data"][0]["primary_phone_masked"] == MASKED_PHONE_A
	report = agent.method(
		"frappe.desk.reportview.get",
		doctype="Customer Archive",
		filters=filters,
		fields=json.dumps(["`tabCustomer Archive`.`name`", "`tabCustomer Archive`.`primary_phone_masked`"]),
	)
	assert report.status_code == 200, report.text
	assert MASKED_PHONE_A in report.json()["message"]["values"][0]
	complaint = agent.method(
		"frappe.desk.reportview.get",
		doctype="Complaint",
		filters=json.dumps([["name", "=", world["complaint_a"]]]),
		fields=json.dumps(["`tabComplaint`.`name`", "`tabComplaint`.`complainant_phone_masked`"]),
	)
	assert MASKED_COMPLAINANT in complaint.json()["message"]["values"][0]
	for fields in (["primary_phone"], ["`tabCustomer Archive`.`id_number`"], ["*"]):
		for path in ("/api/resource/Customer Archive", "/api/method/frappe.client.get_list"):
			r = agent.get(path, doctype="Customer Archive", filters=filters, fields=json.dumps(fields))
			assert all(secret not in r.text for secret in SECRETS), (path, fields)
	oracle = agent.get(
		"/api/resource/Customer Archive", filters=json.dumps([["primary_phone", "like", "138%"]])
	)
	assert oracle.status_code != 200 or not oracle.json()["data"]


def test_script_report_rows_carry_no_clear_values(world, as_user, site_frappe):
	"""R-12, R-73: the app's Script Reports name customers but never show a phone, ID number,
	address, income or family data in clear, whoever runs them; the agent may run only the
	reports their role is given, and the others are refused."""
	frappe = site_frappe
	from tests.security.world import complaint

	issue = f"漏水{world['tag']}"
	for _ in range(2):
		name = complaint(frappe, world["cust_a"], world["window_a"], world["window_a"], f"重复投诉 {issue}")
		frappe.db.set_value("Complaint", name, "issue_key", issue)
	frappe.db.commit()
	reports = frappe.get_all(
		"Report", filters={"module": "Huifang", "report_type": "Script Report"}, pluck="name"
	)
	assert len(reports) >= 5
	secrets = (*SECRETS, PHONE_COMPLAINANT)
	ran = {}
	for key in ("agent_a", "supervisor_a", "manager", "auditor"):
		roles = set(frappe.get_roles(world["u"][key]))
		for report in reports:
			allowed = roles & set(frappe.get_all("Has Role", filters={"parent": report}, pluck="role"))
			r = as_user(key).method(
				"frappe.desk.query_report.run",
				report_name=report,
				filters=json.dumps({"service_unit": world["window_a"], "group_by": "Service Unit"}),
				ignore_prepared_report=1,  # the rows themselves, even if a slow run made it "prepared"
			)
			assert r.status_code == (200 if allowed else 403), (key, report, r.text[-300:])
			assert not [s for s in secrets if s in r.text], (key, report)
			if allowed:
				ran[key, report] = r.json()["message"].get("result")
				assert ran[key, report] is not None, (key, report, r.text[:500])
	assert ("agent_a", "Monthly Service Analysis") in ran
	repeated = [
		row
		for row in ran["supervisor_a", "Repeated Issues"]
		if isinstance(row, dict) and row.get("issue") == issue
	]
	assert [(row["customer"], row["occurrences"]) for row in repeated] == [(world["cust_a"], 2)]
	by_unit = {
		row.get("group_key"): row
		for row in ran["supervisor_a", "Complaint Analysis"]
		if isinstance(row, dict)
	}
	assert by_unit[world["window_a"]]["complaints"] >= 4


def test_print_html_is_masked_for_the_agent(world, as_user, site_frappe):
	"""R-12: printing a complaint, with the standard format or a custom one that reads the phone
	field directly, shows the agent the masked number; the supervisor's print shows it in clear."""
	frappe = site_frappe
	fmt = f"安全测试投诉单 {world['tag']}"
	if not frappe.db.exists("Print Format", fmt):
		frappe.get_doc(
			{
				"doctype": "Print Format",
				"name": fmt,
				"doc_type": "Complaint",
				"module": "Huifang",
				"standard": "No",
				"custom_format": 1,
				"print_format_type": "Jinja",
				"html": "<p class='phone'>电话：{{ doc.complainant_phone }}</p>",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
	for key, shown, hidden in (
		("agent_a", MASKED_COMPLAINANT, PHONE_COMPLAINANT),
		("supervisor_a", PHONE_COMPLAINANT, MASKED_COMPLAINANT),
	):
		client = as_user(key)
		for print_format in ("Standard", fmt):
			r = client.get("/printview", doctype="Complaint", name=world["complaint_a"], format=print_format)
			assert r.status_code == 200, r.text[-500:]
			assert shown in r.text and hidden not in r.text, (key, print_format)
		r = client.method(
			"frappe.www.printview.get_html_and_style",
			doc="Complaint",
			name=world["complaint_a"],
			print_format=fmt,
		)
		assert shown in r.json()["message"]["html"] and hidden not in r.json()["message"]["html"]


def test_excel_export_is_masked_for_the_agent(world, as_user):
	"""R-12, R-73: the agent's Excel export of complaints has the masked phone, never the clear one."""
	r = as_user("agent_a").post(
		"/api/method/frappe.desk.reportview.export_query",
		doctype="Complaint",
		file_format_type="Excel",
		title="投诉",
		filters=json.dumps([["name", "in", [world["complaint_a"], world["complaint_routed"]]]]),
		fields=json.dumps(
			["`tabComplaint`.`name`", "`tabComplaint`.`subject`", "`tabComplaint`.`complainant_phone_masked`"]
		),
	)
	assert r.status_code == 200, r.text[-500:]
	rows = list(load_workbook(io.BytesIO(r.content), read_only=True).active.iter_rows(values_only=True))
	cells = {str(v) for row in rows for v in row}
	assert MASKED_COMPLAINANT in cells and PHONE_COMPLAINANT not in cells
	assert len(rows) == 3  # header + 2 complaints


def test_change_history_keeps_no_clear_value(world, site_frappe, as_user):
	"""R-12, R-13: the archive's version history (shown to everyone who opens the form) records a
	changed phone or ID masked."""
	frappe = site_frappe
	from tests.security.world import customer

	name = customer(frappe, f"历史客户 {world['tag']}", world["window_a"], "13511112222", id_number=ID_A)
	doc = frappe.get_doc("Customer Archive", name)
	doc.contacts[0].phone = "13533334444"
	doc.id_number = "370102199202022222"
	doc.save(ignore_permissions=True)
	frappe.db.commit()
	data = frappe.get_all(
		"Version", filters={"ref_doctype": "Customer Archive", "docname": name}, pluck="data"
	)
	assert data
	text = "".join(data)
	for secret in ("13511112222", "13533334444", ID_A, "370102199202022222"):
		assert secret not in text
	assert "135****4444" in text and "3701**********2222" in text
	r = as_user("agent_a").method("frappe.desk.form.load.getdoc", doctype="Customer Archive", name=name)
	assert "13533334444" not in r.text and "13511112222" not in r.text


@pytest.mark.parametrize("doctype", ["Customer Archive", "Callback Record"])
def test_agent_may_not_export_or_print_archives_and_records(world, as_user, doctype):
	"""R-12: an agent's export or print of archives and records is refused."""
	agent = as_user("agent_a")
	r = agent.post(
		"/api/method/frappe.desk.reportview.export_query",
		doctype=doctype,
		file_format_type="CSV",
		fields=json.dumps([f"`tab{doctype}`.`name`"]),
	)
	assert r.status_code == 403, r.text[-300:]
	if doctype == "Customer Archive":
		r = agent.get("/printview", doctype=doctype, name=world["cust_a"], format="Standard")
		assert PHONE_A not in r.text and MASKED_PHONE_A not in r.text and world["tag"] not in r.text


def test_agent_saving_the_form_keeps_the_confidential_values(world, as_user, site_frappe):
	"""R-12: an agent saving the archive form they were given (masked, no phones) changes what
	they edited and leaves the phones, ID and address as they were."""
	frappe = site_frappe
	agent = as_user("agent_a")
	doc = agent.method(
		"frappe.desk.form.load.getdoc", doctype="Customer Archive", name=world["cust_a"]
	).json()
	doc = doc["docs"][0]
	doc["preferred_method"] = "Visit" if doc.get("preferred_method") != "Visit" else "Phone"
	r = agent.post("/api/method/frappe.client.save", doc=json.dumps(doc))
	assert r.status_code == 200, r.text[-300:]
	assert PHONE_A not in r.text
	frappe.db.rollback()
	saved = frappe.get_doc("Customer Archive", world["cust_a"])
	assert saved.preferred_method == doc["preferred_method"]
	assert (saved.primary_phone, saved.id_number, saved.address, saved.contacts[0].phone) == (
		PHONE_A,
		ID_A,
		ADDRESS_A,
		PHONE_A,
	)
	assert saved.primary_phone_masked == MASKED_PHONE_A


def test_write_responses_carry_no_clear_values_for_the_agent(world, as_user):
	"""R-12: the document the engine sends back after an agent's REST update, set_value or save of
	an archive or complaint holds no confidential value in clear."""
	agent = as_user("agent_a")
	name = world["cust_a"]
	responses = [
		agent.session.put(
			f"{agent.url}/api/resource/Customer Archive/{name}",
			json={"preferred_method": "Phone"},
			timeout=60,
		),
		agent.post(
			"/api/method/frappe.client.set_value",
			doctype="Customer Archive",
			name=name,
			fieldname="preferred_method",
			value="Visit",
		),
		agent.session.put(
			f"{agent.url}/api/resource/Complaint/{world['complaint_a']}", json={"people_count": 2}, timeout=60
		),
	]
	for r in responses:
		assert r.status_code == 200, r.text[-300:]
		for secret in (*SECRETS, PHONE_COMPLAINANT):
			assert secret not in r.text
	assert MASKED_PHONE_A in responses[0].text and MASKED_COMPLAINANT in responses[2].text


def test_rows_saved_before_masking_are_filled_by_the_patch(world, site_frappe):
	"""R-12: archives and contacts written without masked copies (older rows, bulk imports) get them
	from the migration patch, and nothing else changes."""
	frappe = site_frappe
	from huifang.patches.v1_0.fill_masked_fields import execute

	from tests.security.world import customer

	name = customer(frappe, f"旧客户 {world['tag']}", world["window_a"], "13912345678", id_number=ID_A)
	frappe.db.set_value("Customer Archive", name, {"primary_phone_masked": None, "id_number_masked": None})
	frappe.db.sql("update `tabCustomer Contact` set phone_masked = null where parent = %s", name)
	execute()
	row = frappe.db.get_value(
		"Customer Archive", name, ["primary_phone", "primary_phone_masked", "id_number_masked"], as_dict=True
	)
	assert (row.primary_phone, row.primary_phone_masked, row.id_number_masked) == (
		"13912345678",
		"139****5678",
		MASKED_ID_A,
	)
	assert frappe.db.get_value("Customer Contact", {"parent": name}, "phone_masked") == "139****5678"
	frappe.db.rollback()
