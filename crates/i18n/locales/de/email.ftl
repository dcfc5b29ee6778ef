## E-Mails: Betreffzeilen, Texte (Text und HTML) und die Sätze, die die Anwendungsschicht als
## Daten einreiht; geschrieben in der Sprache der Empfänger:innen, wenn die E-Mail verschickt wird.

email-dear = Guten Tag { $name },
email-dear-colleague = Guten Tag,
email-programme = Programm: { $programme }
email-support-circle = Unterstützungskreis: { $circle }
email-application-subject = { $programme }: { $headline }
email-session = { $day }, { $start } bis { $end } Uhr ({ $zone })
email-session-line = { $session }
email-names = { $first } und { $last }
email-reset-now = setzen Sie Ihr Passwort jetzt zurück
email-if-not-you = Falls Sie das nicht waren,

## Passwort zurücksetzen
email-password-reset-subject = Setzen Sie Ihr Passwort für { $tenant } zurück
email-password-reset-asked = Jemand hat angefordert, das Passwort Ihres Kontos bei { $tenant } zurückzusetzen.
email-password-reset-use-link = Falls Sie das waren, wählen Sie über diesen Link ein neues Passwort:
email-password-reset-open-link = Falls Sie das waren, öffnen Sie diesen Link, um ein neues Passwort zu wählen:
email-password-reset-link = Neues Passwort wählen
email-password-reset-expiry =
    { $minutes ->
        [one] Der Link funktioniert einmal und läuft in { $minutes } Minute ab.
       *[other] Der Link funktioniert einmal und läuft in { $minutes } Minuten ab.
    }
email-password-reset-ignore = Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort wurde nicht geändert.

## Einladung
email-invitation-subject = Sie wurden zu { $tenant } eingeladen
email-invitation-body = { $inviter } hat Sie als Teil von { $organisation } zu { $tenant } eingeladen.
email-invitation-open = Öffnen Sie diesen Link, um ein Passwort zu wählen und sich anzumelden:
email-invitation-link = Passwort wählen und anmelden
email-invitation-expiry =
    { $days ->
        [one] Der Link funktioniert einmal und läuft in { $days } Tag ab.
       *[other] Der Link funktioniert einmal und läuft in { $days } Tagen ab.
    }

## Passwort geändert
email-password-changed-subject = Ihr Passwort für { $tenant } wurde geändert
email-password-changed-body = Das Passwort Ihres Kontos bei { $tenant } wurde soeben geändert, und Sie wurden überall sonst abgemeldet.

## Fehlgeschlagene Anmeldungen
email-sign-in-failures-subject = Fehlgeschlagene Anmeldeversuche bei Ihrem Konto bei { $tenant }
email-sign-in-failures-body =
    { $failures ->
        [one] Jemand hat in den letzten { $minutes } Minuten einmal erfolglos versucht, sich bei Ihrem Konto bei { $tenant } anzumelden.
       *[other] Jemand hat in den letzten { $minutes } Minuten { $failures }-mal erfolglos versucht, sich bei Ihrem Konto bei { $tenant } anzumelden.
    }
email-sign-in-failures-if-you = Falls Sie das waren, können Sie einfach weitermachen: Sie können sich weiterhin mit Ihrem Passwort anmelden. Versuche von dem Ort, von dem die Fehlversuche kamen, werden verlangsamt, sodass Ihr Passwort schwer zu erraten ist.
email-sign-in-failures-if-not-you = Falls Sie das nicht waren, ist Ihr Konto sicher, solange Ihr Passwort nicht bekannt ist. Falls Sie befürchten, dass es bekannt sein könnte,
email-sign-in-failures-once-a-day = Wir senden diesen Hinweis höchstens einmal am Tag.

## Einladung zur Masterclass
email-masterclass-subject = Eine Masterclass, die Sie sich gewünscht haben: { $topic }
email-masterclass-asked = Sie haben sich eine Masterclass zum Thema { $topic } gewünscht.
email-masterclass-arranged = Genug Menschen haben danach gefragt, dass nun eine organisiert wird.
email-masterclass-link = Zur Masterclass (Bewerbungen sind möglich, sobald sie veröffentlicht ist)
email-masterclass-opens = Ihre Seite nimmt Bewerbungen an, sobald die Masterclass veröffentlicht ist:
email-masterclass-nobody-told = Niemandem, der die Masterclass durchführt, wurde mitgeteilt, wer sie sich gewünscht hat: Diese Einladung kommt von { $tenant } selbst.

## Links
email-see-applications = Ihre Bewerbungen und Plätze ansehen
email-complete-application = Bewerbung vervollständigen
email-see-the-circle = Kreis ansehen
email-merge-or-cancel = Kreis zusammenlegen oder absagen
email-accept-on-my-circles = Unter „Meine Kreise“ annehmen oder ablehnen
email-see-download-certificates = Ihre Zertifikate ansehen und herunterladen
email-see-certificates = Ihre Zertifikate ansehen
email-360-answer-about-yourself = Fragen zu sich selbst beantworten
email-360-give-your-view = Ihre Einschätzung abgeben
email-answer-questionnaire = Fragebogen beantworten
email-see-the-meeting = Treffen ansehen
email-go-to-revans = Zu Revans
email-see-proposals = Vorschläge ansehen
email-accept-or-decline = Annehmen oder ablehnen
email-see-your-set = Ihr Set ansehen
email-see-the-set = Set ansehen
email-see-your-sets = Ihre Sets ansehen
email-open-reflective-log = Ihr Reflexionsprotokoll öffnen

## Bewerbungen und Plätze
email-application-received = Wir haben Ihre Bewerbung erhalten
email-application-next-sponsor = Die Sponsor:in Ihrer Organisation wird gebeten, Ihre Bewerbung zu genehmigen; danach prüft das Programmteam sie.
email-application-next-review = Das Programmteam wird Ihre Bewerbung prüfen.
email-application-unsuccessful = Ihre Bewerbung war leider nicht erfolgreich
email-reason-given = Angegebener Grund: { $reason }
email-waiting-moved-up = Sie sind auf der Warteliste für { $cohort } nach oben gerückt
email-waiting-now-number = Sie sind jetzt Nummer { $position } auf der Warteliste. Wir schreiben Ihnen, sobald ein Platz frei wird.
email-waiting-list = Sie stehen auf der Warteliste für { $cohort }
email-waiting-number = Sie sind Nummer { $position } auf der Warteliste. Wir schreiben Ihnen, sobald ein Platz frei wird.
email-place-offered = Ihnen wird ein Platz in { $cohort } angeboten
email-offer-accept-by = Nehmen Sie ihn bis { $until } (Zeit der Kohorte) an oder lehnen Sie ihn ab. Danach geht der Platz an die nächste Person auf der Warteliste.
email-place-confirmed = Ihr Platz in { $cohort } ist bestätigt
email-withdrawn = Sie haben Ihre Bewerbung zurückgezogen
email-withdrawn-place = Sie haben Ihren Platz aufgegeben. Er wird der nächsten Person auf der Warteliste angeboten.
email-withdrawn-application = Ihre Bewerbung wird nicht weiter berücksichtigt.
email-offer-expired = Ihr Angebot ist abgelaufen
email-offer-expired-line = Der Platz wurde der nächsten Person auf der Warteliste angeboten.
email-offer-ends-soon = Erinnerung: Ihr Platzangebot läuft bald ab
email-accept-by = Nehmen Sie es bis { $until } an oder lehnen Sie es ab.
email-nominated = { $sponsor } hat Sie nominiert
email-nominated-line = Vervollständigen Sie Ihre Bewerbung: Bestätigen Sie die Teilnahmevoraussetzungen, beantworten Sie die Fragen und wählen Sie Ihre Kohorten.
email-sponsor-approved = Ihre Sponsor:in hat Ihre Bewerbung genehmigt
email-sponsor-approved-line = { $sponsor } hat Ihre Bewerbung genehmigt. Das Programmteam prüft sie nun.
email-sponsor-declined = Ihre Sponsor:in hat Ihre Bewerbung nicht genehmigt
email-sponsor-declined-line = { $sponsor } hat Ihre Bewerbung nicht genehmigt, daher wird sie nicht weiterverfolgt.
email-their-reason = Begründung: { $reason }
email-sponsor-questions = Bei Fragen wenden Sie sich bitte an diese Person oder an das Programmteam.
email-dates-changed = Die Termine von { $cohort } haben sich geändert

## Unterstützungskreise
email-circle-times-changed = Die Zeiten Ihres Kreises haben sich geändert
email-circle-going-ahead = Ihr Kreis „{ $title }“ findet statt
email-circle-merge-offer = „{ $title }“ mit einem anderen Kreis zusammenlegen?
email-circle-booked-of-minimum = { $booked } von mindestens { $minimum } Plätzen sind gebucht.
email-circle-merge-explained = „{ $target }“ zum selben Thema hat Platz für alle, die gebucht haben. Legen Sie die Kreise zusammen oder sagen Sie diesen ab. Wenn Sie nichts tun, wird er zum geplanten Beginn abgesagt.
email-circle-cancelled = Abgesagt: der Kreis „{ $title }“
email-circle-too-few = Es haben zu wenige Menschen gebucht, als dass er stattfinden könnte.
email-circle-lead-cancelled = Die Leitung hat ihn abgesagt.
email-circle-moved = Ihr Kreis wurde nach „{ $target }“ verlegt
email-circle-moved-line = Für „{ $title }“ haben zu wenige Menschen gebucht, daher haben Sie nun einen Platz in „{ $target }“.
email-circle-merged = Zusammengelegt: der Kreis „{ $title }“
email-circle-merged-facilitator = Seine Buchungen wurden nach „{ $target }“ verschoben; Sie werden dafür nicht mehr gebraucht.
email-circle-merged-others = Er wurde mit „{ $target }“ zusammengelegt; Sie können dort einen Platz buchen.
email-circle-reminder = Erinnerung: { $title } trifft sich am { $session }
email-times-in = Zeitangaben in { $zone }.
email-circle-place-offered = Ein Platz in { $title } gehört Ihnen, wenn Sie ihn möchten
email-circle-accept-by = Nehmen Sie ihn bis { $until } an, sonst geht er an die nächste Person auf der Warteliste.

## Zertifikate
email-certificate-ready = Ihr Zertifikat für { $programme } ist bereit
email-certificate-completed = Sie haben { $programme } ({ $cohort }) abgeschlossen.
email-cpd-hours = CPD-Stunden: { $hours }.
email-certificate-check = Alle, denen Sie es zeigen, können mit dem aufgedruckten Code prüfen, ob es echt ist.
email-certificate-revoked = Ihr Zertifikat für { $programme } wurde widerrufen
email-reason = Grund: { $reason }
email-certificate-revoked-check = Wer seinen Code prüft, erfährt nun, dass es widerrufen wurde. Wenden Sie sich an Ihre Programmleitung, falls Sie das für falsch halten.

## 360-Grad-Feedback und Fragebögen
email-360-self = Fragen zu sich selbst: { $wave }
email-360-self-started = Sie haben eine 360-Grad-Feedbackrunde mit „{ $instrument }“ begonnen. Beantworten Sie dieselben Fragen über sich selbst, damit Ihr Bericht Ihre Sicht neben die der anderen stellen kann.
email-360-self-open-until = Sie ist bis einschließlich { $closes } geöffnet. Diesen Link finden Sie auch auf Ihrer Seite zum 360-Grad-Feedback.
email-360-asks = { $who } bittet um Ihre Einschätzung: { $wave }
email-360-asked = { $who } ({ $email }) bittet Sie als { $role } um Ihre Einschätzung der eigenen Arbeitsweise, mit „{ $instrument }“, im Rahmen von { $programme }.
email-360-role-manager = Führungskraft
email-360-role-peer = Kollegin oder Kollege
email-360-role-report = jemand, der an diese Person berichtet
email-360-promise-manager = Als Führungskraft werden Ihre Antworten { $who } als Antwort der Gruppe der Führungskräfte gezeigt: Sind Sie die einzige Führungskraft, sieht { $who } Ihre Antworten.
email-360-promise-group = Ihre Antworten sind anonym: { $who } sieht sie nur zusammen mit denen von mindestens 2 anderen derselben Gruppe, nie, wer was geantwortet hat, und gar nicht, wenn weniger als 3 antworten.
email-360-rater-open-until = Sie ist bis einschließlich { $closes } geöffnet. Sie brauchen kein Konto und können Ihre Antworten speichern und später weitermachen.
email-questionnaire-please = Bitte beantworten Sie „{ $instrument }“ für { $programme }.
email-questionnaire-open-until = Er ist bis einschließlich { $closes } geöffnet. Sie können Ihre Antworten speichern und später weitermachen.
email-questionnaire-replaces = Dieser Link ersetzt den zuvor gesendeten; Ihre gespeicherten Antworten bleiben erhalten.
email-questionnaire-reminder = Erinnerung: { $wave }
email-questionnaire-for-you = Ein Fragebogen für Sie: { $wave }

## Sets und Treffen
email-set-reminder = Erinnerung: Ihr Set trifft sich am { $session }
email-meeting-back-on = Das Treffen am { $session } findet doch statt
email-meeting-back-on-line = Es wurde versehentlich abgesagt. Ihr Kalender-Feed zeigt es wieder an.
email-meeting-cancelled = Das Treffen am { $session } ist abgesagt
email-meeting-cancelled-line = Ihr Kalender-Feed zeigt es als abgesagt an. Ihre Moderator:in sagt Ihnen Bescheid, falls es auf einen anderen Tag verlegt wird.
email-your-set-is = Ihr Action-Learning-Set ist { $name }
email-members = Mitglieder: { $names }.
email-facilitated-by = Begleitet von { $names }.
email-facilitator-sends-dates = Ihre Moderator:in schickt Ihnen die Termine Ihrer Treffen.
email-facilitates-your-set =
    { $count ->
        [one] { $names } moderiert jetzt Ihr Set
       *[other] { $names } moderieren jetzt Ihr Set
    }
email-new-facilitator-reads =
    { $count ->
        [one] { $names } kann ab jetzt lesen, was Sie mit Ihrem Set oder dessen Moderation teilen; früher geteilte Einträge bleiben bei den Menschen, mit denen Sie sie geteilt haben.
       *[other] { $names } können ab jetzt lesen, was Sie mit Ihrem Set oder dessen Moderation teilen; früher geteilte Einträge bleiben bei den Menschen, mit denen Sie sie geteilt haben.
    }
email-share-again = Um einen früheren Eintrag freizugeben, öffnen Sie ihn in Ihrem Tagebuch und teilen Sie ihn erneut.
email-you-now-facilitate = Sie moderieren jetzt { $name }
email-members-told = Die Mitglieder wurden informiert, dass Sie dazugekommen sind.
email-now-member = Sie sind jetzt Mitglied von { $name }
email-facilitator-next-meeting = Ihre Moderator:in informiert Sie über das nächste Treffen.
email-you-are-back = Sie sind wieder in { $name }
email-you-are-back-line = Sie sehen Ihr Set wieder, und Ihr Platz im Programm gehört wieder Ihnen.
email-you-left = Sie haben { $name } verlassen
email-you-left-line = Ihr Platz im Programm ist beendet. Falls das ein Irrtum ist, wenden Sie sich an Ihre Programmleitung.
email-person-back = { $person } ist wieder in { $name }
email-person-back-line = Die Person wurde versehentlich als ausgeschieden markiert; ihr Platz im Programm gehört wieder ihr.
email-person-left = { $person } hat { $name } verlassen
email-person-left-line = Der Platz dieser Person im Programm ist beendet, und sie sieht das Set nicht mehr.

## Moderation
email-now-facilitates-instead = { $person } moderiert jetzt { $name } anstelle von { $old }
email-now-facilitates = { $person } moderiert jetzt { $name }
email-meetings-stay = Ihre Treffen und die Reihenfolge der Präsentationen bleiben, wie sie sind.
email-meetings-to-come =
    { $count ->
        [one] { $count } Treffen steht noch bevor.
       *[other] { $count } Treffen stehen noch bevor.
    }
email-facilitator-agreed = { $person } hat zugesagt, { $name } zu moderieren
email-facilitator-declined = { $person } hat abgelehnt, { $name } zu moderieren
email-ask-someone-else = Sie können jemand anderen aus den Vorschlägen fragen.
email-asks-will-you-facilitate =
    { $kind ->
        [circle] { $lead } fragt, ob Sie den Kreis { $name } moderieren.
       *[set] { $lead } fragt, ob Sie das Set { $name } moderieren.
    }
email-take-over-from = Sie würden die Moderation von { $old } übernehmen; die Treffen bleiben, wie sie sind.
email-will-you-facilitate = Moderieren Sie { $name }?

## Supervision
email-supervisor-now = { $supervisor } ist jetzt Ihre Supervisor:in
email-supervisor-reads = { $supervisor } kann ab jetzt die Einträge Ihres Reflexionsprotokolls lesen, die Sie mit Ihrer Supervisor:in teilen.
email-supervisor-before = Einträge, die Sie vor heute geteilt haben, liest { $old } nicht mehr, und { $supervisor } kann sie ebenfalls nicht lesen. Damit { $supervisor } einen früheren Eintrag lesen kann, öffnen Sie ihn und teilen Sie ihn erneut.
email-supervisor-nothing-before = Nichts, was Sie zuvor geschrieben haben, wird mit dieser Person geteilt.
email-supervisor-changed-by = Diese Änderung hat { $lead } vorgenommen. Falls Sie sie nicht erwartet haben, sprechen Sie mit dieser Person oder einer anderen Programmleitung.
email-event = Veranstaltung: { $event }
email-event-published = Ihre Besuche sind veröffentlicht
email-event-visit = Besuch { $n }: { $host }, { $address }
email-event-see-itinerary = Ihren Besuchsplan ansehen, mit den Gründen für diese Gastorganisationen
email-event-host-published = Die Besuchenden bei { $host } sind veröffentlicht
email-event-host-slot = Besuch { $n }: { $count ->
    [one] 1 Person
   *[other] { $count } Personen
}
email-event-see-visitors = Namen und Bedürfnisse Ihrer Besuchenden ansehen
