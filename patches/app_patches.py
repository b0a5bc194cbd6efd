"""`migrate` runs the apps' own patches.

Upstream: `monoframe.patches.get_all_patches` is "single-tenant" and reads only the framework's
patches.txt, so `bench migrate` never runs a patch listed in an app's patches.txt: a data fix or
a changed setting shipped with an app update silently never reaches existing sites. Frappe
collects the patches of every installed app, in install order; this patch does the same (the
installed apps come from the multi_app patch).
"""


def apply(site: str | None = None) -> None:
	import monoframe
	import monoframe.patches as patch_handler

	if getattr(patch_handler.get_all_patches, "_huifang_patched", False):
		return

	def get_all_patches(patch_type=None) -> list[str]:
		if patch_type and not isinstance(patch_type, patch_handler.PatchType):
			monoframe.throw(f"Unsupported patch type specified: {patch_type}")
		patches = []
		for app in monoframe.get_installed_apps():
			patches.extend(patch_handler.get_patches_from_app(app, patch_type=patch_type))
		return patches

	get_all_patches._huifang_patched = True
	patch_handler.get_all_patches = get_all_patches
