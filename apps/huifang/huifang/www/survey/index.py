"""/survey/<token> (and /my/surveys/<invitation>): the satisfaction survey page (R-62)."""

from huifang.portal.survey_page import build

no_cache = 1
sitemap = 0


def get_context(context):
	return build(context)
