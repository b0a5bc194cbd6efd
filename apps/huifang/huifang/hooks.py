app_name = "huifang"
app_title = "回访"
app_publisher = "huifang developers"
app_description = "回访管理：客户档案、回访任务、回访记录、投诉整改、满意度调查与服务分析"
app_email = "huifang@example.com"
app_license = "mit"
required_apps = ["frappe"]

# Includes in <head>
# ------------------
app_include_js = ["/assets/huifang/js/huifang.js", "/assets/huifang/js/analysis.js"]

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
	"Huifang Integration",
]
_WORKFLOWS = [
	"Callback Record Review",
	"Complaint Handling",
	"Callback Plan Approval",
	"Service Analysis Review",
	"Archive Access Request Approval",
]
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
	"Published",
	"Pending",
	"Rejected",
	"Revoked",
	"Expired",
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
	"Publish",
	"Reject",
	"Revoke",
]
fixtures = [
	{"dt": "Role", "filters": [["name", "in", _ROLES]]},
	{"dt": "Workflow State", "filters": [["name", "in", _WORKFLOW_STATES]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", _WORKFLOW_ACTIONS]]},
	{"dt": "Workflow", "filters": [["name", "in", _WORKFLOWS]]},
	{"dt": "Email Template", "filters": [["name", "in", ["Huifang Survey Invitation"]]]},
]

# Jinja helpers for print formats (full names on signature lines)
jinja = {"methods": ["huifang.analysis.printing.hf_full_name"]}

# Tree DocTypes (sidebar "Tree" view)
treeviews = ["Service Unit"]

# Scheduled Tasks
# ---------------
scheduler_events = {
	"hourly": [
		# reply-by / rectify-by breaches escalate once each (huifang.scheduling)
		"huifang.scheduling.complaint_deadlines.run_hourly",
		# approved archive access requests past their time lose their share
		"huifang.security.access.expire_access",
	],
	"daily": [
		"huifang.portal.invitations.expire_overdue",
		# R-36 overdue + escalation, R-35 method switch; R-04 reassignment
		"huifang.scheduling.escalation.run_daily",
		"huifang.scheduling.reassignment.run_daily",
	],
	"weekly": [],
	"monthly": [],
	# database + files backup with rotation (keeps `huifang_backup_keep` sets, site config)
	"daily_long": [
		"huifang.backups.daily_backup",
		# callback generation (R-31..R-35), customer cycles, re-visits, visit plans
		"huifang.scheduling.generation.run_daily",
		"huifang.scheduling.recurring.run_daily",
		"huifang.scheduling.revisits.run_daily",
		"huifang.scheduling.visit_plans.run_daily",
	],
	"cron": {
		# last month's Service Analysis per unit, early on the 1st
		"0 2 1 * *": ["huifang.analysis.snapshot.monthly_snapshot"],
		# heartbeat: proves the scheduler enqueues app jobs and the worker runs them
		"* * * * *": ["huifang.tasks.heartbeat"],
		# R-33 weekly random sample, Monday 01:30 for last week (enqueued on the long queue)
		"30 1 * * 1": ["huifang.scheduling.sampling.enqueue_weekly"],
	},
}

# Customer portal (R-62): survey links, customers' own surveys and complaints
# ---------------
website_route_rules = [
	{"from_route": "/survey/<token>", "to_route": "survey"},
	{"from_route": "/my/surveys/<invitation>", "to_route": "survey"},
	{"from_route": "/my/complaints/new", "to_route": "my/complaints/new"},
	{"from_route": "/my/complaints/<complaint>", "to_route": "my/complaints/complaint"},
]
doc_events = {
	"Survey Response": {"on_update": "huifang.portal.followup.on_survey_response_update"},
	# major complaints reach the Managers at once (on insert or when raised to Major)
	"Complaint": {
		"on_update": "huifang.scheduling.complaint_deadlines.notify_major",
		"validate": "huifang.security.masking.set_masked_fields",
		"on_change": "huifang.security.masking.strip_after_save",
	},
	# masked copies of confidential fields, kept on every save (huifang.security.masking)
	"Customer Archive": {
		"validate": [
			"huifang.security.masking.set_masked_fields",
			"huifang.security.access.guard_confidentiality",
		],
		"validate_share": "huifang.security.access.validate_share",
		"on_change": "huifang.security.masking.strip_after_save",
	},
	"Callback Record": {
		"validate": "huifang.security.masking.set_masked_fields",
		"on_change": "huifang.security.masking.strip_after_save",
	},
	"Version": {"before_insert": "huifang.security.masking.mask_version"},
	"Service Unit": {
		"on_update": "huifang.utils.units.clear_user_units",
		"on_trash": "huifang.utils.units.clear_user_units",
		"after_rename": "huifang.utils.units.clear_user_units",
	},
	# staff print what their role may print, masked, and every print is logged
	"*": {"before_print": "huifang.security.exports.before_print"},
}
doctype_js = {
	"Survey Campaign": "public/js/survey_campaign_portal.js",
	"Survey Response": "public/js/survey_response_paper.js",
	"Callback Plan": "public/js/callback_plan_generate.js",
	"Callback Task": "public/js/callback_task_reveal.js",
}
# portal users land on their own surveys after signing in
role_home_page = {"Customer": "my/surveys"}
# SMS senders by name; Huifang Settings > SMS Sender picks one (other apps may add theirs)
huifang_sms_senders = {
	"log": "huifang.portal.sms.log_sender",
	"frappe": "huifang.portal.sms.frappe_sender",
}

# Confidentiality and access: huifang.security
# ---------------
# row-level scoping by Service Unit, one condition for lists and documents (huifang.security.scoping.SCOPES)
_UNIT_SCOPED = [
	"Customer Archive",
	"Service Event",
	"Callback Plan",
	"Callback Task",
	"Callback Record",
	"Callback Sample",
	"Complaint",
	"Rectification Request",
	"Evaluator Score",
	"Huifang Escalation",
	"Service Analysis",
	"Survey Campaign",
	"Survey Response",
	"Survey Invitation",
	"Archive Access Request",
	"Archive Access Log",
]
permission_query_conditions = {
	doctype: "huifang.security.scoping.get_permission_query_conditions" for doctype in _UNIT_SCOPED
}
has_permission = {doctype: "huifang.security.scoping.has_permission" for doctype in _UNIT_SCOPED}
# exports are permission-checked and logged; global search drops hits outside the user's scope
override_whitelisted_methods = {
	"frappe.desk.reportview.export_query": "huifang.security.exports.export_query",
	"frappe.desk.query_report.export_query": "huifang.security.exports.report_export_query",
	"frappe.core.doctype.data_export.exporter.export_data": "huifang.security.exports.data_export",
	"frappe.core.doctype.data_import.data_import.download_template": "huifang.security.exports.import_template",
	"frappe.utils.global_search.search": "huifang.security.search.global_search",
	"frappe.desk.search.get_link_title": "huifang.security.search.get_link_title",
	# big date ranges of the analysis reports run as Prepared Reports (issue 7, R-73)
	"frappe.desk.query_report.run": "huifang.analysis.prepared.run",
}
global_search_doctypes = {"Default": [{"doctype": "Customer Archive"}, {"doctype": "Complaint"}]}
# the customer's events, tasks, records, complaints and surveys on the archive's timeline
additional_timeline_content = {"Customer Archive": ["huifang.utils.customer_history.timeline_content"]}
clear_cache = "huifang.utils.units.clear_user_units"
