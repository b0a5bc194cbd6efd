frappe.listview_settings["Scheduler Run Log"] = {
	add_fields: ["status", "error_count"],
	get_indicator(doc) {
		const colour = { Running: "blue", Success: "green", Partial: "orange", Failed: "red" }[doc.status];
		return [__(doc.status), colour || "gray", `status,=,${doc.status}`];
	},
};
