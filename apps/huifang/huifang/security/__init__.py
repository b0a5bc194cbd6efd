"""Confidentiality and access control (R-12): masking, unit scoping, reveals, access requests,
export and print control. See README "who sees what"."""
