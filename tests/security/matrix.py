"""Reading tests/security/permission_matrix.csv, the documented role × DocType permissions.

Each cell lists the actions a role has on a DocType: R read, W write, C create, D delete,
S submit, E export, P print, Q report, and + when the role reads the confidential
(permlevel 1) fields in clear. The "(rows)" line says which rows each role sees."""

from __future__ import annotations

import csv
from pathlib import Path

MATRIX = Path(__file__).with_name("permission_matrix.csv")
ACTIONS = {
	"R": "read",
	"W": "write",
	"C": "create",
	"D": "delete",
	"S": "submit",
	"E": "export",
	"P": "print",
	"Q": "report",
}
CLEAR = "+"
ROWS = "(rows)"


def load(path: Path = MATRIX) -> tuple[list[str], dict[str, str], dict[str, dict[str, str]]]:
	"""(roles, rows seen per role, {doctype: {role: cell}})."""
	with open(path, newline="", encoding="utf-8") as f:
		reader = csv.reader(f)
		header = next(reader)
		roles = header[1:]
		rows_seen, cells = {}, {}
		for line in reader:
			if not line:
				continue
			values = dict(zip(roles, line[1:], strict=True))
			if line[0] == ROWS:
				rows_seen = values
			else:
				cells[line[0]] = values
	return roles, rows_seen, cells


def actions(cell: str) -> set[str]:
	unknown = set(cell) - set(ACTIONS) - {CLEAR}
	if unknown:
		raise ValueError(f"unknown letters {unknown} in {cell!r}")
	return {ACTIONS[c] for c in cell if c in ACTIONS}
