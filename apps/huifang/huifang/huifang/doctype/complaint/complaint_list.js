frappe.listview_settings["Complaint"] = {
	add_fields: ["severity", "workflow_state", "reply_by"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const colors = { Major: "red", Important: "orange", General: "blue" };
		return [__(doc.severity), colors[doc.severity] || "gray", `severity,=,${doc.severity}`];
	},
};
