# Subject access: the account page's "Download your data" (issue 17).

privacy-export-heading = Your data
privacy-export-hint = Download everything Revans holds about you: a ZIP with a readable page and the same data as JSON.
privacy-export-button = Download your data

# The readable page in the export ZIP (index.html).
privacy-export-title = Everything held about you
privacy-export-about = This page and the file data.json beside it hold the same information. In data.json each table is a list of rows as stored: times are milliseconds since 1 January 1970 (UTC), and yes or no may read true or false, or 1 or 0. Entries other people wrote are theirs and are not included, even when they shared them with you.
privacy-export-contents = Contents
privacy-export-nothing-heading = Nothing held
privacy-export-why = Why it is held:
privacy-export-kept = How long it is kept:
privacy-export-nothing = Nothing is held about you in:
privacy-rights-self-service = You can download everything held about you from your account page ("Download your data"). A programme lead of your organisation can erase your account; what you wrote is then deleted, and where others' records must keep a trace you appear as "Former member".
