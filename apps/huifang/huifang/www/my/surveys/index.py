"""/my/surveys: the signed-in customer's pending and answered surveys (R-62)."""

from huifang.portal import customers, my_surveys
from huifang.portal.context import page_context

no_cache = 1
sitemap = 0


def get_context(context):
	customers.require_login()
	archives = customers.archives_of()
	page_context(context, "我的调查", customers.unit_of(archives), None if archives else 403)
	context.has_archive = bool(archives)
	context.pending = my_surveys.pending(archives)
	context.answered = my_surveys.answered(archives)
	return context
