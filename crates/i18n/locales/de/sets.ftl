# Action-Learning-Sets, ihre Treffen, Lerntagebücher, Berichte und die Setbildung.

sets-title = Ihre Action-Learning-Sets
sets-choose-for = Wählen Sie Ihr Set für { $name }
sets-none-yet = Sie sind noch in keinem Set. Sobald Ihre Programmleitung die Sets veröffentlicht, erscheint Ihres hier und Sie erhalten eine E-Mail.
sets-of-place = von { $place }
sets-self-facilitated = (ohne Moderation)
sets-back-to-sets = Zurück zu den Sets

sets-choose-title = Wählen Sie Ihr Set
sets-choose-intro = Wählen Sie das Set, dem Sie beitreten möchten. Jedes Set mischt Menschen aus verschiedenen Organisationen, und niemand teilt ein Set mit jemandem aus der eigenen Berichtslinie: Bei einem für Sie geschlossenen Set steht, warum.
sets-choose-legend = Sets, die zur Wahl offen sind
sets-choose-people = { $count -> [one] { $count } Person *[other] { $count } Personen }
sets-choose-from = aus { $organisations }
sets-choose-mine = (Ihre Wahl)
sets-choose-closed = Für Sie geschlossen: { $why }
sets-choose-save = Meine Wahl speichern

sets-rename-title = Namen von { $name } ändern
sets-rename-label = Name des Sets
sets-rename-hint = Bis zu 60 Zeichen, verschieden von den anderen Sets der Kohorte, etwa „Hafen-Set Donnerstag“. Mitglieder und Moderator:innen sehen ihn neben Programm und Kohorte.
sets-rename-save = Namen speichern

meeting-back = Zurück zum Treffen
meeting-cancel-already = Dieses Treffen ist bereits abgesagt
meeting-cancel-go-back = Zurück zum Treffen
meeting-cancel-to-undo = (um die Absage rückgängig zu machen)
meeting-cancel-title = Treffen am { $when } absagen?
meeting-cancel-what-heading = Was geschieht
meeting-cancel-what-shown = Das Treffen wird auf der Seite des Sets und im Kalender aller Beteiligten als abgesagt angezeigt.
meeting-cancel-what-rota = Niemand verliert seine Reihe als Fallgeber:in: Die Reihenfolge rückt zum nächsten Treffen weiter.
meeting-cancel-what-undo = Sie können dies auf der Seite des Treffens bis zu seinem geplanten Beginn rückgängig machen.
meeting-cancel-who-heading = Wer benachrichtigt wird
meeting-cancel-who = Eine E-Mail geht an { $count -> [one] diese Person *[other] diese { $count } Personen }, die Mitglieder und Moderator:innen des Sets:
meeting-cancel-yes = Ja, Treffen absagen
meeting-cancel-no = Nein, Treffen beibehalten

forming-run-title = Sets werden gebildet
forming-run-formed = { $count -> [one] Ein Set-Entwurf gebildet. *[other] { $count } Set-Entwürfe gebildet. }
forming-run-check = Prüfen Sie sie, weisen Sie Moderator:innen zu und veröffentlichen Sie sie dann.
forming-run-see = Gebildete Sets ansehen
forming-run-leave = Sie können diese Seite verlassen: Die Suche läuft ohne sie weiter, und diese Seite zeigt das Ergebnis, wenn Sie zurückkehren.
forming-run-refresh = Aktualisieren
forming-run-refresh-hidden = den Fortschritt
forming-run-cancel = Bildung abbrechen
forming-run-unchanged = Ihre bisherigen Sets bleiben unverändert.

reports-sets-title = Wie es in den Sets läuft
reports-sets-lede = Für jede Kohorte mit veröffentlichten Action-Learning-Sets: wie viele sich treffen, wie oft und wie gut besucht. Nur Zahlen: Was im Set gesagt wird, bleibt im Set.
reports-sets-rule = Zahlen zu Personen und zu ihren Texten folgen der Kleinzahlregel von NHS Digital: 1 bis 7 erscheinen als „Weniger als 8“, der Rest wird auf die nächste 5 gerundet, damit niemand erkennbar wird.
reports-sets-caption = Sets je Kohorte
reports-col-programme = Programm
reports-col-cohort = Kohorte
reports-col-sets = Sets
reports-col-members = Mitglieder
reports-col-meetings-held = Abgehaltene Treffen
reports-col-attendance = Teilnahme
reports-col-problems = Eingebrachte Anliegen
reports-col-diary-entries = Tagebucheinträge
reports-held-of-planned = { $held } von { $planned }
reports-no-meetings-yet = Noch keine Treffen
reports-attendance-hidden = Nicht angezeigt: weniger als 8 Personen
reports-no-sets = Es wurden noch keine Sets veröffentlicht.
reports-download-csv = Alle Kohorten als CSV herunterladen
reports-themes-link = Themen der eingebrachten Anliegen

reports-themes-title = Themen der Anliegen
reports-themes-lede = Wie viele der Anliegen, die Mitglieder in ihre Sets einbringen, jedes Thema tragen, über alle Ihre Sets hinweg.
reports-themes-protect-heading = Wie diese Zahlen Menschen schützen
reports-themes-protect-intro = Sets sind klein, daher könnte eine kleine Zahl auf die Person hinweisen, die ein Anliegen eingebracht hat. Wir folgen der Regel von NHS Digital für kleine Zahlen:
reports-themes-rule-small = Ein Thema mit 1 bis 7 Anliegen zeigt „Weniger als 8“ statt einer Zahl;
reports-themes-rule-round = jede andere Zahl wird auf die nächste 5 gerundet;
reports-themes-rule-total = die Summe zählt nur die angezeigten Zahlen nach dem Runden, sodass sich eine verborgene Zahl nicht durch Abziehen ermitteln lässt.
reports-themes-several = Ein Anliegen mit mehreren Themen wird unter jedem davon einmal gezählt. Die Anliegen selbst sieht hier niemand.
reports-themes-caption = Anliegen je Thema
reports-col-theme = Thema
reports-col-problems-count = Anliegen
reports-themes-none = Es wurde noch kein Anliegen mit einem Thema versehen.
reports-themes-total = Summe der angezeigten Zahlen
reports-themes-list-heading = Ihre Themenliste
reports-themes-list-label = Themen, mit denen Mitglieder ihre Anliegen versehen können
reports-themes-list-hint = Ein Thema pro Zeile, zum Beispiel „Wohlbefinden der Mitarbeitenden“.
reports-themes-save = Themenliste speichern
