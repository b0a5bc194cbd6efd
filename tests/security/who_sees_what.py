"""Print the README's "who sees what" table, generated from permission_matrix.csv.

	env/bin/python tests/security/who_sees_what.py          # roles × key DocTypes (for the README)
	env/bin/python tests/security/who_sees_what.py --all    # roles × every DocType of the matrix

The table is read from the same file the permission matrix test checks, so it cannot drift from
what the site enforces.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.security.matrix import load  # noqa: E402

SHORT = {
	"Huifang Agent": "Agent 回访专员",
	"Huifang Supervisor": "Supervisor 客服主管",
	"Huifang Manager": "Manager 项目负责人",
	"Complaint Handler": "Handler 责任部门",
	"Quality Auditor": "Auditor 质量部",
	"Customer": "Customer 客户",
	"Huifang Integration": "Integration 集成",
	"System Manager": "System Manager",
}
# the DocTypes that hold or guard customers' personal data (R-12)
KEY_DOCTYPES = [
	"Customer Archive",
	"Service Event",
	"Callback Task",
	"Callback Record",
	"Complaint",
	"Survey Response",
	"Archive Access Request",
	"Archive Access Log",
	"Export Log",
]
LEGEND = (
	"R read · W write · C create · D delete · E export · P print · Q report · "
	"+ confidential fields in clear (ID number, phones, address, income, family; others see "
	"138\\*\\*\\*\\*1234, 3701\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*1234, the address to its district) · — nothing. "
	"A confidential archive opens only to its named users and Managers; an approved Archive Access "
	"Request opens one archive read-only until it expires; phones are revealed to the assignee of an "
	"open Callback Task, and logged. "
	"Generated from `tests/security/permission_matrix.csv` by `tests/security/who_sees_what.py`."
)


def render(all_doctypes: bool = False) -> str:
	"""Markdown: one row per role, one column per DocType, then the rows the role sees."""
	roles, rows_seen, cells = load()
	doctypes = list(cells) if all_doctypes else [d for d in KEY_DOCTYPES if d in cells]
	missing = set(KEY_DOCTYPES) - set(cells)
	if missing:
		raise SystemExit(f"permission_matrix.csv lacks {sorted(missing)}")
	lines = [
		"| Role | " + " | ".join(doctypes) + " | Rows seen |",
		"| --- |" + " :-: |" * len(doctypes) + " --- |",
	]
	for role in roles:
		marks = " | ".join(cells[d][role] or "—" for d in doctypes)
		lines.append(f"| {SHORT.get(role, role)} | {marks} | {rows_seen.get(role, '')} |")
	lines += ["", LEGEND]
	return "\n".join(lines)


if __name__ == "__main__":
	print(render(all_doctypes="--all" in sys.argv[1:]))
