"""The survey form: a template's questions as form fields, and a submitted form checked and
turned into Survey Answer rows (R-60, R-62). Scoring stays in Survey Response / utils.scoring.

Every field is named q_<question row id>; an id that is not a question of the template, a rating
outside 1-5, an option that is not offered or a text over 2,000 characters is refused. Text loses
any HTML (script and style with their content) before it is stored.
"""

from __future__ import annotations

import re

import frappe
from bs4 import BeautifulSoup
from frappe import _

from huifang.utils import scoring

MAX_TEXT = 2000
FIELD_PREFIX = "q_"
COMMENTS = "comments"
RATING, THREE_GRADES, YES_NO = "Rating 1-5", "Three Grades", "Yes/No"
SINGLE, MULTIPLE, TEXT = "Single Choice", "Multiple Choice", "Free Text"
YES_NO_VALUES = ("Yes", "No")
# what each five-point level and grade reads as on the page
LEVEL_LABELS = {5: "很满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "很不满意"}
GRADE_LABELS = {scoring.SATISFIED: "满意", scoring.BASIC: "基本满意", scoring.UNSATISFIED: "不满意"}
YES_NO_LABELS = {"Yes": "是", "No": "否"}
BLOCKS = ["p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"]


class TamperedForm(frappe.ValidationError):
	"""The form does not belong to this survey (unknown question ids)."""


def load_questions(survey_template: str) -> list[dict]:
	template = frappe.get_cached_doc("Survey Template", survey_template)
	questions = []
	for row in template.questions:
		options = [o.strip() for o in (row.options or "").splitlines() if o.strip()]
		questions.append(
			frappe._dict(
				id=row.name,
				field=FIELD_PREFIX + row.name,
				idx=row.idx,
				question=row.question,
				question_type=row.question_type,
				dimension=row.dimension,
				weight=row.weight,
				required=bool(row.is_required),
				options=options,
			)
		)
	return questions


def plain_text(value: str | None) -> str:
	"""Text without markup: tags dropped (script/style with their content), entities decoded."""
	text = value or ""
	for _round in range(5):  # decoded entities may form new tags: clean until nothing is left
		soup = BeautifulSoup(text, "html.parser")
		if not soup.find():
			break
		if _round == 4:
			text = text.replace("<", "").replace(">", "")  # deliberately nested markup: drop the brackets
			break
		for node in soup(["script", "style"]):
			node.decompose()
		for node in soup(["br"]):
			node.replace_with("\n")
		for node in soup(BLOCKS):
			node.append("\n")  # paragraphs stay on lines of their own
		text = soup.get_text()
	text = re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n"))
	return text.strip()


def parse(questions: list[dict], form) -> tuple[list[dict], str, dict, dict]:
	"""Check a submitted form (a werkzeug MultiDict). Returns (answer rows, comments, errors by
	field, the values to show again). Raises TamperedForm for fields that are not questions."""
	known = {q.field for q in questions}
	unknown = [k for k in form.keys() if k.startswith(FIELD_PREFIX) and k not in known]
	if unknown:
		raise TamperedForm(_("The form does not match the questions of this survey."))
	rows, errors, values = [], {}, {}
	for q in questions:
		raw = [v.strip() for v in form.getlist(q.field) if v and v.strip()]
		values[q.field] = raw
		row = frappe._dict(
			question=q.question, question_type=q.question_type, dimension=q.dimension, weight=q.weight
		)
		error = _fill(q, raw, row)
		if not error and q.required and not (row.rating or row.grade or row.answer):
			error = _("Please answer this question.")
		if error:
			errors[q.field] = error
		rows.append(row)
	comments = plain_text(form.get(COMMENTS))
	values[COMMENTS] = comments
	if len(comments) > MAX_TEXT:
		errors[COMMENTS] = _("At most {0} characters.").format(MAX_TEXT)
	return rows, comments, errors, values


def _fill(q, raw: list[str], row) -> str | None:
	"""Put the answer to `q` into `row`; the error message when the answer is not acceptable."""
	if len(raw) > 1 and q.question_type != MULTIPLE:
		return _("Choose one answer.")
	value = raw[0] if raw else None
	if q.question_type == RATING:
		if value is None:
			return None
		if not value.isdigit() or not 1 <= int(value) <= 5:
			return _("Choose a rating from 1 to 5.")
		row.rating = int(value)
	elif q.question_type == THREE_GRADES:
		if value is None:
			return None
		if value not in scoring.GRADES:
			return _("Choose one of the offered answers.")
		row.grade = value
	elif q.question_type == YES_NO:
		if value is None:
			return None
		if value not in YES_NO_VALUES:
			return _("Choose one of the offered answers.")
		row.answer = value
	elif q.question_type in (SINGLE, MULTIPLE):
		if any(v not in q.options for v in raw):
			return _("Choose one of the offered answers.")
		row.answer = "\n".join(dict.fromkeys(raw)) or None
	else:
		text = plain_text(value)
		if len(text) > MAX_TEXT:
			return _("At most {0} characters.").format(MAX_TEXT)
		row.answer = text or None
	return None


def answer_label(row) -> str:
	"""How an answer reads on the thank-you page."""
	if row.get("rating") and row.question_type == RATING:
		return f"{row.rating} {LEVEL_LABELS[row.rating]}"
	if row.get("grade"):
		return GRADE_LABELS.get(row.grade, row.grade)
	if row.question_type == YES_NO and row.get("answer"):
		return YES_NO_LABELS.get(row.answer, row.answer)
	return row.get("answer") or "—"
