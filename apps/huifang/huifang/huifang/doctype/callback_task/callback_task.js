frappe.ui.form.on("Callback Task", {
	refresh(frm) {
		if (frm.is_new() || ["Done", "Cancelled"].includes(frm.doc.status)) return;
		frm.add_custom_button(__("Record Callback"), () => {
			frappe.new_doc("Callback Record", {
				callback_task: frm.doc.name,
				customer: frm.doc.customer,
				service_unit: frm.doc.service_unit,
				service_event: frm.doc.service_event,
				callback_plan: frm.doc.callback_plan,
				method: frm.doc.method,
			});
		}).addClass("btn-primary");
		frm.add_custom_button(__("Add Attempt"), () => {
			frappe.prompt(
				[
					{
						fieldname: "outcome",
						fieldtype: "Select",
						label: __("Outcome"),
						reqd: 1,
						options: ["Answered", "No Answer", "Busy", "Wrong Number", "Refused"].map((v) => ({
							value: v,
							label: __(v),
						})),
					},
					{ fieldname: "note", fieldtype: "Data", label: __("Note") },
				],
				(values) => {
					frm.add_child("attempts", {
						attempt_time: frappe.datetime.now_datetime(),
						method: frm.doc.method,
						agent: frappe.session.user,
						outcome: values.outcome,
						note: values.note,
					});
					frm.save();
				},
				__("Add Attempt")
			);
		});
	},
});
