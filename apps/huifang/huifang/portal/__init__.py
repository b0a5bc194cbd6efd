"""Customer portal (R-60..R-62): survey links, the survey page, customers' own complaints and
surveys, dispatch by email / SMS / printed QR codes and the low-score follow-up."""
