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

# Fixtures (underscored names are not hooks): roles and the review / handling / approval workflows, filtered by name so
# `bench export-fixtures` never picks up a site's own records
# --------
_ROLES = [
	"Huifang Agent",
	"Huifang Supervisor",
	"Huifang Manager",
	"Complaint Handler",
	"Quality Auditor",
	"Customer",
]
_WORKFLOWS = ["Callback Record Review", "Complaint Handling", "Callback Plan Approval"]
_WORKFLOW_STATES = [
	"Draft",
	"Submitted",
	"Returned",
	"Reviewed",
	"Archived",
	"New",
	"Accepted",
	"Assigned",
	"Processing",
	"Resolved",
	"Callback",
	"Closed",
	"Reopened",
	"Approved",
]
_WORKFLOW_ACTIONS = [
	"Submit",
	"Review",
	"Return",
	"Revise",
	"Archive",
	"Accept",
	"Assign",
	"Start Processing",
	"Resolve",
	"Call Back",
	"Close",
	"Reopen",
	"Approve",
]
fixtures = [
	{"dt": "Role", "filters": [["name", "in", _ROLES]]},
	{"dt": "Workflow State", "filters": [["name", "in", _WORKFLOW_STATES]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", _WORKFLOW_ACTIONS]]},
	{"dt": "Workflow", "filters": [["name", "in", _WORKFLOWS]]},
]

# Tree DocTypes (sidebar "Tree" view)
treeviews = ["Service Unit"]

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
