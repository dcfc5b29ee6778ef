# The descriptions of the API's enums in /api/openapi.json, keyed by the English description
# made into an id (see `sentence_id` in crates/web/src/i18n.rs).

api-submit-the-application-or-keep-it-as-a-draft = Submit the application, or keep it as a draft.
api-how-a-circle-is-held = How a circle is held.
api-where-a-circle-stands = Where a circle stands.
api-where-a-participant-stands-against-the-cohort-s-completion-rule = Where a participant stands against the cohort's completion rule.
api-what-to-do-with-the-applications-chosen = What to do with the applications chosen.
api-which-way-is-better-for-a-target-from-its-baseline-to-its-target-value = Which way is better for a target, from its baseline to its target value.
api-what-kind-of-work-a-task-line-is-for-an-api-caller-to-tell-them-apart = What kind of work a task line is, for an API caller to tell them apart.
api-where-an-interest-comes-from = Where an interest comes from.
api-an-answer-to-an-offer-of-a-place-or-withdrawing-an-application = An answer to an offer of a place, or withdrawing an application.
api-what-a-piece-of-evidence-is = What a piece of evidence is.
api-who-a-rater-is-to-the-participant = Who a rater is to the participant.
api-where-a-run-is = Where a run is.
api-what-a-save-did = What a save did.
api-who-may-read-an-entry-besides-its-author-private-the-default-facilitator-or-set-for-a-learning-diary-private-or-supervisor-for-a-facilitator-s-reflective-log = Who may read an entry besides its author: `private` (the default), `facilitator` or `set` for a learning diary; `private` or `supervisor` for a facilitator's reflective log.
api-what-a-sponsor-decides-about-an-application-from-their-organisation = What a sponsor decides about an application from their organisation.
api-a-language-revans-is-written-in = A language Revans is written in.
