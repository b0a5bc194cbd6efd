import frappe
from frappe.database import get_db
from frappe.tests import IntegrationTestCase

from huifang.utils.job_lock import job_lock, lock_name

KEY = "test-job-lock"


def other_worker():
	"""A second database connection, as another worker process has."""
	conf = frappe.conf
	db = get_db(
		socket=conf.get("db_socket"),
		host=conf.get("db_host"),
		port=conf.get("db_port"),
		user=conf.get("db_user") or conf.db_name,
		password=conf.db_password,
		cur_db_name=conf.db_name,
	)
	db.connect()
	return db


def try_lock(db) -> int:
	return db.sql("select get_lock(%s, 0)", (lock_name(KEY),))[0][0]


class TestJobLock(IntegrationTestCase):
	def setUp(self):
		if frappe.db.db_type != "mariadb":
			self.skipTest("the test drives MariaDB's GET_LOCK directly")

	def test_one_holder_at_a_time(self):
		"""R-80: while one worker holds a job's lock, another is refused; after the block the lock
		is free again."""
		with job_lock(KEY) as locked:
			self.assertTrue(locked)
			other = other_worker()
			try:
				self.assertEqual(try_lock(other), 0)
			finally:
				other.close()
		other = other_worker()
		try:
			self.assertEqual(try_lock(other), 1)
			with job_lock(KEY) as locked:
				self.assertFalse(locked)
		finally:
			other.close()

	def test_killed_holder_does_not_block_the_rerun(self):
		"""R-80: the lock belongs to the holder's connection: when that worker dies (its connection
		drops), the next run gets the lock without any clean-up."""
		holder = other_worker()
		self.assertEqual(try_lock(holder), 1)
		with job_lock(KEY) as locked:
			self.assertFalse(locked)
		holder.close()
		with job_lock(KEY) as locked:
			self.assertTrue(locked)

	def test_lock_names_are_per_site_and_short(self):
		"""R-80: MariaDB lock names are server-wide and at most 64 characters: the name carries
		the site's database and fits whatever the job key."""
		long_key = "回访任务生成:" + "计划" * 100
		self.assertLessEqual(len(lock_name(long_key)), 64)
		self.assertNotEqual(lock_name(long_key), lock_name(KEY))
		here = lock_name(KEY)
		previous = frappe.conf.db_name
		try:
			frappe.conf.db_name = f"{previous}_other"
			self.assertNotEqual(lock_name(KEY), here)
		finally:
			frappe.conf.db_name = previous
		self.assertEqual(lock_name(KEY), here)
