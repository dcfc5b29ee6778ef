# Text in den Dokumenten, die Revans erstellt: Zertifikate, Berichte, Diagramme.

pdf-certificate-title = Teilnahmezertifikat
pdf-certificate-certifies = Hiermit wird bestätigt, dass
pdf-certificate-completed-programme = das folgende Programm abgeschlossen hat
pdf-certificate-completed-on = Abgeschlossen am { $date } mit { $hours } beruflicher Fortbildung (CPD)
pdf-certificate-code = Prüfcode: { $code }
pdf-certificate-check = Prüfen Sie die Echtheit dieses Zertifikats unter
pdf-certificate-outcomes = Lernergebnisse
pdf-page-of = Seite { $page } von { $count }
pdf-data-of = Daten: { $caption }
pdf-table = Tabelle
pdf-continued = { $caption } (Fortsetzung)
pdf-chart-axis = Achse
pdf-chart-category = Kategorie
chart-kite = Profildiagramm mit vier Achsen
chart-bars = Balkendiagramm
chart-summary = { $kind }: { $labels }, Skala 0 bis { $max }.
chart-no-data = Keine Daten.
chart-no-value = kein Wert

# Kalenderdateien (RFC 5545): der Name des Kalenders und der Titel eines Set-Treffens.
ics-calendar-name = Revans-Termine
ics-set-meeting = { $set }: Action-Learning-Set
