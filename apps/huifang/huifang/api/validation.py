"""Input checking for the integration API: every bad field is reported, in Chinese, by name.

The methods' type annotations are the contract. `api_method` resolves them and converts the
HTTP values (form strings or JSON) itself, so that a client reads "金额（amount）必须是数字。"
instead of the framework's English type error. For that the API modules use postponed
annotations: the framework's own argument check skips string annotations and leaves the
conversion to this module.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import math
import types
import typing
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import frappe
from frappe import _

_MISSING = object()
TRUE = {"1", "true", "yes", "y", "on"}
FALSE = {"0", "false", "no", "n", "off"}


class InvalidInput(frappe.ValidationError):
	"""One or more fields of an integration request are missing or wrong (HTTP 417)."""


@dataclass(frozen=True)
class Field:
	"""How one argument is checked, beyond its annotated type."""

	label: str  # English source label, shown translated
	max_length: int | None = None
	options: tuple[str, ...] = ()
	link: str | None = None  # the value must name a document of this DocType
	minimum: float | None = None
	maximum: float | None = None


def api_method(roles: tuple[str, ...] | None = None, **fields: Field):
	"""Check the caller's roles, then every argument against the annotations and `fields`;
	raise one InvalidInput listing all bad fields, or call the method with converted values."""

	def decorate(fn):
		params = inspect.signature(fn).parameters
		hints = typing.get_type_hints(fn)

		@functools.wraps(fn)
		def wrapper(*args, **kwargs):
			if roles and not set(roles) & set(frappe.get_roles()):
				frappe.throw(
					_("Only users with the Huifang Integration role may use the integration API."),
					frappe.PermissionError,
				)
			given = dict(zip(params, args, strict=False)) | kwargs
			values, errors = {}, {}
			for name, param in params.items():
				spec = fields.get(name) or Field(name)
				try:
					values[name] = convert(given.get(name, _MISSING), hints.get(name, str), param, spec)
				except _FieldError as e:
					errors[name] = describe(name, spec, e.message)
			if errors:
				raise_invalid(errors)
			return fn(**values)

		return wrapper

	return decorate


class _FieldError(Exception):
	def __init__(self, message: str):
		self.message = message


def describe(name: str, spec: Field, problem: str) -> str:
	return _("{0} ({1}): {2}").format(_(spec.label), name, problem)


def raise_invalid(errors: dict[str, str]) -> None:
	"""One error for the whole request; `field_errors` in the response maps field -> message."""
	frappe.local.response["field_errors"] = errors
	frappe.throw(list(errors.values()), InvalidInput, title=_("Invalid input"), as_list=True)


def field_error(name: str, label: str, problem: str) -> None:
	"""Raise InvalidInput for one field from inside a method (checks needing the database)."""
	raise_invalid({name: describe(name, Field(label), problem)})


def base_type(hint):
	"""(type, optional) of an annotation such as `float | None`."""
	if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
		args = [a for a in typing.get_args(hint) if a is not type(None)]
		return args[0], True
	return hint, False


def convert(raw, hint, param: inspect.Parameter, spec: Field):
	kind, _optional = base_type(hint)
	if raw is _MISSING or raw is None or (isinstance(raw, str) and not raw.strip()):
		if param.default is inspect.Parameter.empty:
			raise _FieldError(_("is required."))
		return param.default
	value = TO_TYPE[kind](raw)
	check_bounds(value, spec)
	return value


def to_str(raw) -> str:
	if isinstance(raw, bool) or not isinstance(raw, str | int):
		raise _FieldError(_("must be text."))
	return str(raw).strip()


def to_int(raw) -> int:
	if isinstance(raw, bool):
		raise _FieldError(_("must be a whole number."))
	if isinstance(raw, int):
		return raw
	if isinstance(raw, float) and raw.is_integer():
		return int(raw)
	if isinstance(raw, str):
		try:
			return int(raw.strip())
		except ValueError:
			pass
	raise _FieldError(_("must be a whole number."))


def to_float(raw) -> float:
	if isinstance(raw, bool) or not isinstance(raw, str | int | float):
		raise _FieldError(_("must be a number."))
	try:
		value = float(raw)
	except ValueError:
		raise _FieldError(_("must be a number.")) from None
	if not math.isfinite(value):
		raise _FieldError(_("must be a number."))
	return value


def to_bool(raw) -> bool:
	if isinstance(raw, bool):
		return raw
	if isinstance(raw, int) and raw in (0, 1):
		return bool(raw)
	if isinstance(raw, str) and raw.strip().lower() in TRUE | FALSE:
		return raw.strip().lower() in TRUE
	raise _FieldError(_("must be true or false."))


def to_date(raw) -> datetime.date:
	if isinstance(raw, str):
		try:
			return datetime.date.fromisoformat(raw.strip())
		except ValueError:
			pass
	raise _FieldError(_("must be a date (YYYY-MM-DD)."))


def to_datetime(raw) -> datetime.datetime:
	"""ISO date and time; with an offset it is converted to the system time zone."""
	if isinstance(raw, str):
		try:
			value = datetime.datetime.fromisoformat(raw.strip())
		except ValueError:
			pass
		else:
			if value.tzinfo:
				from frappe.utils import get_system_timezone

				value = value.astimezone(ZoneInfo(get_system_timezone())).replace(tzinfo=None)
			return value
	raise _FieldError(_("must be a date and time (YYYY-MM-DD HH:MM:SS)."))


TO_TYPE = {
	str: to_str,
	int: to_int,
	float: to_float,
	bool: to_bool,
	datetime.date: to_date,
	datetime.datetime: to_datetime,
}


def check_bounds(value, spec: Field) -> None:
	if spec.max_length and isinstance(value, str) and len(value) > spec.max_length:
		raise _FieldError(_("is longer than {0} characters.").format(spec.max_length))
	if spec.options and value not in spec.options:
		raise _FieldError(_("must be one of: {0}.").format(", ".join(spec.options)))
	if spec.minimum is not None and value < spec.minimum:
		raise _FieldError(_("must be at least {0}.").format(spec.minimum))
	if spec.maximum is not None and value > spec.maximum:
		raise _FieldError(_("must be at most {0}.").format(spec.maximum))
	if spec.link and not frappe.db.exists(spec.link, value):
		raise _FieldError(_("{0} {1} does not exist.").format(_(spec.link), value))
