"""Moving a demo document through its workflow as the user allowed to, on a day in the past."""

from __future__ import annotations

import frappe
from frappe.model.workflow import get_transitions, has_approval_access

from huifang.demo.clock import act


def advance(doc, action: str, user: str, when, **fields):
	"""What the user does on the form: fill in `fields`, click `action`. The transition is
	checked against the user's roles exactly as Frappe's apply_workflow checks it, and the save
	runs the controller, with links left as validated on insert and no realtime push to browsers
	that are not there. The Version of the save records the transition on the timeline."""
	act(user, when)
	doc.update(fields)
	transition = next((t for t in get_transitions(doc) if t.action == action), None)
	if not transition or not has_approval_access(frappe.session.user, doc, transition):
		frappe.throw(f"demo: {user} may not {action} {doc.doctype} {doc.name} ({doc.workflow_state})")
	doc.workflow_state = transition.next_state
	doc.flags.ignore_links = True
	doc.flags.notify_update = False
	doc.save()
	return doc
