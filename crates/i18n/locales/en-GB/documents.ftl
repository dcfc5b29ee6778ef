# Text in the documents Revans writes: certificates, reports, charts.

pdf-certificate-title = Certificate of completion
pdf-certificate-certifies = This certifies that
pdf-certificate-completed-programme = has completed the programme
pdf-certificate-completed-on = Completed on { $date } with { $hours } of continuing professional development (CPD)
pdf-certificate-code = Verification code: { $code }
pdf-certificate-check = Check that this certificate is genuine at
pdf-certificate-outcomes = Learning outcomes
pdf-page-of = Page { $page } of { $count }
pdf-data-of = Data: { $caption }
pdf-table = Table
pdf-continued = { $caption } (continued)
pdf-chart-axis = Axis
pdf-chart-category = Category
chart-kite = Profile chart on four axes
chart-bars = Bar chart
chart-summary = { $kind }: { $labels }, scale 0 to { $max }.
chart-no-data = No data.
chart-no-value = no value

# Calendar files (RFC 5545): the calendar's name and a set meeting's title.
ics-calendar-name = Revans sessions
ics-set-meeting = { $set }: action learning set
