// huifang desk helpers, loaded on every Desk page (app_include_js)
frappe.provide("huifang");
