// Evaluator Score list: import a CSV exported by the window evaluators (评价器, R-71)
frappe.listview_settings["Evaluator Score"] = {
	onload(listview) {
		if (!frappe.model.can_create("Evaluator Score")) return;
		listview.page.add_inner_button(__("Import Evaluator CSV"), () => huifang_import_evaluator(listview));
	},
};

function huifang_import_evaluator(listview) {
	const dialog = new frappe.ui.Dialog({
		title: __("Import Evaluator CSV"),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p class="text-muted">${__(
					"Columns: 窗口 (window name or unit code), 日期 (date), 评价器编号 (optional), 非常满意, 满意, 基本满意, 不满意, 非常不满意. UTF-8 or GBK."
				)}</p>`,
			},
			{ fieldname: "file_url", fieldtype: "Attach", label: __("CSV File"), reqd: 1 },
			{ fieldname: "dry_run", fieldtype: "Check", label: __("Check Only") },
			{ fieldname: "result", fieldtype: "HTML" },
		],
		primary_action_label: __("Import"),
		primary_action(values) {
			frappe
				.call({
					method: "huifang.analysis.evaluator.import_csv",
					args: values,
					freeze: true,
				})
				.then((r) => {
					const res = r.message;
					const errors = (res.errors || [])
						.map((e) => `<tr><td>${e.row}</td><td>${frappe.utils.escape_html(e.error)}</td></tr>`)
						.join("");
					dialog.fields_dict.result.$wrapper.html(
						`<p>${__("Valid rows: {0}, inserted: {1}, updated: {2}, errors: {3}", [
							res.valid,
							res.inserted,
							res.updated,
							(res.errors || []).length,
						])}</p>` +
							(errors
								? `<table class="table table-bordered table-sm"><thead><tr><th>${__("Row")}</th><th>${__(
										"Error"
								  )}</th></tr></thead><tbody>${errors}</tbody></table>`
								: "")
					);
					if (!values.dry_run) listview.refresh();
				});
		},
	});
	dialog.show();
}
