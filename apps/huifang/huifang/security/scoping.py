"""Row-level access by Service Unit (R-01, R-02, R-12), written once for every unit-scoped DocType.

`get_permission_query_conditions` (lists, counts, report view, link search, exports) and
`has_permission` (opening, printing, saving one document) use the same SQL condition, so a list
never shows a document its form would refuse. Role permissions still decide *what* a role may do;
this module only narrows *which rows*:

- Administrator, System Manager, Huifang Integration: every row.
- Quality Auditor: reads every row (confidential archives excepted); role permissions give no write.
- Huifang Supervisor / Manager: their units and every unit below them (nested set).
- Agents and other staff: their own units, plus documents that name them (assignee, agent, ...).
- Complaint Handler: also complaints and rectification requests routed to their units.
- Customer Archive: also the customers of the user's open tasks; a confidential archive only for
  its account manager, its named users and Managers; a DocShare (approved access request) opens one.
Users with no staff role (portal customers) are left to role permissions, which give them nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe

from huifang.utils.units import get_user_units

UNRESTRICTED_ROLES = {"System Manager", "Huifang Integration"}
READ_ALL_ROLES = {"Quality Auditor"}
TREE_ROLES = {"Huifang Supervisor", "Huifang Manager"}
CONFIDENTIAL_ROLES = {"Huifang Manager"}
HANDLER_ROLE = "Complaint Handler"
STAFF_ROLES = {"Huifang Agent", "Huifang Supervisor", "Huifang Manager", HANDLER_ROLE, "Quality Auditor"}
READ_PTYPES = {"read", "select", "print", "email", "report", "export"}
ACTIVE_TASK_STATUSES = ("Open", "In Progress", "Overdue")


@dataclass(frozen=True)
class Scope:
	units: tuple[str, ...] = ("service_unit",)  # the document's unit fields
	routed: tuple[str, ...] = ()  # unit fields a Complaint Handler acts on
	personal: tuple[str, ...] = ()  # user fields that open the document to that user
	optional_unit: bool = False  # a document without a unit is open to all staff
	via: tuple[str, str] | None = None  # (link field, DocType) whose scope this one follows
	task_customers: bool = False  # customers of the user's open Callback Tasks
	confidential: bool = False  # is_confidential limits to named users and Managers


SCOPES: dict[str, Scope] = {
	"Customer Archive": Scope(personal=("account_manager",), task_customers=True, confidential=True),
	"Service Event": Scope(personal=("handler",)),
	"Callback Plan": Scope(optional_unit=True),
	"Callback Task": Scope(personal=("assignee",)),
	"Callback Record": Scope(personal=("agent",)),
	"Callback Sample": Scope(),
	"Complaint": Scope(routed=("responsible_unit",), personal=("assigned_to", "callback_by")),
	"Rectification Request": Scope(routed=("responsible_unit",), personal=("handled_by",)),
	"Evaluator Score": Scope(),
	"Huifang Escalation": Scope(personal=("escalated_to",)),
	"Service Analysis": Scope(),
	"Survey Campaign": Scope(optional_unit=True),
	"Survey Response": Scope(optional_unit=True),
	"Survey Invitation": Scope(units=(), via=("customer", "Customer Archive")),
	"Archive Access Request": Scope(personal=("requested_by",)),
	"Archive Access Log": Scope(personal=("user",)),
}


@dataclass(frozen=True)
class Access:
	user: str
	unrestricted: bool
	staff: bool
	reads_all: bool
	sees_confidential: bool
	handler: bool
	units: tuple[str, ...]  # own units, or own units and below for Supervisors/Managers
	own_units: tuple[str, ...]


def get_access(user: str | None = None) -> Access:
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	unrestricted = user == "Administrator" or bool(roles & UNRESTRICTED_ROLES)
	units = {"own": [], "tree": []} if unrestricted else get_user_units(user)
	return Access(
		user=user,
		unrestricted=unrestricted,
		staff=bool(roles & STAFF_ROLES),
		reads_all=bool(roles & READ_ALL_ROLES),
		sees_confidential=bool(roles & CONFIDENTIAL_ROLES),
		handler=HANDLER_ROLE in roles,
		units=tuple(units["tree"] if roles & TREE_ROLES else units["own"]),
		own_units=tuple(units["own"]),
	)


def is_scoped(doctype: str, access: Access) -> bool:
	return doctype in SCOPES and access.staff and not access.unrestricted


def _in(values) -> str:
	return "(" + ", ".join(frappe.db.escape(v) for v in values) + ")"


def build_condition(doctype: str, access: Access, for_write: bool = False) -> str:
	"""The SQL condition on `tab<doctype>` selecting the rows `access` may read (or change)."""
	scope = SCOPES[doctype]
	table = f"`tab{doctype}`"
	user = frappe.db.escape(access.user)
	clauses = []
	if access.reads_all and not for_write:
		clauses.append("1=1")
	if access.units:
		clauses += [f"{table}.`{field}` in {_in(access.units)}" for field in scope.units]
	if scope.optional_unit:
		clauses.append(" and ".join(f"ifnull({table}.`{field}`, '') = ''" for field in scope.units))
	if access.handler and access.own_units:
		clauses += [f"{table}.`{field}` in {_in(access.own_units)}" for field in scope.routed]
	clauses += [f"{table}.`{field}` = {user}" for field in scope.personal]
	if scope.via:
		field, target = scope.via
		inner = build_condition(target, access, for_write)
		clauses.append(f"{table}.`{field}` in (select `tab{target}`.`name` from `tab{target}` where {inner})")
	if scope.task_customers:
		clauses.append(
			f"{table}.`name` in (select `customer` from `tabCallback Task` where `assignee` = {user}"
			f" and `status` in {_in(ACTIVE_TASK_STATUSES)})"
		)
	condition = "(" + " or ".join(clauses) + ")" if clauses else "(1=0)"
	if scope.confidential and not access.sees_confidential:
		condition = (
			f"({condition} and (ifnull({table}.`is_confidential`, 0) = 0"
			f" or {table}.`account_manager` = {user}"
			f" or {table}.`name` in (select `parent` from `tabArchive Allowed User`"
			f" where `parenttype` = {frappe.db.escape(doctype)} and `user` = {user})))"
		)
	# documents shared with the user (approved access requests: read only) are open whatever the
	# unit, for what the share grants
	right = "write" if for_write else "read"
	return (
		f"({condition} or {table}.`name` in (select `share_name` from `tabDocShare`"
		f" where `share_doctype` = {frappe.db.escape(doctype)} and `user` = {user} and `{right}` = 1))"
	)


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for every DocType in SCOPES."""
	access = get_access(user)
	if not doctype or not is_scoped(doctype, access):
		return ""
	return build_condition(doctype, access)


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	"""has_permission hook: the document must be inside the user's scope (same SQL as lists);
	a change may not move it into a unit outside that scope."""
	access = get_access(user)
	if not is_scoped(doc.doctype, access):
		return True
	scope = SCOPES[doc.doctype]
	reading = (ptype or "read") in READ_PTYPES
	if reading and access.reads_all and not scope.confidential:
		return True
	if doc.is_new():
		return _may_create(doc, scope, access)
	fields = ", ".join(f"`{f}`" for f in ("name", *scope.units))
	stored = frappe.db.sql(
		f"select {fields} from `tab{doc.doctype}` where `name` = %s and {build_condition(doc.doctype, access, not reading)}",
		doc.name,
		as_dict=True,
	)
	if not stored:
		return False
	if reading:
		return True
	return all(
		not doc.get(field) or doc.get(field) == stored[0].get(field) or doc.get(field) in access.units
		for field in scope.units
	)


def _may_create(doc, scope: Scope, access: Access) -> bool:
	"""A new document goes into one of the user's units, or names the user."""
	if any(doc.get(field) == access.user for field in scope.personal):
		return True
	units = [doc.get(field) for field in scope.units if doc.get(field)]
	if not units and scope.units and doc.get("customer"):
		# units are filled from the customer in validate(), after this check
		units = [frappe.db.get_value("Customer Archive", doc.get("customer"), "service_unit")]
	units = [u for u in units if u]
	if not units:
		return True
	return all(unit in access.units for unit in units)
