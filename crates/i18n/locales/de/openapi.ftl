# Die Beschreibungen der Aufzählungstypen der API in /api/openapi.json.

api-submit-the-application-or-keep-it-as-a-draft = Die Bewerbung absenden oder als Entwurf behalten.
api-how-a-circle-is-held = Wie ein Kreis stattfindet.
api-where-a-circle-stands = Wo ein Kreis steht.
api-where-a-participant-stands-against-the-cohort-s-completion-rule = Wo eine teilnehmende Person gemessen an der Abschlussregel der Kohorte steht.
api-what-to-do-with-the-applications-chosen = Was mit den gewählten Bewerbungen geschehen soll.
api-which-way-is-better-for-a-target-from-its-baseline-to-its-target-value = Welche Richtung bei einem Ziel besser ist, vom Ausgangswert zum Zielwert.
api-what-kind-of-work-a-task-line-is-for-an-api-caller-to-tell-them-apart = Welche Art von Arbeit eine Aufgabenzeile ist, damit API-Aufrufer sie unterscheiden können.
api-where-an-interest-comes-from = Woher ein Interesse stammt.
api-an-answer-to-an-offer-of-a-place-or-withdrawing-an-application = Eine Antwort auf ein Platzangebot oder das Zurückziehen einer Bewerbung.
api-what-a-piece-of-evidence-is = Was ein Nachweis ist.
api-who-a-rater-is-to-the-participant = In welcher Beziehung eine bewertende Person zur teilnehmenden Person steht.
api-where-a-run-is = Wo ein Lauf steht.
api-what-a-save-did = Was ein Speichern bewirkt hat.
api-who-may-read-an-entry-besides-its-author-private-the-default-facilitator-or-set-for-a-learning-diary-private-or-supervisor-for-a-facilitator-s-reflective-log = Wer einen Eintrag außer der verfassenden Person lesen darf: `private` (Standard), `facilitator` oder `set` für ein Lerntagebuch; `private` oder `supervisor` für das Reflexionsprotokoll einer Moderator:in.
api-what-a-sponsor-decides-about-an-application-from-their-organisation = Was eine Sponsor:in über eine Bewerbung aus ihrer Organisation entscheidet.
api-a-language-revans-is-written-in = Eine Sprache, in der Revans geschrieben ist.
