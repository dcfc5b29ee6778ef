//! The calendar files, read back by an independent parser (python `icalendar`).
//! Needs `pip install icalendar`; .ci/run installs it and runs these with `--ignored`.

use crate::helpers::*;

/// Parses with python's icalendar and prints "start end" (UTC epoch seconds) per event.
const PARSE: &str = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    assert ev.get('UID'), 'every event has a UID'
    assert ev.get('DTSTAMP'), 'every event has a DTSTAMP'
    print(int(ev.decoded('DTSTART').timestamp()), int(ev.decoded('DTEND').timestamp()), ev.get('SUMMARY'))
"#;

#[tokio::test]
#[ignore = "needs python3 with icalendar (pip install icalendar)"]
async fn cohort_calendars_parse_with_python_icalendar() {
    let app = TestApp::spawn().await;
    let (_, cohort) = app.demo_programme().await;
    let ics = app
        .client()
        .get(&format!("/cohorts/{cohort}/sessions.ics"))
        .await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessions.ics");
    std::fs::write(&path, &ics.body).unwrap();
    let out = tokio::process::Command::new("python3")
        .arg("-c")
        .arg(PARSE)
        .arg(&path)
        .output()
        .await
        .expect("python3 with icalendar (pip install icalendar)");
    assert!(
        out.status.success(),
        "python icalendar refused the file: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        ics.body
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    let mut conn = app.state.store.conn().await.unwrap();
    let sessions =
        revans_storage::cohorts::sessions(&mut conn, &revans_domain::Id::parse(&cohort).unwrap())
            .await
            .unwrap();
    let parsed: Vec<(i64, i64)> = printed
        .lines()
        .map(|l| {
            let mut parts = l.split_whitespace();
            let s: i64 = parts.next().unwrap().parse().unwrap();
            let e: i64 = parts.next().unwrap().parse().unwrap();
            (s * 1000, e * 1000)
        })
        .collect();
    let stored: Vec<(i64, i64)> = sessions.iter().map(|s| (s.starts_at, s.ends_at)).collect();
    assert_eq!(parsed, stored, "{printed}");
    assert!(printed.contains("Leadership Circles Train the Trainer"));
}
