# Öffentliche Seiten: Startseite, Anmeldung, Passwort zurücksetzen, Links, Fehler, Tokens.

pub-sign-in = Anmelden
pub-email-address = E-Mail-Adresse
pub-password = Passwort
pub-forgotten-password = Passwort vergessen?
pub-no-account-heading = Noch kein Konto?
pub-no-account-before = Sie brauchen keines, um
pub-no-account-link = sich die Programme anzusehen
pub-no-account-after = . Konten werden auf Einladung eingerichtet: Ihre Programmleitung oder die Sponsor:in Ihrer Organisation lädt Sie per E-Mail ein, wenn Sie sich bewerben oder nominiert werden.

pub-reset-sent-title = Bitte prüfen Sie Ihre E-Mails
pub-reset-sent-body = Wenn zu { $email } ein Konto besteht, haben wir dorthin einen Link zum Zurücksetzen des Passworts geschickt. Der Link funktioniert einmal und läuft nach einer Stunde ab.
pub-reset-sent-before = Wenn innerhalb weniger Minuten keine E-Mail ankommt, prüfen Sie Ihren Spam-Ordner, oder
pub-reset-sent-link = fordern Sie einen neuen Link an
pub-reset-title = Passwort zurücksetzen
pub-reset-intro = Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort wählen können.
pub-reset-send = Link senden
pub-back-to-sign-in = Zurück zur Anmeldung

pub-new-password = Neues Passwort
pub-new-password-hint = Mindestens 10 Zeichen. Einige Wörter, die nichts miteinander zu tun haben, sind eine gute Wahl.
pub-confirm-password = Neues Passwort bestätigen

pub-link-problem-title = Dieser Link kann nicht verwendet werden
pub-go-to-sign-in = Zur Anmeldung

pub-error-reference = Wenn Sie sich an den Support wenden, nennen Sie bitte diese Referenz:
pub-go-home = Zur Startseite

pub-landing-lede = Programme zur Führungskräfteentwicklung und Action-Learning-Sets: Bewerben Sie sich um einen Platz, treffen Sie sich mit Ihrem Set, führen Sie ein privates Lerntagebuch.
pub-landing-see-programmes = Programme ansehen
pub-landing-have-account = Sie haben schon ein Konto?
pub-landing-sign-in-after = , um Ihre Bewerbungen, Ihre Sets und deren Treffen sowie Ihr Lerntagebuch zu sehen.
pub-landing-how-heading = So erhalten Sie ein Konto
pub-landing-how-body = Um sich die Programme anzusehen, brauchen Sie kein Konto. Konten werden auf Einladung eingerichtet: Ihre Programmleitung lädt Sie ein, oder die Sponsor:in Ihrer Organisation nominiert Sie für ein Programm, und Sie erhalten eine E-Mail mit einem Link, um Ihr Passwort zu wählen.
pub-landing-what-heading = Was hier geschieht
pub-landing-programmes = Programme
pub-landing-programmes-body = haben Kohorten, die sich an festen Terminen treffen; Sie bewerben sich um einen Platz, manchmal mit Zustimmung Ihrer Sponsor:in.
pub-landing-sets = Action-Learning-Sets
pub-landing-sets-body = sind kleine Gruppen von Menschen aus verschiedenen Organisationen, die sich regelmäßig mit einer Moderator:in treffen, um an echten Anliegen zu arbeiten.
pub-landing-diary = Ihr Lerntagebuch
pub-landing-diary-body = ist privat, es sei denn, Sie teilen einen Eintrag.

pub-tokens-back = Ihr Konto
pub-tokens-title = API-Tokens
pub-tokens-intro-before = Mit einem persönlichen Zugriffstoken kann ein Programm die Revans-API in Ihrem Namen nutzen. Senden Sie es in einem
pub-tokens-intro-after = -Header. Wer das Token hat, kann in Ihrem Namen handeln: Halten Sie es geheim und widerrufen Sie es, wenn Sie es nicht mehr brauchen.
pub-tokens-expiry = Jedes Token funktioniert bis zu seinem Ablaufdatum, und alle Ihre Tokens funktionieren nicht mehr, wenn Ihr Passwort geändert oder zurückgesetzt wird. Ein Token kann keine Tokens erstellen oder widerrufen: Das tun Sie hier.
pub-tokens-new = Ihr neues Token
pub-tokens-copy = Kopieren Sie es jetzt. Sie können es später nicht mehr sehen.
pub-tokens-caption = Ihre Tokens
pub-tokens-name = Name
pub-tokens-created = Erstellt
pub-tokens-last-used = Zuletzt verwendet
pub-tokens-expires = Läuft ab
pub-tokens-revoked = Widerrufen
pub-tokens-expired = Abgelaufen
pub-tokens-revoke = Widerrufen
pub-tokens-none = Sie haben keine Tokens.
pub-tokens-create-heading = Token erstellen
pub-tokens-name-label = Name des Tokens
pub-tokens-name-hint = Damit Sie wissen, welches Programm es nutzt, zum Beispiel „Monatsbericht-Skript“.
pub-tokens-days-label = Tage bis zum Ablauf
pub-tokens-days-hint = Von 1 bis 366 Tagen.
pub-tokens-create = Token erstellen

pub-signed-out = Sie haben sich abgemeldet.
pub-password-changed-notice = Ihr Passwort wurde geändert. Melden Sie sich mit Ihrem neuen Passwort an.
pub-a11y-title = Erklärung zur Barrierefreiheit
pub-privacy-title = Datenschutzhinweis
pub-help-title = Hilfe und die Begriffe, die wir verwenden
pub-reset-next = Fordern Sie auf der Seite „Passwort vergessen?“ einen neuen Link an.
pub-choose-title = Neues Passwort wählen
pub-choose-intro = Wählen Sie ein Passwort mit mindestens 10 Zeichen. Sie werden überall abgemeldet und können sich dann damit anmelden.
pub-choose-save = Passwort speichern
pub-invitation-next = Bitten Sie Ihre Programmleitung, Ihnen eine neue Einladung zu schicken.
pub-invitation-title = Einladung annehmen
pub-invitation-intro = Wählen Sie ein Passwort mit mindestens 10 Zeichen, um die Einrichtung Ihres Kontos bei { $tenant } abzuschließen.
pub-invitation-accept = Annehmen und anmelden
pub-tokens-never = Nie

pub-error-not-found = Seite nicht gefunden
pub-error-forbidden = Sie haben keine Berechtigung, diese Seite zu sehen
pub-error-internal = Leider gibt es ein Problem mit dem Dienst
pub-error-unavailable = Leider ist der Dienst nicht verfügbar
pub-error-too-many = Zu viele Versuche
pub-error-problem = Es gibt ein Problem
pub-error-not-found-body = Wenn Sie die Adresse eingegeben haben, prüfen Sie, ob sie stimmt. Wenn Sie sie eingefügt haben, prüfen Sie, ob Sie die ganze Adresse kopiert haben.
pub-error-forbidden-body = Ihre Rollen umfassen keinen Zugriff auf diese Seite. Wenn Sie meinen, dass sie das sollten, wenden Sie sich an Ihre Programmleitung.
