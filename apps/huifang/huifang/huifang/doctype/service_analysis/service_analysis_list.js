// Service Analysis list: a Manager (re)computes the Draft analyses of a closed month
frappe.listview_settings["Service Analysis"] = {
	add_fields: ["grade", "workflow_state"],
	onload(listview) {
		if (!frappe.user.has_role(["Huifang Manager", "System Manager"])) return;
		listview.page.add_inner_button(__("Compute Month"), () => {
			const last = frappe.datetime.add_months(frappe.datetime.month_start(), -1).slice(0, 7);
			frappe.prompt(
				[{ fieldname: "period", fieldtype: "Data", label: __("Period"), default: last, reqd: 1, description: __("Month as YYYY-MM") }],
				(values) =>
					frappe
						.call({
							method: "huifang.analysis.snapshot.compute_month",
							args: values,
							freeze: true,
						})
						.then((r) => {
							const res = r.message || {};
							frappe.show_alert({
								message: __("Created {0}, updated {1}, kept {2} (reviewed or published)", [res.created, res.updated, res.kept]),
								indicator: "green",
							});
							listview.refresh();
						}),
				__("Compute Month"),
				__("Compute")
			);
		});
	},
};
