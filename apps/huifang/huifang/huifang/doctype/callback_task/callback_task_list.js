frappe.listview_settings["Callback Task"] = {
	add_fields: ["status", "escalated", "latest_date"],
	get_indicator(doc) {
		const colors = {
			Open: "blue",
			"In Progress": "orange",
			Done: "green",
			Unreachable: "gray",
			Overdue: "red",
			Cancelled: "darkgrey",
		};
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
