"""patches/link_search_flags.py: a Link field's search and validation with ignore_user_permissions="0"."""

from tests.patches.test_engine_patches import last_json, run

CODE = """import json, monoframe
import monoframe.client, monoframe.desk.search
monoframe.init(); monoframe.connect()
monoframe.set_user("Administrator")
out = {}
def attempt(key, fn, **kwargs):
	try:
		out[key] = fn(**kwargs)
	except monoframe.ValidationError:
		out[key] = "refused"
	monoframe.clear_messages()
# what the Desk sends for the workflow_state Link of a new Complaint (its default: New)
attempt("validate", monoframe.client.validate_link_and_fetch, doctype="Workflow State", docname="New",
	fields_to_fetch=["name"], ignore_user_permissions="0", reference_doctype="Complaint",
	link_fieldname="workflow_state", page_length="10")
attempt("search", monoframe.desk.search.search_widget, doctype="Workflow State", txt="New",
	ignore_user_permissions="0", reference_doctype="Complaint", link_fieldname="workflow_state",
	as_dict="0")
# "1" still asks to ignore user permissions, and the field does not allow it
attempt("ignore", monoframe.desk.search.search_widget, doctype="Workflow State", txt="New",
	ignore_user_permissions="1", reference_doctype="Complaint", link_fieldname="workflow_state")
print(json.dumps({k: v if v == "refused" else "ok" for k, v in out.items()}))
"""


def test_link_search_reads_zero_as_no():
	"""Desk (issue 3, staff work in forms): a Link field's validation and search with
	ignore_user_permissions="0" are refused by the bare engine and work with the patch; "1" on
	a field that does not allow it is still refused."""
	others = "import patches\npatches.MODULES = tuple(m for m in patches.MODULES if m != 'link_search_flags')\npatches.apply()\n"
	bare = last_json(run(others + CODE, patched=False))
	assert bare == {"validate": "refused", "search": "refused", "ignore": "refused"}, bare
	patched = last_json(run(CODE, patched=True))
	assert patched == {"validate": "ok", "search": "ok", "ignore": "refused"}, patched
