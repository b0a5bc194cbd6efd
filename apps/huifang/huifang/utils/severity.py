"""Complaint severity rules (R-51), pure so they can be read and tested on their own.

Major 重大: lawsuit, media exposure, or 10+ people collectively.
Important 重要: the same complaint from 3+ different people in a month, 3+ people
collectively, or a second complaint after the first was closed.
General 一般: otherwise. Severity can be raised by hand, never lowered.
"""

from __future__ import annotations

from dataclasses import dataclass

GENERAL = "General"
IMPORTANT = "Important"
MAJOR = "Major"
SEVERITIES = (GENERAL, IMPORTANT, MAJOR)
_RANK = {GENERAL: 0, IMPORTANT: 1, MAJOR: 2}

# reason codes; the controller turns them into translated text
LAWSUIT = "lawsuit"
MEDIA = "media"
COLLECTIVE_MAJOR = "collective_major"
COLLECTIVE_IMPORTANT = "collective_important"
SAME_ISSUE_PEOPLE = "same_issue_people"
AFTER_CLOSURE = "after_closure"


@dataclass(frozen=True)
class Thresholds:
	major_people: int = 10
	important_people: int = 3
	same_issue_people: int = 3
	same_issue_days: int = 30


class SeverityLoweredError(ValueError):
	pass


def rank(severity: str | None) -> int:
	return _RANK.get(severity or GENERAL, 0)


def highest(*severities: str | None) -> str:
	return max((s or GENERAL for s in severities), key=rank)


def classify(
	people_count: int = 1,
	lawsuit: bool = False,
	media: bool = False,
	same_issue_people: int = 1,
	after_closure: bool = False,
	thresholds: Thresholds | None = None,
) -> tuple[str, list[str]]:
	"""Return (severity, reason codes). `same_issue_people` counts distinct complainants
	of the same issue within the window, this complaint included."""
	t = thresholds or Thresholds()
	people_count = int(people_count or 1)
	major = []
	if lawsuit:
		major.append(LAWSUIT)
	if media:
		major.append(MEDIA)
	if people_count >= t.major_people:
		major.append(COLLECTIVE_MAJOR)
	if major:
		return MAJOR, major

	important = []
	if people_count >= t.important_people:
		important.append(COLLECTIVE_IMPORTANT)
	if int(same_issue_people or 1) >= t.same_issue_people:
		important.append(SAME_ISSUE_PEOPLE)
	if after_closure:
		important.append(AFTER_CLOSURE)
	if important:
		return IMPORTANT, important
	return GENERAL, []


def resolve(previous: str | None, requested: str | None, automatic: str) -> str:
	"""Final severity: never below the automatic one, never lowered from the previous one.

	`previous` is the stored value (None for a new complaint); `requested` is what the user
	left in the field. Lowering raises SeverityLoweredError.
	"""
	if previous and rank(requested) < rank(previous):
		raise SeverityLoweredError(f"{previous} -> {requested}")
	return highest(previous, requested, automatic)
