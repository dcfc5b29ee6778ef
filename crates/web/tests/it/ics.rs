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

/// Prints "uid status sequence start" per event of a person's feed.
const PARSE_FEED: &str = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    print(ev.get('UID'), ev.get('STATUS', 'CONFIRMED'), int(ev.get('SEQUENCE', 0)), int(ev.decoded('DTSTART').timestamp()))
"#;

async fn python(script: &str, body: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.ics");
    std::fs::write(&path, body).unwrap();
    let out = tokio::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .await
        .expect("python3 with icalendar (pip install icalendar)");
    assert!(
        out.status.success(),
        "python icalendar refused the file: {}\n{body}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
#[ignore = "needs python3 with icalendar (pip install icalendar)"]
async fn a_personal_feed_carries_set_meetings_with_moves_and_cancellations() {
    let app = TestApp::spawn().await;
    let mut conn = app.state.store.conn().await.unwrap();
    let pat = revans_domain::Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
    let set = revans_storage::sets::list_for_person(&mut conn, &pat)
        .await
        .unwrap()
        .remove(0);
    let meetings = revans_storage::meetings::list_for_set(&mut conn, &set.id)
        .await
        .unwrap();
    let (moved, cancelled) = (&meetings[3], &meetings[4]);
    let new_time = revans_domain::Session {
        starts_at: moved.starts_at + 3_600_000,
        ends_at: moved.ends_at + 3_600_000,
    };
    revans_storage::meetings::reschedule(&mut conn, &moved.id, &new_time)
        .await
        .unwrap();
    revans_storage::meetings::cancel(&mut conn, &cancelled.id)
        .await
        .unwrap();
    let mut c = app.signed_in(PARTICIPANT).await;
    let made = c
        .post_form("/account/calendar", &[("action", "create")])
        .await;
    let start = made.body.find("http://revans.test/calendar/").unwrap();
    let url = made.body[start..]
        .split('<')
        .next()
        .unwrap()
        .trim_start_matches("http://revans.test")
        .to_owned();
    let feed = app.client().get(&url).await;
    let printed = python(PARSE_FEED, &feed.body).await;
    let line = |id: &revans_domain::Id| {
        printed
            .lines()
            .find(|l| l.starts_with(&format!("{id}@revans")))
            .unwrap_or_else(|| panic!("meeting {id} missing from {printed}"))
            .to_owned()
    };
    let meeting_lines = printed
        .lines()
        .filter(|l| {
            meetings
                .iter()
                .any(|m| l.starts_with(&format!("{}@revans", m.id)))
        })
        .count();
    assert_eq!(meeting_lines, meetings.len(), "{printed}");
    assert_eq!(
        line(&moved.id),
        format!(
            "{}@revans CONFIRMED 1 {}",
            moved.id,
            new_time.starts_at / 1000
        )
    );
    assert!(
        line(&cancelled.id).contains(" CANCELLED 1 "),
        "{}",
        line(&cancelled.id)
    );
    assert!(line(&meetings[0].id).contains(" CONFIRMED 0 "));
}
