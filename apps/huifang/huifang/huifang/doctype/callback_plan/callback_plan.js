frappe.ui.form.on("Callback Plan", {
	setup(frm) {
		frm.set_query("survey_template", () => ({ filters: { is_active: 1 } }));
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.workflow_state !== "Approved") {
			frm.dashboard.set_headline_alert(__("This plan generates no tasks until it is approved."), "orange");
		}
	},
});

frappe.ui.form.on("Callback Plan Step", {
	steps_add(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		row.step_no = frm.doc.steps.length;
		frm.refresh_field("steps");
	},
});
