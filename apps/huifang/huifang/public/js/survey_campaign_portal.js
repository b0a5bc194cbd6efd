// Survey Campaign: hand out survey links — by email or SMS, printed QR codes, paper entry.
frappe.ui.form.on("Survey Campaign", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "Closed") return;
		const group = __("Survey Links");
		frm.add_custom_button(
			__("Send by Email or SMS"),
			() => {
				const dialog = new frappe.ui.Dialog({
					title: __("Send Survey Links"),
					fields: [
						{
							fieldname: "channel",
							fieldtype: "Select",
							label: __("Channel"),
							options: [
								{ value: "Email", label: __("Email") },
								{ value: "SMS", label: __("SMS") },
							],
							default: "Email",
							reqd: 1,
						},
						{
							fieldname: "days",
							fieldtype: "Int",
							label: __("Valid For (Days)"),
							description: __("Empty: the default of Huifang Settings"),
						},
					],
					primary_action_label: __("Send"),
					primary_action(values) {
						frappe
							.call({
								method: "huifang.portal.dispatch.send_links",
								args: { campaign: frm.doc.name, channel: values.channel, days: values.days },
							})
							.then(() => {
								dialog.hide();
								frappe.show_alert({
									message: __("The links are being sent in the background."),
									indicator: "green",
								});
							});
					},
				});
				dialog.show();
			},
			group
		);
		frm.add_custom_button(
			__("Print Links and QR Codes"),
			() => window.open(`/survey-links?campaign=${encodeURIComponent(frm.doc.name)}`, "_blank"),
			group
		);
		frm.add_custom_button(
			__("Enter a Paper Form"),
			() =>
				frappe.new_doc("Survey Response", {
					campaign: frm.doc.name,
					survey_template: frm.doc.survey_template,
					channel: "Paper Form",
					is_anonymous: frm.doc.is_anonymous,
				}),
			group
		);
		frm.add_custom_button(
			__("Survey Links"),
			() => frappe.set_route("List", "Survey Invitation", { campaign: frm.doc.name }),
			__("View")
		);
	},
});
