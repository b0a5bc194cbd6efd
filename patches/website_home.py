"""Website users land on their portal home page after login.

Upstream: `LoginManager.set_user_info` answers a Website User's login with
`home_page = get_default_path() or "/" + get_home_page()`, and the engine's `get_default_path()`
always returns "/desk", so every customer is sent to the Desk, which refuses them (403), instead of
the page of their role (`role_home_page` hook, Role.home_page, Portal Settings). Frappe sends a
website user to `"/" + get_home_page()`; this patch does the same. System users are unchanged.
"""


def apply(site: str | None = None) -> None:
	import monoframe
	from monoframe.auth import LoginManager

	original = LoginManager.set_user_info
	if getattr(original, "_huifang_patched", False):
		return

	def set_user_info(self, resume=False):
		original(self, resume=resume)
		if not resume and self.info.user_type == "Website User":
			from monoframe.website.utils import get_home_page

			monoframe.local.response["home_page"] = "/" + get_home_page()

	set_user_info._huifang_patched = True
	LoginManager.set_user_info = set_user_info
