"""Desk in a real browser: a workflow action button moves a document on (issue 3, 3).

Uses the app's own workflow fixture "Complaint Handling" (R-53): a new complaint is in state
New; the Accept action (allowed to Huifang Supervisor / Manager; Administrator holds every role)
moves it to Accepted and stamps accepted_on.
"""

import re
import time

from tests.browser.conftest import token

WORKFLOW = "Complaint Handling"


def make_complaint(frappe, subject: str) -> str:
	from huifang.tests import factories as fx

	fx.ensure_fixtures()
	unit = fx.make_unit(unit_type="Window")
	doc = frappe.get_doc(
		{
			"doctype": "Complaint",
			"subject": subject,
			"channel": "Phone",
			"complainant_name": "浏览器测试",
			"category": "Customer Service",
			"service_unit": unit,
			"description": "浏览器测试：工作流操作按钮",
		}
	).insert()
	frappe.db.commit()
	return doc.name


def test_workflow_action_button_moves_complaint(desk, db):
	"""R-53 / Desk: on a New complaint's form, Actions → Accept (the Complaint Handling workflow's
	button) moves the complaint to Accepted in the database."""
	assert db.db.get_value("Workflow", WORKFLOW, "is_active"), (
		f"workflow fixture {WORKFLOW!r} is not installed"
	)
	name = make_complaint(db, token("工作流 "))
	assert db.db.get_value("Complaint", name, "workflow_state") == "New"

	desk.login()
	page = desk.page
	desk.goto(f"/desk/complaint/{name}")
	assert desk.js("return cur_frm && cur_frm.doc.name") == name

	accept = desk.translate("Accept")
	actions = page.locator(".page-head:visible .actions-btn-group")
	actions.locator("button").first.click()
	item = actions.locator(
		".dropdown-menu .dropdown-item", has_text=re.compile(rf"^\s*{re.escape(accept)}\s*$")
	)
	item.first.wait_for(state="visible")
	desk.shot("actions")
	applied = []
	page.on("response", lambda r: applied.append(r) if "apply_workflow" in r.url else None)
	item.first.click()
	# a workflow may ask to confirm the action first (Workflow.enable_action_confirmation)
	confirm = page.locator(".modal.show .btn-modal-primary, .modal.show .btn-primary")
	deadline = time.monotonic() + 30
	while not applied and time.monotonic() < deadline:
		if confirm.count() and confirm.first.is_visible():
			confirm.first.click()
		page.wait_for_timeout(200)
	assert applied, "clicking the workflow action sent no apply_workflow request"
	assert applied[0].ok, applied[0].text()
	page.wait_for_function("() => cur_frm.doc.workflow_state === 'Accepted' && !cur_frm.is_dirty()")
	desk.wait_ready()
	# the form now offers the Accepted state's action (Assign) instead of Accept
	actions.locator("button").first.click()
	labels = actions.locator(".dropdown-menu .dropdown-item")
	labels.first.wait_for(state="visible")
	offered = [t.strip() for t in labels.all_inner_texts()]
	assert desk.translate("Assign") in offered and accept not in offered, offered
	desk.shot("accepted")

	db.db.rollback()
	assert db.db.get_value("Complaint", name, "workflow_state") == "Accepted"
	assert db.db.get_value("Complaint", name, "accepted_on")
	desk.assert_no_errors()
