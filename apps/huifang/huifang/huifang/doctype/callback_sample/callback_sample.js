frappe.ui.form.on("Callback Sample", {
	refresh(frm) {
		if (frm.is_new()) return;
		// R-33 audit: replay the ledger as it was at the draw and redraw from the stored seed
		frm.add_custom_button(__("Verify Draw"), () => {
			frappe.call({
				method: "huifang.scheduling.sampling.verify_sample",
				args: { name: frm.doc.name },
				freeze: true,
			}).then(({ message: r }) => {
				const ok = r.population_matches && r.sample_matches;
				frappe.msgprint({
					title: __("Verify Draw"),
					indicator: ok ? "green" : "red",
					message: ok
						? __("The ledger and the sample match the stored seed.")
						: __("The ledger has changed since the draw ({0} events now) or the sample does not match its seed.", [r.population_size]),
				});
			});
		});
		frm.add_custom_button(__("Callback Tasks"), () => {
			frappe.set_route("List", "Callback Task", { callback_plan: frm.doc.callback_plan });
		});
	},
});
