"""The permission matrix (R-02, R-12): every role × DocType × action in permission_matrix.csv holds
for a real user of that role, and the file covers every DocType of the app."""

import pytest

from tests.security.matrix import ACTIONS, CLEAR, actions, load
from tests.security.world import make_user


@pytest.fixture(scope="module")
def matrix():
	return load()


# users of the organisation in world.py that hold exactly one role
WORLD_USERS = {
	"Huifang Agent": "agent_a",
	"Huifang Supervisor": "supervisor_a",
	"Huifang Manager": "manager",
	"Complaint Handler": "handler_b",
	"Quality Auditor": "auditor",
}


@pytest.fixture(scope="module")
def role_users(site_frappe, matrix, world):
	"""A real user per role of the matrix, holding that role only."""
	frappe = site_frappe
	roles, _rows, _cells = matrix
	users = {role: world["u"][key] for role, key in WORLD_USERS.items()}
	for role in set(roles) - set(users):
		users[role] = make_user(frappe, "matrix-" + role.lower().replace(" ", "-"), world["tag"], role)[
			"user"
		]
	frappe.db.commit()
	for role, user in users.items():
		assert set(frappe.get_roles(user)) & set(roles) == {role}, user
	return users


def test_matrix_covers_every_doctype_and_role(site_frappe, matrix):
	"""R-02: the table documents every DocType of the app and every app role, nothing else."""
	frappe = site_frappe
	roles, rows_seen, cells = matrix
	doctypes = set(frappe.get_all("DocType", filters={"module": "Huifang", "istable": 0}, pluck="name"))
	assert set(cells) == doctypes
	assert set(_fixture_roles(frappe)) <= set(roles)
	assert set(rows_seen) == set(roles) and all(rows_seen.values())


def _fixture_roles(frappe):
	for fixture in frappe.get_hooks("fixtures"):
		if isinstance(fixture, dict) and fixture.get("dt") == "Role":
			return fixture["filters"][0][2]
	return []


def test_every_role_doctype_action_matches(site_frappe, matrix, role_users):
	"""R-02, R-12: has_permission and the role permissions of a real user of each role give exactly
	the documented actions (read, write, create, delete, submit, export, print, report)."""
	frappe = site_frappe
	roles, _rows, cells = matrix
	mismatches = []
	for doctype, by_role in cells.items():
		meta = frappe.get_meta(doctype)
		for role in roles:
			user = role_users[role]
			expected = actions(by_role[role])
			role_perms = frappe.permissions.get_role_permissions(meta, user=user)
			for action in ACTIONS.values():
				allowed = frappe.has_permission(doctype, action, user=user)
				if action != "submit":
					allowed = allowed and bool(role_perms.get(action))
				if allowed != (action in expected):
					mismatches.append((doctype, role, action, allowed))
	assert not mismatches, mismatches


def test_confidential_fields_in_clear_only_where_marked(site_frappe, matrix, role_users):
	"""R-12: only the cells marked + read the confidential (permlevel 1) fields of a DocType."""
	frappe = site_frappe
	roles, _rows, cells = matrix
	mismatches = []
	for doctype, by_role in cells.items():
		meta = frappe.get_meta(doctype)
		if not any(df.permlevel == 1 for df in meta.fields):
			assert not any(CLEAR in c for c in by_role.values()), doctype
			continue
		for role in roles:
			clear = 1 in meta.get_permlevel_access("read", user=role_users[role])
			if clear != (CLEAR in by_role[role]):
				mismatches.append((doctype, role, clear))
	assert not mismatches, mismatches


def test_auditor_changes_nothing(matrix):
	"""R-02: the Quality Auditor reads every DocType and may write, create or delete none."""
	_roles, _rows, cells = matrix
	for doctype, by_role in cells.items():
		granted = actions(by_role["Quality Auditor"])
		assert "read" in granted, doctype
		assert not granted & {"write", "create", "delete", "submit"}, doctype


def test_archives_and_records_export_and_print_from_supervisor_up(matrix):
	"""R-12: exports and prints of archives and records are for Supervisors and above only."""
	_roles, _rows, cells = matrix
	for doctype in ("Customer Archive", "Callback Record"):
		for role, cell in cells[doctype].items():
			may = bool(actions(cell) & {"export", "print"})
			assert may == (role in ("Huifang Supervisor", "Huifang Manager", "System Manager")), (
				doctype,
				role,
			)


def test_who_sees_what_table_is_the_matrix(matrix):
	"""R-12: the README's "who sees what" table shows, for every role and key DocType, exactly the
	cell of permission_matrix.csv (— for none) and the rows the role sees."""
	from tests.security.who_sees_what import KEY_DOCTYPES, SHORT, render

	roles, rows_seen, cells = matrix
	lines = render().splitlines()
	header = [c.strip() for c in lines[0].strip("|").split("|")]
	assert header == ["Role", *KEY_DOCTYPES, "Rows seen"]
	body = {}
	for line in lines[2 : 2 + len(roles)]:
		role, *marks, seen = (c.strip() for c in line.strip("|").split("|"))
		body[role] = (marks, seen)
	for role in roles:
		marks, seen = body[SHORT.get(role, role)]
		assert marks == [cells[d][role] or "—" for d in KEY_DOCTYPES], role
		assert seen == rows_seen[role], role


def test_readme_carries_the_generated_table():
	"""R-12: the README's table is exactly what who_sees_what.py renders from the matrix today, so
	changing the matrix without regenerating the README fails here."""
	from tests.conftest import BENCH
	from tests.security.who_sees_what import render

	assert render().strip() in (BENCH / "README.md").read_text(), (
		"README.md is stale: paste the output of `env/bin/python tests/security/who_sees_what.py`"
	)
