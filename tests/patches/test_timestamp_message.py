"""patches/timestamp_message.py: two saves of one document; the loser's error can be translated."""

from tests.patches.test_engine_patches import last_json, run

CODE = """import json, monoframe
monoframe.init(); monoframe.connect()
monoframe.local.lang = "zh"
todo = monoframe.get_doc({"doctype": "ToDo", "description": "timestamp probe"}).insert()
first, second = monoframe.get_doc("ToDo", todo.name), monoframe.get_doc("ToDo", todo.name)
first.description = "first"
first.save()
second.description = "second"
try:
	second.save()
	message = None
except monoframe.TimestampMismatchError:
	message = monoframe.local.message_log[-1]
	message = message.get("message") if isinstance(message, dict) else message
monoframe.db.rollback()
print(json.dumps(message, ensure_ascii=False))
"""


def test_timestamp_mismatch_message_is_translatable():
	"""R-44 (no silent merge): the second save fails with TimestampMismatchError in both cases;
	only with the patch is the message Frappe's translatable text, shown in Chinese."""
	# every other patch applied, so that the engine runs the site at all
	others = "import patches\npatches.MODULES = tuple(m for m in patches.MODULES if m != 'timestamp_message')\npatches.apply()\n"
	bare = last_json(run(others + CODE, patched=False))
	assert bare and "modified after you have opened it" in bare and "错误" not in bare
	patched = last_json(run(CODE, patched=True))
	assert patched.startswith("错误：您打开此文档后，它已被他人修改"), patched
	assert "请刷新后获取最新版本" in patched
