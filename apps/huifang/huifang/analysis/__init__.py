"""Monthly service analysis (R-70..R-73): shared aggregate queries, snapshots, evaluator scores."""
