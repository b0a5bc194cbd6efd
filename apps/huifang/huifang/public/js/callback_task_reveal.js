// the assignee of an open task may reveal the customer's phone; the server logs each reveal.
frappe.ui.form.on("Callback Task", {
	refresh(frm) {
		const open = ["Open", "In Progress", "Overdue"].includes(frm.doc.status);
		if (frm.is_new() || !open || frm.doc.assignee !== frappe.session.user) return;
		frm.add_custom_button(__("Reveal Phone"), () => {
			frappe.call({
				method: "huifang.security.reveal.reveal_phone",
				args: { task: frm.doc.name },
				type: "POST",
				callback: (r) => {
					if (!r.message) return;
					frappe.msgprint({
						title: __("Customer Phone"),
						message: `<p class="text-large">${frappe.utils.escape_html(r.message.phone)}</p>
							<p class="text-muted">${__("This reveal has been logged.")}</p>`,
						indicator: "blue",
					});
				},
			});
		});
	},
});
