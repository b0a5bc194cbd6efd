"""Print the README's "who sees what" table, generated from permission_matrix.csv.

env/bin/python tests/security/who_sees_what.py
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
	"Huifang Integration": "Integration",
	"System Manager": "System Manager",
}


def render() -> str:
	roles, rows_seen, cells = load()
	lines = [
		"| DocType | " + " | ".join(SHORT.get(r, r) for r in roles) + " |",
		"| --- |" + " --- |" * len(roles),
		"| *rows seen* | " + " | ".join(rows_seen.get(r, "") for r in roles) + " |",
	]
	for doctype, by_role in cells.items():
		lines.append(f"| {doctype} | " + " | ".join(by_role[r] or "—" for r in roles) + " |")
	lines.append("")
	lines.append(
		"R read · W write · C create · D delete · E export · P print · Q report · "
		"+ confidential fields in clear (others see them masked: 138\\*\\*\\*\\*1234). "
		"A confidential archive opens only to its named users and Managers; an approved Archive Access "
		"Request opens one archive read-only until it expires. "
		"Generated from `tests/security/permission_matrix.csv` by `tests/security/who_sees_what.py`."
	)
	return "\n".join(lines)


if __name__ == "__main__":
	print(render())
