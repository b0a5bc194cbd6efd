"""Test utilities missing from the wheel.

Upstream: `monoframe.utils.install` and the test runner import
`monoframe.tests.utils.generators._clear_test_log`, a module that is not shipped in the wheel, so
site installation and `run_tests` fail with ModuleNotFoundError. This patch registers a module with
that function (it empties the Test Log-like record of created test records, which we keep in the
database's own test site instead).
"""

import sys
import types

NAME = "monoframe.tests.utils.generators"


def _clear_test_log():
	"""Nothing to clear: test records live in the throw-away test site."""


def apply(site: str | None = None) -> None:
	try:
		__import__(NAME)
	except ImportError:
		module = types.ModuleType(NAME)
		module._clear_test_log = _clear_test_log
		sys.modules[NAME] = module
