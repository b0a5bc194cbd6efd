"""Acting as a user on a day in the past, and putting the real dates on what was saved.

Controllers stamp `now` (creation, modified, reviewed_on, accepted_on...). The demo plays four
months of work in a few seconds, so it saves each document as the user who did the work, with
`frappe.flags.current_date` (Frappe's own date override of `frappe.utils.now`) on the day it
happened, then writes the exact times with one UPDATE per document.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import frappe


def act(user: str, when: datetime | None = None) -> None:
	"""Work as `user` (switching only when it changes) on the day of `when`."""
	if frappe.session.user != user:
		frappe.set_user(user)
	frappe.flags.current_date = when.date() if when else None


def reset() -> None:
	frappe.flags.current_date = None
	if frappe.session.user != "Administrator":
		frappe.set_user("Administrator")


class Stamps:
	"""Exact past times for saved documents, written at the end in one pass per document."""

	def __init__(self):
		self.rows: dict[str, dict[str, dict]] = defaultdict(dict)

	def set(self, doctype: str, name: str, **values) -> None:
		self.rows[doctype].setdefault(name, {}).update({k: v for k, v in values.items() if v is not None})

	def flush(self) -> int:
		count = 0
		for doctype, docs in self.rows.items():
			for name, values in docs.items():
				if not values:
					continue
				columns = ", ".join(f"`{column}` = %({column})s" for column in values)
				frappe.db.sql(
					f"UPDATE `tab{doctype}` SET {columns} WHERE `name` = %(hf_name)s",
					{**values, "hf_name": name},
				)
				count += 1
		self.rows.clear()
		return count
