"""Scheduled work (R-80): callback generation, sampling, deadlines, escalation and re-visits.

One module per job family; every job is set-based, idempotent (database-level unique keys and
anti-joins) and safe to re-run after a crash: work is committed in batches and a re-run only
does what is missing. `run_log` records each run in a Scheduler Run Log.
"""
