frappe.listview_settings["Survey Invitation"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Open: "blue", Used: "green", Expired: "gray", Revoked: "darkgrey" };
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
