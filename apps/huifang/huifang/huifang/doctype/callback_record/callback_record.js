const COMPLAINT_CATEGORIES = [
	"Engineering Quality",
	"Sales",
	"Property Management",
	"Customer Service",
	"Service Attitude",
	"Efficiency",
	"Procedure Violation",
	"Handling Outside Hall",
	"Integrity",
	"Other",
];

frappe.ui.form.on("Callback Record", {
	setup(frm) {
		frm.set_query("survey_template", () => ({ filters: { is_active: 1 } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.is_problem_case) {
			frm.dashboard.set_headline_alert(__("Problem case: a verification question was answered No"), "red");
		}
		if (!frm.doc.complaint) {
			frm.add_custom_button(__("Complaint"), () => create_complaint(frm), __("Create"));
		}
		if (!frm.doc.rectification_request) {
			frm.add_custom_button(__("Rectification Request"), () => create_rectification(frm), __("Create"));
		}
	},
	survey_template(frm) {
		if (!frm.doc.survey_template || (frm.doc.answers || []).length) return;
		frappe.db.get_doc("Survey Template", frm.doc.survey_template).then((tpl) => {
			(tpl.questions || []).forEach((q) => {
				frm.add_child("answers", {
					question: q.question,
					dimension: q.dimension,
					question_type: q.question_type,
					is_verification: q.is_verification,
					weight: q.weight,
				});
			});
			frm.refresh_field("answers");
		});
	},
});

function create_complaint(frm) {
	frappe.prompt(
		[
			{
				fieldname: "category",
				fieldtype: "Select",
				label: __("Category"),
				reqd: 1,
				default: "Other",
				options: COMPLAINT_CATEGORIES.map((v) => ({ value: v, label: __(v) })),
			},
			{
				fieldname: "responsible_unit",
				fieldtype: "Link",
				label: __("Responsible Unit"),
				options: "Service Unit",
				default: frm.doc.service_unit,
			},
		],
		(values) =>
			frappe
				.call("huifang.huifang.doctype.callback_record.callback_record.create_complaint", {
					record: frm.doc.name,
					...values,
				})
				.then((r) => frappe.set_route("Form", "Complaint", r.message)),
		__("Create Complaint")
	);
}

function create_rectification(frm) {
	frappe.prompt(
		[
			{
				fieldname: "responsible_unit",
				fieldtype: "Link",
				label: __("Responsible Unit"),
				options: "Service Unit",
				reqd: 1,
				default: frm.doc.service_unit,
			},
			{ fieldname: "due_date", fieldtype: "Date", label: __("Due Date") },
		],
		(values) =>
			frappe
				.call("huifang.huifang.doctype.callback_record.callback_record.create_rectification", {
					record: frm.doc.name,
					...values,
				})
				.then((r) => frappe.set_route("Form", "Rectification Request", r.message)),
		__("Create Rectification Request")
	);
}
