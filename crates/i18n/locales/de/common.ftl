# Was jede Seite teilt: Kopfzeile, Navigation, Fußzeile und Formularteile.

skip-to-content = Zum Hauptinhalt springen
title-error-prefix = Fehler:
signed-in-as = Angemeldet als { $name }
sign-out = Abmelden
primary-navigation = Hauptnavigation
menu = Menü
footer-accessibility = Erklärung zur Barrierefreiheit
footer-privacy = Datenschutzhinweis
footer-programmes = Programme
footer-help = Hilfe und die Begriffe, die wir verwenden
footer-contact = Kontakt:
footer-ask-lead = Fragen? Wenden Sie sich an Ihre Programmleitung
footer-powered-by = Betrieben mit Revans, quelloffener Software für Action-Learning-Programme.

nav-home = Startseite
nav-programmes = Programme
nav-applications = Ihre Bewerbungen
nav-sets = Ihre Sets
nav-circles = Unterstützungskreise
nav-certificates = Ihre Zertifikate
nav-nominees = Ihre Nominierten
nav-manage-programmes = Programme verwalten
nav-people = Personen
nav-organisations = Organisationen
nav-audit = Prüfprotokoll
nav-failed-emails = Fehlgeschlagene E-Mails
nav-interests = Interesse an Masterclasses
nav-diary = Lerntagebuch
nav-cpd = Fortbildungsnachweis
nav-portfolio = Fortbildungsportfolio
nav-sets-overview = Übersicht der Sets
nav-themes = Themen
nav-account = Ihr Konto

error-summary-title = Es gibt ein Problem
error-prefix = Fehler:
fewer-than-8 = Weniger als 8
date-day = Tag
date-month = Monat
date-year = Jahr
pagination = Seitennavigation
pagination-previous = Zurück
pagination-next = Weiter
pagination-page = Seite
unknown-time = unbekannt

language-label = Sprache
locale-unknown = Wählen Sie English oder Deutsch

role-admin = Programmleitung
role-sponsor = Sponsor:in
role-facilitator = Moderation
role-participant = Teilnehmer:in
role-evaluator = Evaluator:in

# Wörter, die viele Seiten verwenden. Bereiche definieren ihre eigenen Sätze in eigenen Dateien.
action-save = Speichern
action-continue = Weiter
action-change = Ändern
action-cancel = Abbrechen
action-back = Zurück
action-confirm = Bestätigen
action-remove = Entfernen
action-delete = Löschen
action-submit = Absenden
action-send = Senden
action-download = Herunterladen
action-view = Ansehen
action-edit = Bearbeiten
action-search = Suchen
action-filter = Filtern
action-apply-filter = Filter anwenden
action-clear-filter = Filter zurücksetzen
yes = Ja
no = Nein
none = Keine
optional = (optional)
check-answers-title = Angaben prüfen
status-heading = Status
name-heading = Name
email-heading = E-Mail-Adresse
date-heading = Datum
