"""Chinese UI: every string the app shows has a zh translation.

Rule proved (requirements, "Users"): every label, message, print format and portal page reads in
Chinese; English names stay in code and DocType names, with full `zh` translations. The Desk shows
an English source string whenever translations/zh.csv has no row for it, so this test walks what
the app ships and fails on any string without a Chinese row:

- DocType JSONs: the DocType name, every field / section / tab label, Select options, field
  descriptions, connection groups and form actions;
- fixtures: role names, workflow states and actions (also those used inside the workflows);
- reports (name, columns and filters of the JSON), workspaces (labels, shortcuts, links, cards,
  charts), number cards, dashboard charts and print format names;
- every literal message of `_()` in the app's Python (read with `ast`), of `__()` in its JS and of
  `_()` in its Jinja templates and print formats;
- the Desk's own words a staff user meets on every page (DESK_STRINGS): the engine ships no
  translations of its own (no zh .csv/.po/.mo in the wheel), so the app carries the common ones.

The zh.csv itself must be valid: 2 or 3 columns a row, no key given two different translations,
Chinese in every translation (codes such as P1 or PDF may stay as they are) and the same `{0}`
placeholders as the source.
"""

import ast
import csv
import json
import re
from pathlib import Path

import frappe
from frappe.tests import UnitTestCase

APP = Path(__file__).resolve().parents[1]
ZH_CSV = APP / "translations" / "zh.csv"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")
# codes and product names that read the same in Chinese
CODE = re.compile(r"^[A-Z0-9][A-Z0-9 .+/\-–%]*$|^(Excel|Email|Kanban|Gantt)$")
PLACEHOLDER = re.compile(r"\{\d*\}")
JS_CALL = re.compile(r"""(?<![\w.$])__\(\s*(["'`])((?:\\.|(?!\1).)*?)\1\s*[,)]""", re.S)
JINJA_CALL = re.compile(r"""(?<![\w.])_\(\s*(["'])((?:\\.|(?!\1).)*?)\1\s*[,)]""", re.S)

# The Desk's own words a staff user meets most (read off the Desk's pages for a zh user: sidebar,
# notifications, list and report views, filters and sort, the form toolbar and its menus, the
# timeline, workflow, assignments, report pages and the common dialogs). Each is a literal the
# engine passes to __() / _(), checked below against its sources.
DESK_STRINGS = (
	# navbar, sidebar, notifications
	"Search",
	"Search for anything",
	"Search or type a command",
	"Notifications",
	"Notification",
	"Notification Settings",
	"Mark all as read",
	"Mark as Read",
	"View Full Log",
	"See all Activity",
	"Events",
	"What's New",
	"Nothing New",
	"There is nothing new to show you right now.",
	"No New notifications",
	"Looks like you haven’t received any notifications.",
	"No Upcoming Events",
	"There are no upcoming events for you.",
	"User Settings",
	"Log out",
	"Logout",
	"Home",
	"Collapse",
	"Expand",
	"Toggle Sidebar",
	"Toggle Full Width",
	"Toggle Theme",
	"Session Defaults",
	"Workspaces",
	"Workspace",
	"Settings",
	"Help",
	"Website",
	"Navigate to main content",
	"User Menu",
	"Edit Sidebar",
	"Discard",
	"Recents",
	"Lists",
	"Reports",
	"Report",
	"Dashboard",
	"Setup",
	"Administration",
	"Open {0}",
	"New {0}",
	"Search for {0}",
	"Find {0} in {1}",
	"{0} List",
	"{0} Report",
	"{0} Dashboard",
	# list view
	"List View",
	"Report View",
	"Dashboard View",
	"Kanban View",
	"Calendar View",
	"Tree View",
	"Image View",
	"Gantt View",
	"Map View",
	"Inbox View",
	"Filter",
	"Filters",
	"Filters {0}",
	"Add a Filter",
	"Clear Filters",
	"Apply Filters",
	"Clear all filters",
	"No filters selected",
	"No filters found",
	"Edit Filter",
	"Remove Filter",
	"Saved Filters",
	"Save Current Filter",
	"Filter Name",
	"Press Enter to save",
	"Is Global",
	"Create Saved Filter",
	"Duplicate Filter Name",
	"Are you sure you want to remove the {0} filter?",
	"Last Updated On",
	"Created On",
	"Most Used",
	"ascending",
	"descending",
	"Assigned To",
	"Created By",
	"Tags",
	"Tag",
	"Like",
	"Liked by me",
	"Me",
	"Not Set",
	"Set",
	"Equals",
	"Not Equals",
	"Not Like",
	"In",
	"Not In",
	"Is",
	"Greater Than",
	"Less Than",
	"Greater Than Or Equal To",
	"Less Than Or Equal To",
	"Between",
	"Timespan",
	"Descendants Of",
	"Descendants Of (inclusive)",
	"Not Descendants Of",
	"Ancestors Of",
	"Not Ancestors Of",
	"values separated by commas",
	"use % as wildcard",
	"Before",
	"After",
	"On or Before",
	"On or After",
	"Today",
	"Yesterday",
	"Tomorrow",
	"yesterday",
	"Last 7 Days",
	"Last 14 Days",
	"Last 30 Days",
	"Last 90 Days",
	"Last 6 Months",
	"Last Week",
	"Last Month",
	"Last Quarter",
	"Last Year",
	"This Week",
	"This Month",
	"This Quarter",
	"This Year",
	"Next 7 Days",
	"Next 14 Days",
	"Next 30 Days",
	"Next Week",
	"Next Month",
	"Next Quarter",
	"Next 6 Months",
	"Next Year",
	"Select All",
	"Click to sort by {0}",
	"Select multiple list items",
	"Add {0}",
	"Create a new {0}",
	"Create your first {0}",
	"Create New",
	"Advanced Search",
	"You haven't created a {0} yet",
	"No {0} found with matching filters. Clear filters to see all {0}.",
	"Nothing to show",
	"Load More",
	"Loading",
	"Loading...",
	"Refreshing",
	"Refresh",
	"Reload List",
	"{0} of {1}",
	"{0} items selected",
	"Actions",
	"Edit",
	"Export",
	"Delete",
	"Print",
	"Assign To",
	"Clear Assignment",
	"Are you sure you want to clear the assignments?",
	"Apply Assignment Rule",
	"Add Tags",
	"Delete {0} item permanently?",
	"Delete {0} items permanently?",
	"Submit {0} documents?",
	"Cancel {0} documents?",
	"No rows selected",
	"Import",
	"User Permissions",
	"Role Permissions Manager",
	"Customize",
	"Edit DocType",
	"Customize Quick Filters",
	"Select Filters",
	"List Settings",
	"Copy to Clipboard",
	"Document is in draft state",
	"Document has been submitted",
	"Document has been cancelled",
	"Group By",
	"Add Group",
	"Count",
	"Sum",
	"Average",
	# report view / query report
	"Pick Columns",
	"Add Column",
	"Remove column",
	"Show Totals",
	"Save As",
	"Toggle Chart",
	"Setup Auto Email",
	"Sort Ascending",
	"Sort Descending",
	"Reset sorting",
	"No Data",
	"Total",
	"PDF",
	"Reload Report",
	"Set Chart",
	"Create Card",
	"Create Chart",
	"Execution Time: {0} sec",
	"Save Report",
	"Report Name",
	"Expand All",
	"Collapse All",
	"For comparison, use >5, <10 or =324. For ranges, use 5:10 (for values between 5 & 10).",
	"Include filters",
	"Include hidden columns",
	"Please set filters",
	"Download Report",
	"Reset Chart",
	"Date Range",
	"Select Date Range",
	"Daily",
	"Weekly",
	"Monthly",
	"Quarterly",
	"Yearly",
	# form
	"Save",
	"Saved",
	"Saving",
	"Submitting",
	"Updating",
	"Cancelling",
	"Not Saved",
	"No changes in document",
	"Submit",
	"Cancel",
	"Amend",
	"Rename",
	"Duplicate",
	"Reload",
	"Email",
	"New Email",
	"Show Links",
	"Previous Document",
	"Next Document",
	"Jump to field",
	"Remind Me",
	"Undo",
	"Undo last action",
	"Redo",
	"Redo last action",
	"View Audit Trail",
	"Follow",
	"Unfollow",
	"Share",
	"Activity",
	"Show all activity",
	"Comments",
	"Comment",
	"Type a reply / comment",
	"Attachments",
	"Attach",
	"Connections",
	"Count of linked documents",
	"Graph",
	"Stats",
	"You created this",
	"{0} created this",
	"You last edited this",
	"{0} last edited this",
	"You viewed this",
	"{0} viewed this",
	"You changed {0} to {1}",
	"{0} changed {1} to {2}",
	"You attached {0}",
	"{0} attached {1}",
	"Last Edited by You",
	"Last Edited by {0}",
	"Created By You",
	"Created By {0}",
	"Add to ToDo",
	"Assign to me",
	"Assignments",
	"Assign a user",
	"Complete By",
	"Priority",
	"Low",
	"Medium",
	"High",
	"Share With",
	"No rows",
	"Add row",
	"Add multiple",
	"Delete all",
	"Duplicate rows",
	"Delete row",
	"Download",
	"Upload",
	"Open Link",
	"Mandatory fields required in {0}",
	"Missing Fields",
	"Mandatory fields required in table {0}, Row {1}",
	"Submit this document to confirm",
	"Permanently Submit {0}?",
	"Permanently Cancel {0}?",
	"This form has been modified after you have loaded it",
	"This form is not editable due to a Workflow.",
	"Current status",
	"Next actions",
	"Are you sure you want to {0}?",
	"None: End of Workflow",
	"Document is only editable by users with role",
	# dialogs
	"Yes",
	"No",
	"Confirm",
	"Close",
	"Message",
	"Error",
	"Warning",
	"Done",
	"Not Permitted",
	"Enter Value",
	"Select",
	"Create",
	"Update",
	"Add",
	"Apply",
	"Reset",
	"Remove",
	"Continue",
	"Back",
	"Show",
	"Hide",
	"More",
	"Less",
	"Select {0}",
	"Name",
	"Status",
	"Value",
	"Field",
	"ID",
	"Success",
	"Draft",
	"Submitted",
	"Cancelled",
	"now",
	"just now",
	"1 minute ago",
	"{0} minutes ago",
	"1 hour ago",
	"{0} hours ago",
	"{0} days ago",
	"1 week ago",
	"{0} weeks ago",
	"1 month ago",
	"{0} months ago",
	"1 year ago",
	"{0} years ago",
	"Print Format",
	"Letter Head",
	"No Letterhead",
	"Language",
	"Full Page",
	"Workflow State",
	"Workflow Action",
	"Workflow",
	"Kanban",
	"Calendar",
	"Tree",
	"List",
)


def _add(messages: dict[str, str], text, where: str) -> None:
	"""Keep `text` if it has English words to translate (a string written in Chinese has none)."""
	if not isinstance(text, str):
		return
	text = text.strip()
	if text and LATIN.search(text):
		messages.setdefault(text, where)


def _rel(path: Path) -> str:
	return str(path.relative_to(APP))


def doctype_messages(messages: dict[str, str]) -> None:
	for path in sorted(APP.glob("*/doctype/*/*.json")):
		doc = json.loads(path.read_text())
		if doc.get("doctype") != "DocType":
			continue
		where = _rel(path)
		_add(messages, doc["name"], where)
		for df in doc.get("fields", []):
			_add(messages, df.get("label"), f"{where}: {df.get('fieldname')}")
			_add(messages, df.get("description"), f"{where}: {df.get('fieldname')} description")
			if df.get("fieldtype") == "Select" and df.get("fieldname") != "naming_series":
				for option in (df.get("options") or "").split("\n"):
					_add(messages, option, f"{where}: {df.get('fieldname')} option")
		for link in doc.get("links", []):
			_add(messages, link.get("group"), f"{where}: connections")
		for action in doc.get("actions", []):
			_add(messages, action.get("label"), f"{where}: actions")
			_add(messages, action.get("group"), f"{where}: actions")


def fixture_messages(messages: dict[str, str]) -> None:
	for path in sorted((APP / "fixtures").glob("*.json")):
		where = _rel(path)
		for doc in json.loads(path.read_text()):
			doctype = doc.get("doctype")
			if doctype in ("Role", "Workflow State", "Workflow Action Master"):
				_add(messages, doc["name"], where)
			elif doctype == "Workflow":
				for state in doc.get("states", []):
					_add(messages, state.get("state"), f"{where}: {doc['name']}")
				for transition in doc.get("transitions", []):
					_add(messages, transition.get("action"), f"{where}: {doc['name']}")
					_add(messages, transition.get("state"), f"{where}: {doc['name']}")
					_add(messages, transition.get("next_state"), f"{where}: {doc['name']}")


def desk_object_messages(messages: dict[str, str]) -> None:
	"""Reports, workspaces, number cards, dashboard charts, print formats (their names only)."""
	for path in sorted(APP.glob("*/report/*/*.json")):
		doc = json.loads(path.read_text())
		where = _rel(path)
		_add(messages, doc.get("report_name") or doc.get("name"), where)
		for column in doc.get("columns", []):
			_add(messages, column.get("label"), f"{where}: column")
		for report_filter in doc.get("filters", []):
			_add(messages, report_filter.get("label"), f"{where}: filter")
	for path in sorted(APP.glob("*/workspace/*/*.json")):
		doc = json.loads(path.read_text())
		where = _rel(path)
		_add(messages, doc.get("label") or doc.get("name"), where)
		_add(messages, doc.get("title"), where)
		for table in ("shortcuts", "links", "number_cards", "charts", "quick_lists", "custom_blocks"):
			for row in doc.get(table, []):
				_add(messages, row.get("label"), f"{where}: {table}")
	for path in sorted(APP.glob("*/number_card/*/*.json")):
		doc = json.loads(path.read_text())
		_add(messages, doc.get("label") or doc.get("name"), _rel(path))
	for path in sorted(APP.glob("*/dashboard_chart/*/*.json")):
		doc = json.loads(path.read_text())
		_add(messages, doc.get("chart_name") or doc.get("name"), _rel(path))
	for path in sorted(APP.glob("*/print_format/*/*.json")):
		doc = json.loads(path.read_text())
		_add(messages, doc.get("name"), _rel(path))
		for match in JINJA_CALL.finditer(doc.get("html") or ""):
			_add(messages, _unescape(match.group(2)), f"{_rel(path)}: html")


def _unescape(text: str) -> str:
	return re.sub(r"\\(.)", r"\1", text)


def _translation_call(node: ast.AST) -> bool:
	func = getattr(node, "func", None)
	if isinstance(func, ast.Name):
		return func.id in ("_", "_lt")
	return isinstance(func, ast.Attribute) and func.attr in ("_", "_lt")


def code_messages(messages: dict[str, str]) -> None:
	"""Literal messages of `_()` in Python, `__()` in JS and `_()` in Jinja templates."""
	for path in sorted(APP.rglob("*.py")):
		if "tests" in path.relative_to(APP).parts or "__pycache__" in path.parts:
			continue
		tree = ast.parse(path.read_text(), filename=str(path))
		for node in ast.walk(tree):
			if isinstance(node, ast.Call) and _translation_call(node) and node.args:
				arg = node.args[0]
				if isinstance(arg, ast.Constant):
					_add(messages, arg.value, f"{_rel(path)}:{node.lineno}")
	for path in sorted(APP.rglob("*.js")):
		if "dist" in path.parts or "node_modules" in path.parts:
			continue
		for match in JS_CALL.finditer(path.read_text()):
			_add(messages, _unescape(match.group(2)), _rel(path))
	for path in sorted(APP.rglob("*.html")):
		for match in JINJA_CALL.finditer(path.read_text()):
			_add(messages, _unescape(match.group(2)), _rel(path))


def app_messages() -> dict[str, str]:
	"""Every translatable English string the app ships, with where it comes from."""
	messages: dict[str, str] = {}
	doctype_messages(messages)
	fixture_messages(messages)
	desk_object_messages(messages)
	code_messages(messages)
	return messages


def read_zh_rows() -> list[list[str]]:
	with ZH_CSV.open(newline="", encoding="utf-8") as f:
		return list(csv.reader(f))


def zh_translations() -> dict[str, str]:
	"""The zh.csv as the engine reads it (source, or source:context, to translation)."""
	return frappe.translate.get_translation_dict_from_file(str(ZH_CSV), "zh", "huifang", throw=True)


def missing(messages, translations: dict[str, str]) -> list[str]:
	return sorted(m for m in messages if m not in translations)


def engine_sources() -> str:
	"""The engine's JS and Python sources, where the Desk's own __() / _() strings live."""
	root = Path(frappe.__file__).resolve().parent
	parts = []
	for pattern in ("public/js/**/*.js", "public/js/**/*.vue", "public/js/**/*.html", "**/*.py"):
		for path in root.glob(pattern):
			if "node_modules" not in path.parts and "dist" not in path.parts:
				parts.append(path.read_text(errors="ignore"))
	return "\n".join(parts)


class TestTranslations(UnitTestCase):
	def test_every_app_string_has_a_chinese_translation(self):
		"""Requirements, Users (full zh translations): every DocType name, label, option, role,
		workflow state and action, report, workspace item and _() / __() message the app ships
		has a row in translations/zh.csv."""
		messages = app_messages()
		# the walk really finds the app's strings (a broken walker must not pass as "all translated")
		for expected in ("Customer Archive", "Huifang Supervisor", "Start Processing", "Callback Center"):
			self.assertIn(expected, messages)
		self.assertGreater(len(messages), 500)
		absent = missing(messages, zh_translations())
		report = "\n".join(f"{m!r}  ({messages[m]})" for m in absent)
		self.assertFalse(absent, f"{len(absent)} strings without a zh translation:\n{report}")

	def test_the_desk_words_staff_meet_are_chinese(self):
		"""Requirements, Users (full zh translations): the engine ships no zh translations, so
		the Desk's own everyday words (search, filters, sort, save, actions, workflow, dialogs)
		come from the app's zh.csv; each is a real string of the engine's sources."""
		sources = engine_sources()
		stale = [s for s in DESK_STRINGS if f'"{s}"' not in sources and f"'{s}'" not in sources]
		self.assertFalse(stale, f"not a string of the engine (check the spelling): {stale}")
		absent = missing(DESK_STRINGS, zh_translations())
		self.assertFalse(absent, f"Desk words without a zh translation: {absent}")

	def test_zh_csv_is_well_formed(self):
		"""Requirements, Users: zh.csv is a valid translation file: 2 or 3 columns a row, one
		translation per key, keys the engine can match (no surrounding spaces), Chinese in every
		translation, the source's placeholders kept."""
		seen: dict[str, str] = {}
		problems = []
		for number, row in enumerate(read_zh_rows(), start=1):
			if not row:
				continue
			if len(row) not in (2, 3) or not row[0].strip() or not row[1].strip():
				problems.append(f"line {number}: needs source,translation[,context]: {row}")
				continue
			source, translation = row[0], row[1]
			if source != source.strip():
				# the engine strips a message before looking it up: this row could never match
				problems.append(f"line {number}: {source!r} has spaces around it")
			key = source + (":" + row[2] if len(row) == 3 and row[2] else "")
			if key in seen and seen[key] != translation:
				problems.append(f"line {number}: {key!r} translated twice: {seen[key]!r} / {translation!r}")
			seen[key] = translation
			if not CJK.search(translation) and not (translation == source and CODE.match(source)):
				problems.append(f"line {number}: {source!r} -> {translation!r} is not Chinese")
			if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
				problems.append(f"line {number}: {source!r} -> {translation!r} changes the placeholders")
		self.assertFalse(problems, "\n".join(problems))

	def test_checker_catches_a_missing_translation(self):
		"""Requirements, Users: the checker fails on an untranslated label (it is not vacuous)."""
		translations = zh_translations()
		messages = app_messages()
		self.assertEqual(missing(["Customer Archive"], translations), [])
		self.assertEqual(missing(["An untranslated label"], translations), ["An untranslated label"])
		# the Chinese the engine serves a zh user is the row of zh.csv
		self.assertEqual(translations["Customer Archive"], "客户档案")
		self.assertIn("Complaint", messages)
