## Emails: subjects, bodies (text and HTML) and the sentences the application layer queues as
## data, written in the recipient's language when the email is sent.

email-dear = Dear { $name },
email-dear-colleague = Dear colleague,
email-programme = Programme: { $programme }
email-support-circle = Support circle: { $circle }
email-application-subject = { $programme }: { $headline }
email-session = { $day }, { $start } to { $end } ({ $zone })
email-session-line = { $session }
email-names = { $first } and { $last }
email-reset-now = reset your password now
email-if-not-you = If this was not you,

## Password reset
email-password-reset-subject = Reset your { $tenant } password
email-password-reset-asked = Someone asked to reset the password for your { $tenant } account.
email-password-reset-use-link = If it was you, use this link to choose a new password:
email-password-reset-open-link = If it was you, open this link to choose a new password:
email-password-reset-link = Choose a new password
email-password-reset-expiry =
    { $minutes ->
        [one] The link works once and expires in { $minutes } minute.
       *[other] The link works once and expires in { $minutes } minutes.
    }
email-password-reset-ignore = If you did not ask for this, you can ignore this email: your password has not changed.

## Invitation
email-invitation-subject = You have been invited to { $tenant }
email-invitation-body = { $inviter } has invited you to { $tenant } as part of { $organisation }.
email-invitation-open = Open this link to choose a password and sign in:
email-invitation-link = Choose a password and sign in
email-invitation-expiry =
    { $days ->
        [one] The link works once and expires in { $days } day.
       *[other] The link works once and expires in { $days } days.
    }

## Password changed
email-password-changed-subject = Your { $tenant } password was changed
email-password-changed-body = The password for your { $tenant } account was just changed, and you were signed out everywhere else.

## Failed sign-ins
email-sign-in-failures-subject = Failed attempts to sign in to your { $tenant } account
email-sign-in-failures-body =
    { $failures ->
        [one] Someone has tried and failed to sign in to your { $tenant } account once in the last { $minutes } minutes.
       *[other] Someone has tried and failed to sign in to your { $tenant } account { $failures } times in the last { $minutes } minutes.
    }
email-sign-in-failures-if-you = If this was you, you can carry on: you can still sign in with your password. Attempts from the place the failures came from are slowed down, so guessing your password is hard.
email-sign-in-failures-if-not-you = If this was not you, your account is still safe while your password is not known. If you think it might be,
email-sign-in-failures-once-a-day = We send this notice at most once a day.

## Masterclass invitation
email-masterclass-subject = A masterclass you asked for: { $topic }
email-masterclass-asked = You asked for a masterclass on { $topic }.
email-masterclass-arranged = Enough people asked that one is being arranged.
email-masterclass-link = See the masterclass (it opens for applications when it is published)
email-masterclass-opens = Its page opens for applications when the masterclass is published:
email-masterclass-nobody-told = Nobody running the masterclass has been told who asked: this invitation comes from { $tenant } itself.

## Links
email-see-applications = See your applications and places
email-complete-application = Complete your application
email-see-the-circle = See the circle
email-merge-or-cancel = Merge or cancel the circle
email-accept-on-my-circles = Accept or decline on My circles
email-see-download-certificates = See and download your certificates
email-see-certificates = See your certificates
email-360-answer-about-yourself = Answer about yourself
email-360-give-your-view = Give your view
email-answer-questionnaire = Answer the questionnaire
email-see-the-meeting = See the meeting
email-go-to-revans = Go to Revans
email-see-proposals = See the proposals
email-accept-or-decline = Accept or decline
email-see-your-set = See your set
email-see-the-set = See the set
email-see-your-sets = See your sets
email-open-reflective-log = Open your reflective log

## Applications and places
email-application-received = We have received your application
email-application-next-sponsor = Your organisation's sponsor will be asked to approve your application; then the programme team will review it.
email-application-next-review = The programme team will review your application.
email-application-unsuccessful = Your application was not successful
email-reason-given = The reason given: { $reason }
email-waiting-moved-up = You have moved up the waiting list for { $cohort }
email-waiting-now-number = You are now number { $position } on the waiting list. We will email you if a place becomes free.
email-waiting-list = You are on the waiting list for { $cohort }
email-waiting-number = You are number { $position } on the waiting list. We will email you if a place becomes free.
email-place-offered = You are offered a place in { $cohort }
email-offer-accept-by = Accept or decline by { $until } (the cohort's time). After that the place goes to the next person waiting.
email-place-confirmed = Your place in { $cohort } is confirmed
email-withdrawn = You have withdrawn your application
email-withdrawn-place = You have given up your place. It will be offered to the next person waiting.
email-withdrawn-application = Your application will not be considered.
email-offer-expired = Your offer has expired
email-offer-expired-line = The place has been offered to the next person waiting.
email-offer-ends-soon = Reminder: your offer of a place ends soon
email-accept-by = Accept or decline by { $until }.
email-nominated = { $sponsor } has nominated you
email-nominated-line = Complete your application: confirm the eligibility statements, answer the questions and choose your cohorts.
email-sponsor-approved = Your sponsor has approved your application
email-sponsor-approved-line = { $sponsor } approved your application. The programme team will now review it.
email-sponsor-declined = Your sponsor has not approved your application
email-sponsor-declined-line = { $sponsor } did not approve your application, so it will not go forward.
email-their-reason = Their reason: { $reason }
email-sponsor-questions = If you have questions, speak to them or to the programme team.
email-dates-changed = The dates of { $cohort } have changed

## Support circles
email-circle-times-changed = The times of your circle have changed
email-circle-going-ahead = Your circle "{ $title }" is going ahead
email-circle-merge-offer = Merge "{ $title }" with another circle?
email-circle-booked-of-minimum = { $booked } of at least { $minimum } places are booked.
email-circle-merge-explained = "{ $target }" on the same topic has room for everyone booked. Merge them, or cancel the circle. If you do nothing it is cancelled when it was to start.
email-circle-cancelled = Cancelled: the circle "{ $title }"
email-circle-too-few = Too few people booked for it to go ahead.
email-circle-lead-cancelled = The lead cancelled it.
email-circle-moved = Your circle has moved to "{ $target }"
email-circle-moved-line = Too few people booked for "{ $title }", so your place is now on "{ $target }".
email-circle-merged = Merged: the circle "{ $title }"
email-circle-merged-facilitator = Its bookings moved to "{ $target }"; you are no longer needed for it.
email-circle-merged-others = It was merged into "{ $target }"; you may book a place there.
email-circle-reminder = Reminder: { $title } meets { $session }
email-times-in = Times are in { $zone }.
email-circle-place-offered = A place on { $title } is yours if you want it
email-circle-accept-by = Accept it by { $until } or it goes to the next person waiting.

## Certificates
email-certificate-ready = Your certificate for { $programme } is ready
email-certificate-completed = You completed { $programme } ({ $cohort }).
email-cpd-hours = CPD hours: { $hours }.
email-certificate-check = Anyone you show it to can check it is genuine with the code printed on it.
email-certificate-revoked = Your certificate for { $programme } was revoked
email-reason = Reason: { $reason }
email-certificate-revoked-check = Anyone who checks its code is now told it was revoked. Contact your programme lead if you think this is wrong.

## 360 feedback and questionnaires
email-360-self = Answer about yourself: { $wave }
email-360-self-started = You started a 360 feedback round with "{ $instrument }". Answer the same questions about yourself, so your report can set your view beside others'.
email-360-self-open-until = It is open until { $closes }. Your 360 feedback page has this link too.
email-360-asks = { $who } asks for your view: { $wave }
email-360-asked = { $who } ({ $email }) asked for your view of how they work, as { $role }, on "{ $instrument }", part of { $programme }.
email-360-role-manager = their manager
email-360-role-peer = a peer
email-360-role-report = someone who reports to them
email-360-promise-manager = As their manager, your answers are shown to { $who } as the manager group's answer: if you are their only manager, { $who } will see your answers.
email-360-promise-group = Your answers are anonymous: { $who } sees them only combined with those of at least 2 others in the same group, never who answered what, and not at all if fewer than 3 answer.
email-360-rater-open-until = It is open until { $closes }. You need no account, and can save your answers and come back.
email-questionnaire-please = Please answer "{ $instrument }" for { $programme }.
email-questionnaire-open-until = It is open until { $closes }. You can save your answers and come back to them.
email-questionnaire-replaces = This link replaces the one we sent before; your saved answers are kept.
email-questionnaire-reminder = Reminder: { $wave }
email-questionnaire-for-you = A questionnaire for you: { $wave }

## Sets and meetings
email-set-reminder = Reminder: your set meets { $session }
email-meeting-back-on = The meeting on { $session } is going ahead after all
email-meeting-back-on-line = It was cancelled by mistake. Your calendar feed shows it again.
email-meeting-cancelled = The meeting on { $session } is cancelled
email-meeting-cancelled-line = Your calendar feed shows it as cancelled. Your facilitator will tell you if it is moved to another day.
email-your-set-is = Your action learning set is { $name }
email-members = Members: { $names }.
email-facilitated-by = Facilitated by { $names }.
email-facilitator-sends-dates = Your facilitator will send the dates of your meetings.
email-facilitates-your-set =
    { $count ->
        [one] { $names } now facilitates your set
       *[other] { $names } now facilitate your set
    }
email-new-facilitator-reads = { $names } can read what you share with your set or its facilitator from now on; entries you shared before stay with the people you shared them with.
email-share-again = To let them read an earlier entry, open it in your diary and share it again.
email-you-now-facilitate = You now facilitate { $name }
email-members-told = Its members have been told you joined.
email-now-member = You are now a member of { $name }
email-facilitator-next-meeting = Your facilitator will tell you about the next meeting.
email-you-are-back = You are back in { $name }
email-you-are-back-line = You can see your set again, and your place on the programme is yours again.
email-you-left = You have left { $name }
email-you-left-line = Your place on the programme has ended. If this is a mistake, contact your programme lead.
email-person-back = { $person } is back in { $name }
email-person-back-line = They were marked as left by mistake; their place on the programme is theirs again.
email-person-left = { $person } has left { $name }
email-person-left-line = Their place on the programme has ended and they no longer see the set.

## Facilitators
email-now-facilitates-instead = { $person } now facilitates { $name } in place of { $old }
email-now-facilitates = { $person } now facilitates { $name }
email-meetings-stay = Your meetings and the order of presenting stay as they are.
email-meetings-to-come =
    { $count ->
        [one] { $count } meeting is still to come.
       *[other] { $count } meetings are still to come.
    }
email-facilitator-agreed = { $person } accepted to facilitate { $name }
email-facilitator-declined = { $person } declined to facilitate { $name }
email-ask-someone-else = You can ask someone else from the proposals.
email-asks-will-you-facilitate =
    { $kind ->
        [circle] { $lead } asks whether you will facilitate the circle { $name }.
       *[set] { $lead } asks whether you will facilitate the set { $name }.
    }
email-take-over-from = You would take over from { $old }; the meetings stay as they are.
email-will-you-facilitate = Will you facilitate { $name }?

## Supervision
email-supervisor-now = { $supervisor } is now your supervisor
email-supervisor-reads = { $supervisor } can read the reflective log entries you share with your supervisor from now on.
email-supervisor-before = Entries you shared before today are no longer read by { $old }, and { $supervisor } cannot read them either. To let { $supervisor } read an earlier entry, open it and share it again.
email-supervisor-nothing-before = Nothing you wrote before is shared with them.
email-supervisor-changed-by = This change was made by { $lead }. If you did not expect it, talk to them or another programme lead.
email-event = Event: { $event }
email-event-published = Your visits are published
email-event-visit = Visit { $n }: { $host }, { $address }
email-event-see-itinerary = See your itinerary, with why you got these hosts
email-event-host-published = Visitors to { $host } are published
email-event-host-slot = Visit { $n }: { $count ->
    [one] 1 visitor
   *[other] { $count } visitors
}
email-event-see-visitors = See your visitors' names and needs
