# Einmalanmeldung mit OpenID Connect: die Schaltflächen der Anmeldeseite und die Ablehnungsseite.

sso-sign-in-with = Mit { $provider } anmelden
sso-or-password = Oder melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an
sso-unavailable-heading = Die Anmeldung ist gerade nicht möglich
sso-refused-heading = Sie wurden nicht angemeldet
sso-unreachable = Wir konnten { $provider } nicht erreichen, um Sie anzumelden. Versuchen Sie es in einigen Minuten erneut oder melden Sie sich auf anderem Weg an.
sso-nothing-changed = Es wurde nichts geändert: Weder ein Konto noch eine Sitzung wurde angelegt.
sso-back-to-sign-in = Zurück zur Anmeldeseite
sso-privacy-cookie = Wenn Sie sich per Einmalanmeldung anmelden, hält ein drittes Cookie die laufende Anmeldung fest, während Sie bei Ihrem Anmeldedienst sind, sodass nur Ihr Browser sie abschließen kann; es wird entfernt, wenn Sie zurückkommen. Revans speichert, welches Konto des Anmeldedienstes mit Ihrem verknüpft ist (die Kennung des Dienstes für Sie), nicht Ihr Passwort dort.
