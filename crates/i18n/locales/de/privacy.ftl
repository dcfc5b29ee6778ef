# Auskunft: „Ihre Daten herunterladen“ auf der Kontoseite (Issue 17).

privacy-export-heading = Ihre Daten
privacy-export-hint = Laden Sie alles herunter, was Revans über Sie speichert: ein ZIP mit einer lesbaren Seite und denselben Daten als JSON.
privacy-export-button = Ihre Daten herunterladen

# Die lesbare Seite im Export-ZIP (index.html).
privacy-export-title = Alles, was über Sie gespeichert ist
privacy-export-about = Diese Seite und die Datei data.json daneben enthalten dieselben Angaben. In data.json ist jede Tabelle eine Liste von Zeilen, wie sie gespeichert sind: Zeiten sind Millisekunden seit dem 1. Januar 1970 (UTC), Ja oder Nein kann als true oder false oder als 1 oder 0 erscheinen. Einträge anderer Personen gehören diesen und sind nicht enthalten, auch wenn sie mit Ihnen geteilt wurden.
privacy-export-contents = Inhalt
privacy-export-nothing-heading = Nichts gespeichert
privacy-export-why = Warum es gespeichert ist:
privacy-export-kept = Wie lange es aufbewahrt wird:
privacy-export-nothing = Über Sie ist nichts gespeichert in:
privacy-rights-self-service = Alles, was über Sie gespeichert ist, können Sie auf Ihrer Kontoseite herunterladen („Ihre Daten herunterladen“). Eine Programmleitung Ihrer Organisation kann Ihr Konto löschen; was Sie geschrieben haben, wird dann gelöscht, und wo die Unterlagen anderer eine Spur behalten müssen, erscheinen Sie als „Ehemaliges Mitglied“.
