"""Rating scales and survey scoring (R-41, R-60). The only place these rules live.

Five levels: 5 很满意, 4 满意, 3 基本满意, 2 不满意, 1 很不满意.
Three grades: Satisfied 满意, Basically Satisfied 基本满意, Unsatisfied 不满意.
Each grade maps to the five-level value of the same name (满意 = 4), so a level converted
to a grade and back lands on that grade's level; 5 and 4 are both 满意, 2 and 1 both 不满意.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

SATISFIED = "Satisfied"
BASIC = "Basically Satisfied"
UNSATISFIED = "Unsatisfied"
GRADES = (SATISFIED, BASIC, UNSATISFIED)
LEVELS = (5, 4, 3, 2, 1)

_LEVEL_TO_GRADE = {5: SATISFIED, 4: SATISFIED, 3: BASIC, 2: UNSATISFIED, 1: UNSATISFIED}
_GRADE_TO_LEVEL = {SATISFIED: 4, BASIC: 3, UNSATISFIED: 2}

AVERAGE = "Average"
WEIGHTED_SUM = "Weighted Sum"
TOTAL_SCORE = "Total Score"
SCHEMES = (AVERAGE, WEIGHTED_SUM, TOTAL_SCORE)

# the 300-point example of R-60: >= 240 satisfied, 210-240 basic, < 210 unsatisfied
DEFAULT_MAX_SCORE = 300
DEFAULT_SATISFIED_FROM = 240
DEFAULT_BASIC_FROM = 210


def level_to_grade(level: int) -> str:
	level = int(level)
	if level not in _LEVEL_TO_GRADE:
		raise ValueError(f"rating must be 1-5, got {level}")
	return _LEVEL_TO_GRADE[level]


def grade_to_level(grade: str) -> int:
	if grade not in _GRADE_TO_LEVEL:
		raise ValueError(f"unknown grade {grade!r}")
	return _GRADE_TO_LEVEL[grade]


def round_half_up(value: float, digits: int = 0) -> float:
	quant = Decimal(1).scaleb(-digits)
	return float(Decimal(str(value)).quantize(quant, rounding=ROUND_HALF_UP))


def average(levels: Iterable[float]) -> float | None:
	"""Five-point average, two decimals; None when nothing was rated."""
	values = [float(v) for v in levels if v]
	if not values:
		return None
	return round_half_up(sum(values) / len(values), 2)


def grade_of_average(avg: float | None) -> str | None:
	"""Grade of a five-point average: the grade of the nearest level (3.5 rounds up to 4)."""
	if avg is None:
		return None
	return level_to_grade(min(5, max(1, int(round_half_up(avg)))))


def level_counts(levels: Iterable[int]) -> dict[int, int]:
	counts = dict.fromkeys(LEVELS, 0)
	for level in levels:
		if level:
			counts[int(level)] += 1
	return counts


def weighted_sum(counts: Mapping[int, int]) -> int:
	"""5·n1 + 4·n2 + 3·n3 + 2·n4 + 1·n5, where n1 counts level-5 answers and n5 level-1 answers."""
	return sum(level * int(counts.get(level, 0) or 0) for level in LEVELS)


def grade_by_total(
	total: float, satisfied_from: float = DEFAULT_SATISFIED_FROM, basic_from: float = DEFAULT_BASIC_FROM
) -> str:
	if total >= satisfied_from:
		return SATISFIED
	if total >= basic_from:
		return BASIC
	return UNSATISFIED


def score_answers(
	answers: Iterable[tuple[float | None, float]],
	scheme: str = AVERAGE,
	satisfied_from: float = DEFAULT_SATISFIED_FROM,
	basic_from: float = DEFAULT_BASIC_FROM,
) -> dict:
	"""Score one response from (level, weight) pairs; unrated answers (level None/0) are skipped.

	Average: plain five-point mean. Weighted Sum: sum of weight x level, graded by its
	per-weight mean. Total Score: the same sum graded by absolute thresholds (240/210 of 300).
	"""
	if scheme not in SCHEMES:
		raise ValueError(f"unknown scoring scheme {scheme!r}")
	rated = [(float(level), float(weight if weight is not None else 1)) for level, weight in answers if level]
	if not rated:
		return {"total": 0.0, "average": None, "grade": None, "rated": 0}

	if scheme == AVERAGE:
		total = sum(level for level, _w in rated)
		avg = average(level for level, _w in rated)
		grade = grade_of_average(avg)
	else:
		total = sum(level * weight for level, weight in rated)
		weights = sum(weight for _l, weight in rated)
		avg = round_half_up(total / weights, 2) if weights else None
		if scheme == WEIGHTED_SUM:
			grade = grade_of_average(avg)
		else:
			grade = grade_by_total(total, satisfied_from, basic_from)
	return {"total": round_half_up(total, 2), "average": avg, "grade": grade, "rated": len(rated)}
