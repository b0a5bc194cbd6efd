frappe.ui.form.on("Survey Response", {
	survey_template(frm) {
		if (!frm.doc.survey_template || (frm.doc.answers || []).length) return;
		frappe.db.get_doc("Survey Template", frm.doc.survey_template).then((tpl) => {
			(tpl.questions || []).forEach((q) =>
				frm.add_child("answers", {
					question: q.question,
					question_type: q.question_type,
					dimension: q.dimension,
					weight: q.weight,
				})
			);
			frm.refresh_field("answers");
		});
	},
	is_anonymous(frm) {
		if (frm.doc.is_anonymous) frm.set_value("customer", null);
	},
});
