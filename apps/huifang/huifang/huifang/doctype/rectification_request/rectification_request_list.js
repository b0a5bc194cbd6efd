frappe.listview_settings["Rectification Request"] = {
	add_fields: ["status", "due_date"],
	get_indicator(doc) {
		if (doc.status !== "Completed" && doc.status !== "Cancelled" && doc.due_date < frappe.datetime.get_today()) {
			return [__("Overdue"), "red", "status,in,Open,In Progress"];
		}
		const colors = { Open: "orange", "In Progress": "blue", Completed: "green", Cancelled: "gray" };
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
