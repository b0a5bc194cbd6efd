app_name = "huifang"
app_title = "回访"
app_publisher = "huifang developers"
app_description = "回访管理：客户档案、回访任务、回访记录、投诉整改、满意度调查与服务分析"
app_email = "huifang@example.com"
app_license = "mit"
required_apps = ["frappe"]

# Includes in <head>
# ------------------
app_include_js = ["/assets/huifang/js/huifang.js"]

# Installation
# ------------
after_install = "huifang.install.after_install"
after_migrate = ["huifang.install.after_migrate"]

# Fixtures
# --------
fixtures = []

# Scheduled Tasks
# ---------------
scheduler_events = {
	"hourly": [],
	"daily": [],
	"weekly": [],
	"monthly": [],
	"cron": {
		# heartbeat: proves the scheduler enqueues app jobs and the worker runs them
		"* * * * *": ["huifang.tasks.heartbeat"],
	},
}
