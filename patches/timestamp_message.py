"""The "modified after you opened it" error in the user's language.

Upstream: `Document.check_if_latest` builds its message as
`_(f"Error: {self.name} ({self.doctype}) has been modified after you have opened it")`, so the
document name is put in before the lookup and no translation can ever match: everyone reads
English when two users save the same document. Frappe's text is
`_("Error: Document has been modified after you have opened it")`; this patch re-raises the same
exception class, on the same condition, with that translatable text.
"""


def apply(site: str | None = None) -> None:
	import monoframe
	from monoframe import _
	from monoframe.model.document import Document

	original = Document.check_if_latest
	if getattr(original, "_huifang_patched", False):
		return

	def check_if_latest(self):
		try:
			return original(self)
		except monoframe.TimestampMismatchError:
			monoframe.clear_last_message()
			previous = self._doc_before_save
			monoframe.msgprint(
				_("Error: Document has been modified after you have opened it")
				+ f" ({previous.modified}, {self.modified}). "
				+ _("Please refresh to get the latest document."),
				raise_exception=monoframe.TimestampMismatchError,
			)

	check_if_latest._huifang_patched = True
	Document.check_if_latest = check_if_latest
