"""The public ranking page /ranking over HTTP (R-71): no login, published months only, units ranked
by score with their grade, nothing personal."""

import urllib.error
import urllib.request

import pytest


def get(url: str) -> tuple[int, str]:
	try:
		with urllib.request.urlopen(url, timeout=30) as r:
			return r.status, r.read().decode()
	except urllib.error.HTTPError as e:
		return e.code, e.read().decode()


@pytest.fixture(scope="module")
def published(site_frappe):
	"""Three units in one month: two published (A 250, B 230), one only reviewed (C 280); the next
	month only reviewed."""
	frappe = site_frappe
	frappe.db.rollback()
	tag = frappe.generate_hash(length=6)
	units = {}
	for key in ("A", "B", "C"):
		units[key] = (
			frappe.get_doc(
				{"doctype": "Service Unit", "unit_name": f"公示窗口{key}-{tag}", "unit_type": "Window"}
			)
			.insert(ignore_permissions=True)
			.name
		)
	agent = f"ranking-agent-{tag}@huifang.test"
	made = []
	for key, period, score, grade, state in (
		("A", "2019-05", 250.0, "Satisfied", "Published"),
		("B", "2019-05", 230.0, "Basically Satisfied", "Published"),
		("C", "2019-05", 280.0, "Satisfied", "Reviewed"),
		("A", "2019-06", 260.0, "Satisfied", "Reviewed"),
	):
		doc = frappe.get_doc(
			{
				"doctype": "Service Analysis",
				"service_unit": units[key],
				"period": period,
				"score": score,
				"grade": grade,
				"rated": 10,
				"satisfaction_rate": 90.0,
				"agents": [{"agent": "Administrator", "agent_name": agent, "score": score}],
			}
		).insert(ignore_permissions=True)
		doc.db_set("workflow_state", state)
		made.append(doc.name)
	frappe.db.commit()
	yield {"units": units, "agent": agent}
	for name in made:
		frappe.delete_doc("Service Analysis", name, force=True, ignore_permissions=True)
	for name in units.values():
		frappe.delete_doc("Service Unit", name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_published_month_ranked_without_login(stack, published):
	"""R-71: without logging in, a published month lists its published units ranked by score with
	their grade in Chinese on a page laid out for phones; a reviewed but unpublished unit and agents'
	names never appear."""
	status, html = get(stack["url"] + "/ranking?period=2019-05")
	assert status == 200
	units = published["units"]
	a, b = html.find(units["A"]), html.find(units["B"])
	assert 0 < a < b, "A (250) ranks before B (230)"
	assert "250.00" in html and "230.00" in html
	assert "满意" in html and "基本满意" in html
	assert units["C"] not in html and "280.00" not in html
	assert published["agent"] not in html
	assert "2019-06" not in html  # a month with nothing published is not offered
	# Chinese, and laid out for phones: the viewport follows the device, the wide columns fold away
	assert '<html lang="zh-CN">' in html and "服务评价排名" in html
	assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
	assert "@media (max-width:36rem)" in html
	assert "/login" not in html and "csrf_token" not in html


def test_unpublished_month_shows_nothing(stack, published):
	"""R-71: a month that is only reviewed shows no unit at all."""
	status, html = get(stack["url"] + "/ranking?period=2019-06")
	assert status == 200
	assert "尚未发布" in html
	assert published["units"]["A"] not in html and "260.00" not in html
	status, html = get(stack["url"] + "/ranking?period=bad'<script>")
	assert status == 200 and "<script>" not in html
