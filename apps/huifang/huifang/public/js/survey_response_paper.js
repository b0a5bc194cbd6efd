// Paper forms typed in by staff: a new response opened from its campaign starts with the
// template's questions, reusing the form's own survey_template handler.
frappe.ui.form.on("Survey Response", {
	refresh(frm) {
		if (frm.is_new() && frm.doc.survey_template && !(frm.doc.answers || []).length) {
			frm.trigger("survey_template");
		}
	},
});
