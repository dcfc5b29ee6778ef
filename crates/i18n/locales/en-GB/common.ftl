# What every page shares: the header, navigation, footer and form parts.

skip-to-content = Skip to main content
title-error-prefix = Error:
signed-in-as = Signed in as { $name }
sign-out = Sign out
primary-navigation = Primary navigation
menu = Menu
footer-accessibility = Accessibility statement
footer-privacy = Privacy notice
footer-programmes = Programmes
footer-help = Help and the words we use
footer-contact = Contact:
footer-ask-lead = Questions? Ask your programme lead
footer-powered-by = Powered by Revans, open-source software for running action learning programmes.

nav-home = Home
nav-programmes = Programmes
nav-applications = Your applications
nav-sets = Your sets
nav-circles = Support circles
nav-certificates = Your certificates
nav-nominees = Your nominees
nav-manage-programmes = Manage programmes
nav-people = People
nav-organisations = Organisations
nav-audit = Audit log
nav-failed-emails = Failed emails
nav-interests = Masterclass interests
nav-diary = Diary
nav-cpd = CPD record
nav-portfolio = CPD portfolio
nav-sets-overview = Sets overview
nav-themes = Themes
nav-account = Your account

error-summary-title = There is a problem
error-prefix = Error:
fewer-than-8 = Fewer than 8
date-day = Day
date-month = Month
date-year = Year
pagination = Pagination
pagination-previous = Previous
pagination-next = Next
pagination-page = page
unknown-time = unknown

language-label = Language
locale-unknown = Choose English or Deutsch

role-admin = Programme lead
role-sponsor = Sponsor
role-facilitator = Facilitator
role-participant = Participant
role-evaluator = Evaluator

# Words many pages use. Areas define their own sentences in their own files.
action-save = Save
action-continue = Continue
action-change = Change
action-cancel = Cancel
action-back = Back
action-confirm = Confirm
action-remove = Remove
action-delete = Delete
action-submit = Submit
action-send = Send
action-download = Download
action-view = View
action-edit = Edit
action-search = Search
action-filter = Filter
action-apply-filter = Apply filter
action-clear-filter = Clear filter
yes = Yes
no = No
none = None
optional = (optional)
check-answers-title = Check your answers
status-heading = Status
name-heading = Name
email-heading = Email address
date-heading = Date
