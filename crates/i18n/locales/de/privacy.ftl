# Auskunft: „Ihre Daten herunterladen“ auf der Kontoseite (Issue 17).

privacy-export-heading = Ihre Daten
privacy-export-hint = Laden Sie alles herunter, was Revans über Sie speichert: ein ZIP mit einer lesbaren Seite und denselben Daten als JSON.
privacy-export-button = Ihre Daten herunterladen
