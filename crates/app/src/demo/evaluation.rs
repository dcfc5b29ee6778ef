//! The demo's evaluation (C9): the autumn cohort of "Leading Through Change" answered the
//! leadership questionnaire before the programme and (most of them) after it, under a code so
//! the two are paired; a comparison group of colleagues answered too; the board and the
//! managers of the ICS gave their culture profile; and two targets were set at scoping.
//! Answers are made here, deterministically, the way the answering page would store them.

use std::collections::BTreeMap;

use revans_domain::evaluation::{AnswerValue, Answers, Format, Instrument, QuestionKind};
use revans_domain::{Id, parse_uk_date};
use revans_storage::evaluation::{self as store, Invitee, NewInstrument, NewResponse, NewWave};
use revans_storage::evaluation_targets::{self as targets, Measurement, TargetFields};
use revans_storage::{Conn, now_ms};

use crate::Error;
use crate::evaluation::responding::pseudonym;
use crate::security::{hash_token, new_token};

const LEADERSHIP: &str = include_str!("../../../../instruments/leadership-v1.toml");
const CULTURE: &str = include_str!("../../../../instruments/culture-profile-v1.toml");
const DAY_MS: i64 = 86_400_000;

/// A small deterministic spread (0, 1 or 2) for respondent `i` and question `q`.
fn spread(i: usize, q: usize) -> u32 {
    u32::try_from((i * 7 + q * 3) % 3).unwrap_or(0)
}

/// Leadership answers around `level` (1-5), the same shape the page stores.
fn leadership(instrument: &Instrument, i: usize, level: u32) -> Answers {
    let mut out = BTreeMap::new();
    for (q, question) in instrument.questions().enumerate() {
        let point = |min: u8, max: u8, reverse: bool, k: usize| {
            let v = (level + spread(i, q + k))
                .saturating_sub(1)
                .clamp(u32::from(min), u32::from(max));
            if reverse {
                u32::from(min) + u32::from(max) - v
            } else {
                v
            }
        };
        let value = match &question.kind {
            QuestionKind::Scale { scale, reverse } => {
                AnswerValue::Number(point(scale.min, scale.max, *reverse, 0))
            }
            QuestionKind::Single { options } => {
                AnswerValue::Text(options[i % options.len()].key.clone())
            }
            QuestionKind::Multiple { options, .. } => {
                AnswerValue::Keys(vec![options[i % options.len()].key.clone()])
            }
            QuestionKind::FreeText { .. } => AnswerValue::Text(
                [
                    "Asking before telling",
                    "Making time to reflect",
                    "Hearing other organisations",
                    "Slowing down before deciding",
                ][i % 4]
                    .into(),
            ),
            QuestionKind::ConstantSum { options, total } => AnswerValue::Numbers(
                options
                    .iter()
                    .enumerate()
                    .map(|(k, o)| {
                        (
                            o.key.clone(),
                            if k == i % options.len() { *total } else { 0 },
                        )
                    })
                    .collect(),
            ),
            QuestionKind::Matrix { scale, items } => AnswerValue::Numbers(
                items
                    .iter()
                    .enumerate()
                    .map(|(k, item)| {
                        (
                            item.key.clone(),
                            point(scale.min, scale.max, item.reverse, k),
                        )
                    })
                    .collect(),
            ),
        };
        out.insert(question.key.clone(), value);
    }
    Answers(out)
}

/// Culture-profile answers: the same points in every dimension, nudged per respondent so the
/// four still add up to 100.
fn culture(now: [u32; 4], preferred: [u32; 4], i: usize) -> Answers {
    let nudge = |p: [u32; 4], d: usize| {
        let shift = u32::try_from((i + d) % 3).unwrap_or(0) * 5;
        let mut q = p;
        if q[3] >= shift {
            q[0] += shift;
            q[3] -= shift;
        }
        q
    };
    let mut out = BTreeMap::new();
    for d in 1..=6 {
        for (which, p) in [("now", nudge(now, d)), ("pref", nudge(preferred, d))] {
            let points = ["a", "b", "c", "d"]
                .iter()
                .zip(p)
                .map(|(k, v)| ((*k).to_owned(), v))
                .collect();
            out.insert(format!("d{d}_{which}"), AnswerValue::Numbers(points));
        }
    }
    Answers(out)
}

struct Seeder {
    key: String,
    today: i64,
}

impl Seeder {
    /// Invites someone; when `answers` is given, they answered (as the page would store it).
    async fn ask(
        &self,
        conn: &mut Conn,
        wave: &Id,
        named: bool,
        group: &str,
        who: &Invitee<'_>,
        answers: Option<&Answers>,
    ) -> Result<(), Error> {
        store::invite(conn, wave, group, who, &hash_token(&new_token())).await?;
        let Some(answers) = answers else {
            return Ok(());
        };
        let invitation = store::invitation_for(conn, wave, who.email)
            .await?
            .ok_or(Error::NotFound)?;
        store::mark_responded(conn, &invitation).await?;
        let code = named.then(|| pseudonym(&self.key, who.person_id.map(Id::as_str), who.email));
        store::insert_response(
            conn,
            NewResponse {
                wave_id: wave.as_str(),
                invitation_id: None,
                pseudonym: code.as_deref(),
                respondent_group: group,
                organisation_id: who.organisation_id.map(Id::as_str),
                answers: &serde_json::to_string(answers).map_err(Error::internal)?,
                free_text_consent: true,
                submitted_on: self.today,
            },
        )
        .await?;
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
async fn wave(
    conn: &mut Conn,
    programme: &Id,
    cohort: Option<&Id>,
    instrument: &Id,
    name: &str,
    timing: &str,
    opens_at: i64,
    anonymity: &str,
) -> Result<Id, Error> {
    Ok(store::insert_wave(
        conn,
        NewWave {
            programme_id: programme,
            cohort_id: cohort,
            instrument_id: instrument,
            name,
            timing,
            months_after: None,
            opens_at,
            closes_at: opens_at + 21 * DAY_MS,
            anonymity,
            auto_send: false,
        },
    )
    .await?)
}

pub struct Cohorts<'a> {
    /// Meeting now: Bo, a demo participant, asked for 360 feedback.
    pub spring: &'a Id,
    /// Answered before and after.
    pub autumn: &'a Id,
}

pub async fn seed(
    conn: &mut Conn,
    tenant: &Id,
    lead: &Id,
    programme: &Id,
    cohorts: &Cohorts<'_>,
    bo: &Id,
) -> Result<(), Error> {
    let cohort = cohorts.autumn;
    let now = now_ms();
    let mut ids = Vec::new();
    for (source, title) in [(LEADERSHIP, "leadership"), (CULTURE, "culture")] {
        let parsed = Instrument::parse(source, Format::Toml)
            .map_err(|_| Error::internal(format!("the {title} instrument does not parse")))?;
        let id = store::insert_instrument(
            conn,
            NewInstrument {
                organisation_id: tenant,
                key: &parsed.key,
                version: i64::from(parsed.version),
                title: &parsed.title,
                format: "toml",
                source,
                created_by: lead,
            },
        )
        .await?;
        ids.push((id, parsed));
    }
    let (leadership_id, leadership_instrument) = &ids[0];
    let culture_id = &ids[1].0;
    let seeder = Seeder {
        key: store::pseudonym_key(conn, programme, &new_token()).await?,
        today: now - now.rem_euclid(DAY_MS),
    };
    let before = wave(
        conn,
        programme,
        Some(cohort),
        leadership_id,
        "Before the first session",
        "before_first_session",
        now - 20 * DAY_MS,
        "pseudonymous",
    )
    .await?;
    let after = wave(
        conn,
        programme,
        Some(cohort),
        leadership_id,
        "After the last session",
        "after_last_session",
        now - 3 * DAY_MS,
        "pseudonymous",
    )
    .await?;
    let board = wave(
        conn,
        programme,
        None,
        culture_id,
        "Culture profile: board and managers",
        "on_dates",
        now - 10 * DAY_MS,
        "anonymous",
    )
    .await?;
    let participants = store::cohort_participants(conn, cohort).await?;
    for (i, (person, email, _, org)) in participants.iter().enumerate() {
        let (person, org) = (
            Id::from_trusted(person.clone()),
            Id::from_trusted(org.clone()),
        );
        let who = Invitee {
            person_id: Some(&person),
            email,
            organisation_id: Some(&org),
        };
        // Everyone answered before; all but three after, each a little further on.
        seeder
            .ask(
                conn,
                &before,
                true,
                "participants",
                &who,
                Some(&leadership(leadership_instrument, i, 2)),
            )
            .await?;
        // Three in four moved on a point; the rest answered as before.
        let level = if i % 4 == 0 { 2 } else { 3 };
        let later = (i % 8 != 7).then(|| leadership(leadership_instrument, i, level));
        seeder
            .ask(conn, &after, true, "participants", &who, later.as_ref())
            .await?;
    }
    for i in 0..12 {
        let email = format!("colleague{i}@harbour-trust.example");
        let who = Invitee {
            person_id: None,
            email: &email,
            organisation_id: None,
        };
        let answers = (i < 10).then(|| leadership(leadership_instrument, i + 3, 2));
        seeder
            .ask(conn, &before, true, "comparison", &who, answers.as_ref())
            .await?;
    }
    for i in 0..10 {
        let email = format!("board{i}@northcoast-ics.example");
        let who = Invitee {
            person_id: None,
            email: &email,
            organisation_id: Some(tenant),
        };
        let answers = (i < 9).then(|| culture([35, 15, 25, 25], [30, 30, 25, 15], i));
        seeder
            .ask(conn, &board, false, "board", &who, answers.as_ref())
            .await?;
    }
    for i in 0..14 {
        let email = format!("manager{i}@northcoast-ics.example");
        let who = Invitee {
            person_id: None,
            email: &email,
            organisation_id: Some(tenant),
        };
        let answers = (i < 12).then(|| culture([10, 10, 30, 50], [35, 20, 20, 25], i));
        seeder
            .ask(conn, &board, false, "managers", &who, answers.as_ref())
            .await?;
    }
    feedback_360(
        conn,
        &seeder,
        programme,
        cohorts.spring,
        leadership_id,
        leadership_instrument,
        lead,
        bo,
    )
    .await?;
    let date = |s: &str| parse_uk_date(s, "target_date");
    let staff_retention = targets::insert(
        conn,
        tenant,
        programme,
        &TargetFields {
            measure: "Participants still in a leadership role a year later".into(),
            unit: Some("%".into()),
            baseline: 70 * 10_000,
            target_value: 85 * 10_000,
            target_date: date("2026-11-30")?,
        },
    )
    .await?;
    targets::record_measurement(
        conn,
        &staff_retention,
        &Measurement {
            value: 88 * 10_000,
            measured_on: date("2026-11-28")?,
            note: Some("From the trusts' workforce records".into()),
        },
    )
    .await?;
    targets::insert(
        conn,
        tenant,
        programme,
        &TargetFields {
            measure: "Days from referral to a care package (the sets' shared problem)".into(),
            unit: Some("days".into()),
            baseline: 21 * 10_000,
            target_value: 14 * 10_000,
            target_date: date("2027-03-31")?,
        },
    )
    .await?;
    Ok(())
}

/// Bo's 360 feedback round, closed: Bo's own view, his manager, three peers and two reports
/// (too few to show, so the report says so).
#[allow(clippy::too_many_arguments)]
async fn feedback_360(
    conn: &mut Conn,
    seeder: &Seeder,
    programme: &Id,
    spring: &Id,
    instrument_id: &Id,
    instrument: &Instrument,
    lead: &Id,
    bo: &Id,
) -> Result<(), Error> {
    use revans_storage::feedback360 as fb;
    fb::set_offer(conn, programme, instrument_id, lead).await?;
    let now = now_ms();
    let round = fb::insert_round(
        conn,
        fb::NewRound {
            programme_id: programme,
            cohort_id: spring,
            instrument_id,
            subject: bo,
            name: "360 feedback for Bo Participant",
            // Closed a week ago: a round's report shows its raters' figures once closed.
            opens_at: now - 50 * DAY_MS,
            closes_at: now - 8 * DAY_MS,
        },
    )
    .await?;
    let me = Invitee {
        person_id: Some(bo),
        email: "participant@bay-council.example",
        organisation_id: None,
    };
    seeder
        .ask(
            conn,
            &round,
            false,
            crate::evaluation::feedback360::SELF,
            &me,
            Some(&leadership(instrument, 1, 3)),
        )
        .await?;
    let raters: [(&str, &str, u32); 6] = [
        ("manager", "morgan.manager@harbour-trust.example", 4),
        ("peer", "peer.one@harbour-trust.example", 4),
        ("peer", "peer.two@bay-council.example", 3),
        ("peer", "peer.three@cliffside-care.example", 4),
        ("report", "report.one@harbour-trust.example", 5),
        ("report", "report.two@harbour-trust.example", 4),
    ];
    for (i, (group, email, level)) in raters.into_iter().enumerate() {
        let who = Invitee {
            person_id: None,
            email,
            organisation_id: None,
        };
        seeder
            .ask(
                conn,
                &round,
                false,
                group,
                &who,
                Some(&leadership(instrument, i + 2, level)),
            )
            .await?;
    }
    Ok(())
}
