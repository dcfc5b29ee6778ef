//! The demo's regional facilitator pool (issue 15, C6): Fran (who runs the demo sets) and four
//! more facilitators across the region's organisations, experienced and newly qualified, with
//! weekly times, languages and qualifications; Fran is unavailable from the day of her next
//! meeting, so her set shows "needs a replacement" with ranked proposals.

use jiff::Timestamp;
use revans_domain::{EmailAddress, Id, PersonName, Role};
use revans_storage::pool::{self, Membership, Window};
use revans_storage::{Conn, facilitator_profiles, meetings, now_ms, organisations, people};

use crate::Error;

/// (name, email, organisation name, years, languages, qualification, capacity).
const MORE: [(&str, &str, &str, i64, &str, &str, i64); 4] = [
    (
        "Ola Okafor",
        "ola.facilitator@harbour-trust.example",
        "Harbour Hospitals NHS Trust",
        6,
        "en,yo",
        "Action Learning Facilitator (Level 5)",
        3,
    ),
    (
        "Wyn Evans",
        "wyn.facilitator@baycouncil.example",
        "Bay Council Adult Social Care",
        4,
        "en,cy",
        "Leadership Support Circles (Introductory)",
        2,
    ),
    (
        "Kit Moreno",
        "kit.facilitator@cliffside.example",
        "Cliffside Community Care",
        1,
        "en,es",
        "Leadership Support Circles (Introductory)",
        2,
    ),
    (
        "Ash Patel",
        "ash.facilitator@harbour-trust.example",
        "Harbour Hospitals NHS Trust",
        0,
        "en,gu",
        "Action Learning Facilitator (Introductory)",
        1,
    ),
];

fn weekdays(days: &[i64], from: i64, to: i64) -> Vec<Window> {
    days.iter()
        .map(|d| Window {
            weekday: *d,
            from_minute: from,
            to_minute: to,
        })
        .collect()
}

async fn profile(
    conn: &mut Conn,
    person: &Id,
    years: i64,
    languages: &str,
    qualification: &str,
) -> Result<(), Error> {
    facilitator_profiles::save(conn, person, years, "confident", languages, "").await?;
    let (name, level) = qualification
        .split_once(" (")
        .map(|(n, l)| (n, l.trim_end_matches(')')))
        .unwrap_or((qualification, ""));
    let typed = facilitator_profiles::QualificationFields {
        name: name.to_owned(),
        level: level.to_owned(),
        awarded_on: "2024-06-30".to_owned(),
        expires_on: None,
        evidence: String::new(),
    };
    facilitator_profiles::add_qualification(conn, person, &typed).await?;
    Ok(())
}

/// Seeds the pool of the demo region `region` (the tenant), whose facilitator `fran` runs the
/// demo sets. `password_hash` is the demo password's, so the new facilitators can sign in.
pub async fn seed(
    conn: &mut Conn,
    region: &Id,
    fran: &Id,
    password_hash: &str,
) -> Result<(), Error> {
    let tree = organisations::tree(conn, region).await?;
    let every_weekday = weekdays(&[1, 2, 3, 4, 5], 9 * 60, 17 * 60);
    profile(
        conn,
        fran,
        8,
        "en,fr",
        "Action Learning Facilitator (Level 5)",
    )
    .await?;
    pool::join(
        conn,
        fran,
        region,
        region,
        &Membership {
            capacity: 3,
            outside_own_org: true,
            timezone: "Europe/London".into(),
            availability: every_weekday.clone(),
        },
    )
    .await?;
    for (i, (name, email, org_name, years, languages, qualification, capacity)) in
        MORE.iter().enumerate()
    {
        let org = tree
            .iter()
            .find(|o| o.name == *org_name)
            .map(|o| o.id.clone())
            .unwrap_or_else(|| region.clone());
        let id = people::insert(
            conn,
            &org,
            &EmailAddress::parse(email)?,
            &PersonName::parse(name)?,
        )
        .await?;
        people::set_password_hash(conn, &id, password_hash).await?;
        people::set_roles(conn, &id, &org, &[Role::Facilitator]).await?;
        profile(conn, &id, *years, languages, qualification).await?;
        // Different weekly times, so the proposals differ in how many meetings each can take.
        let availability = match i {
            0 => every_weekday.clone(),
            1 => weekdays(&[2, 4], 9 * 60, 13 * 60),
            2 => weekdays(&[1, 2, 3], 12 * 60, 18 * 60),
            _ => weekdays(&[3], 9 * 60, 17 * 60),
        };
        pool::join(
            conn,
            &id,
            region,
            &org,
            &Membership {
                capacity: *capacity,
                outside_own_org: i != 3,
                timezone: "Europe/London".into(),
                availability,
            },
        )
        .await?;
    }
    // Fran is unavailable from the day of her next meeting: a replacement is proposed.
    let now = now_ms();
    let next = meetings::facilitated_by(conn, fran)
        .await?
        .into_iter()
        .find(|m| m.starts_at > now);
    if let Some(m) = next
        && let Ok(t) = Timestamp::from_millisecond(m.starts_at)
    {
        let day = t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string();
        pool::add_absence(conn, fran, &day, None, fran).await?;
    }
    Ok(())
}
