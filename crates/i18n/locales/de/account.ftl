# Die Kontoseite.

account-title = Ihr Konto
account-name = Name
account-email = E-Mail-Adresse
account-organisation = Organisation
account-roles = Rollen
account-no-roles = Noch keine
account-role-at = bei
account-manage-tokens = API-Tokens verwalten
account-language-heading = Ihre Sprache
account-language-hint = Seiten und E-Mails werden in dieser Sprache geschrieben.
account-language-default = Standard Ihrer Organisation
account-language-save = Sprache speichern
account-language-saved = Ihre Sprache ist gespeichert.
account-timezone-heading = Ihre Zeitzone
account-timezone-label = Zeitzone
account-timezone-hint = Termine werden in dieser Zeitzone angezeigt, zum Beispiel Europe/Berlin oder Europe/Vienna. Leer lassen, um die Zeitzone jedes Sets zu sehen.
account-timezone-save = Zeitzone speichern
account-timezone-saved = Ihre Zeitzone ist gespeichert. Termine werden in ihr angezeigt.
account-password-heading = Passwort ändern
account-password-current = Aktuelles Passwort
account-password-new = Neues Passwort
account-password-hint = Mindestens 10 Zeichen. Einige nicht zusammenhängende Wörter sind eine gute Wahl.
account-password-confirm = Neues Passwort bestätigen
account-password-save = Passwort ändern
account-password-changed = Ihr Passwort wurde geändert. Auf anderen Geräten wurden Sie abgemeldet.
