# Action learning sets, their meetings, diaries, reports and forming.

sets-title = Your action learning sets
sets-choose-for = Choose your set for { $name }
sets-none-yet = You are not in a set yet. When your programme lead publishes the sets, yours appears here and you get an email.
sets-of-place = of { $place }
sets-self-facilitated = (self-facilitated)
sets-back-to-sets = Back to the sets

sets-choose-title = Choose your set
sets-choose-intro = Pick the set you want to join. Each set mixes people from different organisations, and nobody shares a set with someone in their own management chain: a set that is closed to you says why.
sets-choose-legend = Sets open for choosing
sets-choose-people = { $count -> [one] { $count } person *[other] { $count } people }
sets-choose-from = from { $organisations }
sets-choose-mine = (your choice)
sets-choose-closed = Closed to you: { $why }
sets-choose-save = Save my choice

sets-rename-title = Change the name of { $name }
sets-rename-label = Name of the set
sets-rename-hint = Up to 60 characters, different from the cohort's other sets, like Harbour Thursday set. Members and facilitators see it beside the programme and cohort.
sets-rename-save = Save the name

meeting-back = Back to the meeting
meeting-cancel-already = This meeting is already cancelled
meeting-cancel-go-back = Go back to the meeting
meeting-cancel-to-undo = to undo the cancellation
meeting-cancel-title = Cancel the meeting on { $when }?
meeting-cancel-what-heading = What will happen
meeting-cancel-what-shown = The meeting is shown as cancelled on the set's page and in everyone's calendar feed.
meeting-cancel-what-rota = Nobody loses their turn to present: the rota moves to the next meeting.
meeting-cancel-what-undo = You can undo this from the meeting's page until the time it was due to start.
meeting-cancel-who-heading = Who will be told
meeting-cancel-who = An email goes to { $count -> [one] this person *[other] these { $count } people }, the set's members and facilitators:
meeting-cancel-yes = Yes, cancel the meeting
meeting-cancel-no = No, keep the meeting

forming-run-title = Forming sets
forming-run-formed = { $count } draft sets formed.
forming-run-check = Check them, assign facilitators, then publish.
forming-run-see = See the formed sets
forming-run-leave = You can leave this page: the search goes on without it, and this page shows the result when you come back.
forming-run-refresh = Refresh
forming-run-refresh-hidden = the progress
forming-run-cancel = Cancel forming
forming-run-unchanged = The sets you had before are unchanged.

reports-sets-title = How the sets are going
reports-sets-lede = For each cohort with published action learning sets: how many meet, how often, and how well attended. Counts only: what is said in a set stays in the set.
reports-sets-rule = Counts of people and of what they wrote follow NHS Digital's small-number rule: 1 to 7 are shown as "Fewer than 8" and the rest are rounded to the nearest 5, so nobody can be picked out.
reports-sets-caption = Sets per cohort
reports-col-programme = Programme
reports-col-cohort = Cohort
reports-col-sets = Sets
reports-col-members = Members
reports-col-meetings-held = Meetings held
reports-col-attendance = Attendance
reports-col-problems = Problems brought
reports-col-diary-entries = Diary entries
reports-held-of-planned = { $held } of { $planned }
reports-no-meetings-yet = No meetings yet
reports-attendance-hidden = Not shown: fewer than 8 people
reports-no-sets = No sets have been published yet.
reports-download-csv = Download every cohort as CSV
reports-themes-link = Themes of the problems brought

reports-themes-title = Themes of problems
reports-themes-lede = How many of the problems that members bring to their sets carry each theme, across all your sets.
reports-themes-protect-heading = How these numbers protect people
reports-themes-protect-intro = Sets are small, so a small count could point to the person who brought a problem. We follow NHS Digital's rule for small numbers:
reports-themes-rule-small = a theme with 1 to 7 problems shows "Fewer than 8" instead of a number;
reports-themes-rule-round = every other count is rounded to the nearest 5;
reports-themes-rule-total = the total adds up only the numbers shown, after rounding, so a hidden count cannot be worked out by subtracting.
reports-themes-several = A problem with several themes is counted once under each of them. Nobody here sees the problems themselves.
reports-themes-caption = Problems per theme
reports-col-theme = Theme
reports-col-problems-count = Problems
reports-themes-none = No problems have been tagged with a theme yet.
reports-themes-total = Total of the numbers shown
reports-themes-list-heading = Your theme list
reports-themes-list-label = Themes members can tag their problems with
reports-themes-list-hint = One theme per line, for example "Staff wellbeing".
reports-themes-save = Save theme list
