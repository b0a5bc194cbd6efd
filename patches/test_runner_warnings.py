"""The engine's test runner.

Upstream: `monoframe/testing/result.py` calls
`warnings.filterwarnings("module", category=warnings.DeprecationWarning)`, but `DeprecationWarning`
is a builtin, not an attribute of the `warnings` module, so every test run stops with
AttributeError before the first test. This patch gives the `warnings` module that attribute (the
builtin class itself), which is what the line means.
"""

import builtins
import warnings


def apply(site: str | None = None) -> None:
	if not hasattr(warnings, "DeprecationWarning"):
		warnings.DeprecationWarning = builtins.DeprecationWarning
