"""From counts to the figures of the monthly analysis (R-70, R-71): rates, scores, grades, ranks.

Scores use the survey scoring rules of huifang.utils.scoring: the weighted sum 5·n1+4·n2+…+1·n5 of
the five-level results, brought to the total-score scale of Huifang Settings (300 points by
default) and graded by its thresholds (>= 240 satisfied, >= 210 basically satisfied).
The satisfaction rate counts satisfied and basically satisfied results among all rated ones
(满意率 = (满意 + 基本满意) / 评价总数). With electronic evaluator results for a unit, the combined
score weighs them by the `evaluator_weight` setting.
"""

from __future__ import annotations

from huifang.analysis.metrics import LEVEL_FIELDS
from huifang.utils import scoring
from huifang.utils.settings import get_settings

COUNT_FIELDS = ("planned", "done", "on_time", "missed", "records", *LEVEL_FIELDS)
EVALUATOR_FIELDS = tuple(f"evaluator_{f}" for f in LEVEL_FIELDS)
# every figure a unit or agent row carries; Service Analysis stores the same field names
FIGURE_FIELDS = (
	*COUNT_FIELDS,
	"completion_rate",
	"on_time_rate",
	"rated",
	"satisfied",
	"basic",
	"unsatisfied",
	"satisfaction_rate",
	"weighted_sum",
	"callback_score",
	*EVALUATOR_FIELDS,
	"evaluator_count",
	"evaluator_score",
	"score",
	"grade",
)


class Scale:
	"""Total-score scale, thresholds and evaluator weight from Huifang Settings, read once."""

	def __init__(self, max_score=None, satisfied_from=None, basic_from=None, evaluator_weight=None):
		stored = get_settings("total_score_max", "satisfied_threshold", "basic_threshold", "evaluator_weight")
		self.max_score = float(max_score or stored["total_score_max"])
		self.satisfied_from = float(satisfied_from or stored["satisfied_threshold"])
		self.basic_from = float(basic_from or stored["basic_threshold"])
		weight = stored["evaluator_weight"] if evaluator_weight is None else evaluator_weight
		self.evaluator_weight = float(weight or 0)

	def grade(self, score: float | None) -> str | None:
		if score is None:
			return None
		return scoring.grade_by_total(score, self.satisfied_from, self.basic_from)


def rate(part, whole) -> float | None:
	"""Percentage with two decimals, half up; None when there is nothing to divide by."""
	if not whole:
		return None
	return scoring.round_half_up(100.0 * (part or 0) / whole, 2)


def level_counts(row: dict, prefix: str = "") -> dict[int, int]:
	return {lv: int(row.get(f"{prefix}level_{lv}") or 0) for lv in scoring.LEVELS}


def scaled_score(counts: dict[int, int], scale: Scale) -> float | None:
	"""The weighted sum of the results on the total-score scale (all 5s = the maximum)."""
	rated = sum(counts.values())
	if not rated:
		return None
	return scoring.round_half_up(scoring.weighted_sum(counts) * scale.max_score / (5 * rated), 2)


def grade_counts(counts: dict[int, int]) -> dict[str, int]:
	"""Satisfied / basically satisfied / unsatisfied counts through the one level→grade mapping."""
	out = dict.fromkeys(scoring.GRADES, 0)
	for level, n in counts.items():
		out[scoring.level_to_grade(level)] += n
	return out


def combine(callback_score: float | None, evaluator_score: float | None, weight: float) -> float | None:
	"""Callback and evaluator scores weighed together; either alone when the other is missing."""
	if evaluator_score is None:
		return callback_score
	if callback_score is None:
		return evaluator_score
	w = weight / 100.0
	return scoring.round_half_up(callback_score * (1 - w) + evaluator_score * w, 2)


def derive(row: dict, scale: Scale) -> dict:
	"""Fill the figures of one unit or agent row from its counts (in place, returned)."""
	for field in (*COUNT_FIELDS, *EVALUATOR_FIELDS):
		row[field] = int(row.get(field) or 0)
	counts = level_counts(row)
	grades = grade_counts(counts)
	rated = sum(counts.values())
	row["rated"] = rated
	row["satisfied"] = grades[scoring.SATISFIED]
	row["basic"] = grades[scoring.BASIC]
	row["unsatisfied"] = grades[scoring.UNSATISFIED]
	row["completion_rate"] = rate(row["done"], row["planned"])
	row["on_time_rate"] = rate(row["on_time"], row["planned"])
	row["satisfaction_rate"] = rate(row["satisfied"] + row["basic"], rated)
	row["weighted_sum"] = scoring.weighted_sum(counts)
	row["callback_score"] = scaled_score(counts, scale)

	evaluator = level_counts(row, "evaluator_")
	row["evaluator_count"] = sum(evaluator.values())
	row["evaluator_score"] = scaled_score(evaluator, scale)
	row["score"] = combine(row["callback_score"], row["evaluator_score"], scale.evaluator_weight)
	row["grade"] = scale.grade(row["score"])
	return row


def blank_missing(row: dict) -> dict:
	"""Stored rows hold 0 where a figure does not exist (Int/Float columns are NOT NULL): give
	back None for rates and scores without a base, as derive() does."""
	if not row.get("planned"):
		row["completion_rate"] = row["on_time_rate"] = None
	if not row.get("rated"):
		row["satisfaction_rate"] = row["callback_score"] = None
	if "evaluator_count" in row and not row.get("evaluator_count"):
		row["evaluator_score"] = None
	if row.get("callback_score") is None and row.get("evaluator_score") is None:
		row["score"] = row["grade"] = None
	row["grade"] = row.get("grade") or None
	return row


def rank(rows: list[dict], field: str = "score", into: str = "rank", within: str | None = None) -> None:
	"""Competition ranking (1, 2, 2, 4) by `field`, highest first; rows without it get no rank.
	`within` ranks separately inside each value of that key (agents inside their unit)."""
	groups: dict = {}
	for row in rows:
		row[into] = None
		if row.get(field) is not None:
			groups.setdefault(row.get(within) if within else None, []).append(row)
	for members in groups.values():
		members.sort(key=lambda r: r[field], reverse=True)
		for position, row in enumerate(members, 1):
			previous = members[position - 2] if position > 1 else None
			row[into] = previous[into] if previous and previous[field] == row[field] else position


def total_row(rows: list[dict], scale: Scale) -> dict:
	"""The totals of several rows: counts summed, figures recomputed from the sums (never an
	average of rates)."""
	total = {field: sum(int(r.get(field) or 0) for r in rows) for field in COUNT_FIELDS}
	for field in EVALUATOR_FIELDS:
		total[field] = sum(int(r.get(field) or 0) for r in rows)
	return derive(total, scale)
