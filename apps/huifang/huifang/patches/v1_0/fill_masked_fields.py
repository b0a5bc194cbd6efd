"""R-12: archives, contacts, complaints and callback records saved before the masked fields existed
get their masked copies (138****1234 ...), so agents do not see them blank."""

from huifang.security.masking import backfill


def execute():
	backfill()
