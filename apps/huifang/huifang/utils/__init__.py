"""Shared domain logic. Pure functions are importable without a Frappe site."""
