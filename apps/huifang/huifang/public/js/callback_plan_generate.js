// "Generate Now" on an approved Callback Plan: queues huifang.scheduling.generation.run_plan on
// the long queue; the job's frappe.publish_progress shows as a progress bar on this form.
frappe.ui.form.on("Callback Plan", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.is_active || frm.doc.workflow_state !== "Approved") return;
		if (!frm.has_perm("write")) return;
		frm.add_custom_button(__("Generate Now"), () => {
			frappe
				.call({ method: "huifang.scheduling.generation.generate_now", args: { plan: frm.doc.name } })
				.then(({ message }) => {
					frappe.show_alert({
						message: message && message.queued
							? __("Task generation started in the background.")
							: __("Task generation for this plan is already running."),
						indicator: "blue",
					});
				});
		});
		if (!frm.__huifang_generation_listener) {
			frm.__huifang_generation_listener = true;
			frappe.realtime.on("huifang_generation_done", (data) => {
				if (!data || data.plan !== frm.doc.name) return;
				frappe.hide_progress();
				frappe.show_alert({ message: __("{0} callback tasks created.", [data.created]), indicator: "green" });
			});
		}
	},
});
