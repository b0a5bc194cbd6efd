frappe.listview_settings["Service Event"] = {
	add_fields: ["status", "priority"],
	get_indicator(doc) {
		const colors = { Open: "orange", Completed: "green", Cancelled: "gray" };
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
