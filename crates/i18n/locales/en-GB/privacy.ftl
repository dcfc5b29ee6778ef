# Subject access: the account page's "Download your data" (issue 17).

privacy-export-heading = Your data
privacy-export-hint = Download everything Revans holds about you: a ZIP with a readable page and the same data as JSON.
privacy-export-button = Download your data
