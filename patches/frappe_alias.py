"""`import frappe` on monoframe.

Upstream: the fork renamed the package `frappe` to `monoframe` and a few public classes from
`Frappe*` to `Monoframe*`. App code written for Frappe imports `frappe`, `frappe.model.document`,
`frappe.tests.IntegrationTestCase` and so on. This patch registers `frappe` as the very same module
object as `monoframe`, and a meta-path finder that resolves every `frappe.x.y` to the already
imported (or freshly imported) `monoframe.x.y`, so both names share one module and one state.
Not loaded on real Frappe, where `frappe` is the real package.
"""

import importlib
import importlib.abc
import importlib.util
import sys

RENAMED = {
	"FrappeTestCase": "MonoframeTestCase",
	"FrappeClient": "MonoframeClient",
	"FrappeException": "MonoframeException",
	"FrappeTypeError": "MonoframeTypeError",
}
PREFIX = "frappe."


class FrappeAliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
	"""Resolve `frappe.<x>` to the module object `monoframe.<x>`."""

	def __init__(self):
		self.real_specs = {}

	def find_spec(self, fullname, path=None, target=None):
		if not fullname.startswith(PREFIX):
			return None
		real_name = "monoframe." + fullname[len(PREFIX) :]
		if importlib.util.find_spec(real_name) is None:
			return None
		return importlib.util.spec_from_loader(fullname, self, is_package=True)

	def create_module(self, spec):
		real = importlib.import_module("monoframe." + spec.name[len(PREFIX) :])
		self.real_specs[spec.name] = real.__spec__
		return real

	def exec_module(self, module):
		# the module already ran under its real name; importlib has overwritten its __spec__
		# with the alias spec: put the real one back so reloads and pickling still work
		for alias, real_spec in list(self.real_specs.items()):
			if real_spec.name == module.__name__:
				module.__spec__ = self.real_specs.pop(alias)


def add_renamed_names(module) -> None:
	for old, new in RENAMED.items():
		if hasattr(module, new) and not hasattr(module, old):
			setattr(module, old, getattr(module, new))


def apply(site: str | None = None) -> None:
	import monoframe

	if not any(isinstance(f, FrappeAliasFinder) for f in sys.meta_path):
		sys.meta_path.insert(0, FrappeAliasFinder())
	sys.modules["frappe"] = monoframe
	add_renamed_names(monoframe)
	import monoframe.tests

	add_renamed_names(monoframe.tests)
	for mod in ("monoframe.tests.utils", "monoframe.monoframeclient", "monoframe.exceptions"):
		try:
			add_renamed_names(importlib.import_module(mod))
		except ImportError:
			pass
