"""REST methods for outside systems (integration.py) and their input checks (validation.py)."""
