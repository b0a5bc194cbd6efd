"""Demo data for a new site (filled in by the domain model)."""


def make_demo_data():
	"""Load demo organisations, staff and records; idempotent."""
