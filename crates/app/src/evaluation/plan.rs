//! A programme's evaluation plan: its waves (an instrument sent at a point relative to a
//! cohort), who each is sent to, reminders, and the response rates its leads see.

use revans_domain::{
    EmailAddress, FieldErrors, Id, ValidationError, end_of_day, last_day, parse_uk_date,
    publish_count,
};
use revans_storage::evaluation::{self as store, Invitee, NewWave};
use revans_storage::{cohorts, programmes::Programme};
use serde::{Deserialize, Serialize};

use crate::mail::{self, ApplicationEmail, Text, Value};
use crate::security::{hash_token, new_token};
use crate::{Actor, App, DEFAULT_ZONE, Error, Viewer};

/// The respondent group of a cohort's own participants (others are named by the lead).
pub const PARTICIPANTS: &str = "participants";
/// The group compared with the participants in results.
pub const COMPARISON: &str = "comparison";
/// A rate over fewer people than this is not shown (the small-number rule).
pub const MIN_RATE_BASE: i64 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    BeforeFirstSession,
    AfterLastSession,
    MonthsAfter,
    OnDates,
    /// Session feedback: one short wave after each of the cohort's sessions, open a week.
    AfterEachSession,
}

impl Timing {
    pub fn parse(raw: &str) -> Result<Timing, ValidationError> {
        Ok(match raw.trim() {
            "before_first_session" => Timing::BeforeFirstSession,
            "after_last_session" => Timing::AfterLastSession,
            "months_after" => Timing::MonthsAfter,
            "on_dates" => Timing::OnDates,
            "after_each_session" => Timing::AfterEachSession,
            _ => {
                return Err(ValidationError::new(
                    "timing",
                    "Choose when the questionnaire is sent",
                ));
            }
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Timing::BeforeFirstSession => "before_first_session",
            Timing::AfterLastSession => "after_last_session",
            Timing::MonthsAfter => "months_after",
            Timing::OnDates => "on_dates",
            Timing::AfterEachSession => "after_each_session",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Anonymity {
    /// Answers linked to the person (still never shown one by one to leads or evaluators).
    Named,
    /// Linked across the programme's waves by a pseudonym, so before and after can be paired.
    Pseudonymous,
    /// Linked to nothing.
    Anonymous,
}

impl Anonymity {
    pub fn parse(raw: &str) -> Result<Anonymity, ValidationError> {
        Ok(match raw.trim() {
            "named" => Anonymity::Named,
            "pseudonymous" => Anonymity::Pseudonymous,
            "anonymous" => Anonymity::Anonymous,
            _ => {
                return Err(ValidationError::new(
                    "anonymity",
                    "Choose how answers are kept",
                ));
            }
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Anonymity::Named => "named",
            Anonymity::Pseudonymous => "pseudonymous",
            Anonymity::Anonymous => "anonymous",
        }
    }
    /// The catalogue id of [`Self::promise`].
    pub fn promise_id(self) -> &'static str {
        match self {
            Anonymity::Named => "eval-promise-named",
            Anonymity::Pseudonymous => "eval-promise-pseudonymous",
            Anonymity::Anonymous => "eval-promise-anonymous",
        }
    }
    /// What a respondent is told before they answer.
    pub fn promise(self) -> &'static str {
        match self {
            Anonymity::Named => {
                "Your answers are kept with your name. Programme leads and evaluators see only totals and averages of groups of 8 or more people."
            }
            Anonymity::Pseudonymous => {
                "Your answers are kept under a code, not your name, so your answers before and after the programme can be compared. Nobody who reads the results can see who answered."
            }
            Anonymity::Anonymous => {
                "Your answers are anonymous: they are not linked to you or your email address."
            }
        }
    }
}

/// A wave as the lead typed it (form boxes already joined into dates).
#[derive(Debug, Clone, Default)]
pub struct WaveInput {
    pub instrument: String,
    pub cohort: String,
    pub name: String,
    pub timing: String,
    pub months: String,
    pub opens: String,
    pub closes: String,
    pub anonymity: String,
    /// Send it to the cohort's participants when it opens and remind them before it closes.
    pub send_automatically: bool,
}

/// Plans a wave; returns its id.
pub async fn plan_wave(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: WaveInput,
) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    let programme = super::access::for_lead(&mut tx, actor, programme).await?;
    let mut errors = FieldErrors::default();
    let instrument = match Id::parse(input.instrument.trim()) {
        Some(id) => store::instrument(&mut tx, id.as_str())
            .await?
            .filter(|i| i.organisation_id == programme.organisation_id.as_str()),
        None => None,
    };
    if instrument.is_none() {
        errors.add("instrument", "Choose a questionnaire");
    }
    let cohort = match input.cohort.trim() {
        "" => None,
        raw => match Id::parse(raw) {
            Some(id) => cohorts::get(&mut tx, &id)
                .await?
                .filter(|c| c.programme_id == programme.id),
            None => None,
        }
        .or_else(|| {
            errors.add("cohort", "Choose a cohort of this programme");
            None
        }),
    };
    let timing = errors.take(Timing::parse(&input.timing));
    let anonymity = errors.take(Anonymity::parse(&input.anonymity));
    let months = match timing {
        Some(Timing::MonthsAfter) => match input.months.trim().parse::<i64>() {
            Ok(m) if (1..=60).contains(&m) => Some(m),
            _ => {
                errors.add(
                    "months",
                    "Enter the number of months after the last session, from 1 to 60",
                );
                None
            }
        },
        _ => None,
    };
    let zone = cohort
        .as_ref()
        .map(|c| c.timezone.clone())
        .unwrap_or_else(|| DEFAULT_ZONE.to_owned());
    // (session number for session feedback, opens, closes) of each wave to make.
    let windows: Option<Vec<(Option<usize>, i64, i64)>> = match (timing, &cohort) {
        (Some(Timing::OnDates), _) => {
            dates_window(&input, &zone, &mut errors).map(|(o, c)| vec![(None, o, c)])
        }
        (Some(t), Some(c)) => {
            let sessions = cohorts::sessions(&mut tx, &c.id).await?;
            match (sessions.first(), sessions.last()) {
                (Some(_), Some(_)) if t == Timing::AfterEachSession => Some(
                    sessions
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (Some(i + 1), s.ends_at, s.ends_at + 7 * DAY_MS))
                        .collect(),
                ),
                (Some(first), Some(last)) => {
                    let (opens, closes) =
                        relative_window(t, first.starts_at, last.ends_at, months, &zone);
                    Some(vec![(None, opens, closes)])
                }
                _ => {
                    errors.add(
                        "cohort",
                        "This cohort has no sessions yet: choose dates instead",
                    );
                    None
                }
            }
        }
        (Some(_), None) => {
            errors.add(
                "cohort",
                "Choose the cohort the questionnaire is timed from",
            );
            None
        }
        (None, _) => None,
    };
    let name = match input.name.trim() {
        "" => timing.map(|t| default_name(t, months)).unwrap_or_default(),
        n if n.chars().count() > 120 => {
            errors.add("name", "The wave's name must be 120 characters or fewer");
            String::new()
        }
        n => n.to_owned(),
    };
    let auto_send = input.send_automatically || timing == Some(Timing::AfterEachSession);
    if auto_send && cohort.is_none() && !errors.any() {
        errors.add(
            "cohort",
            "Choose the cohort whose participants it is sent to, or send it yourself",
        );
    }
    if errors.any() {
        return Err(Error::Invalid(errors.0));
    }
    let (Some(instrument), Some(timing), Some(anonymity), Some(windows)) =
        (instrument, timing, anonymity, windows)
    else {
        return Err(Error::internal("wave input checked without an error"));
    };
    let mut first = None;
    for (session, opens_at, closes_at) in windows {
        let wave_name = match session {
            Some(n) => format!("{name}: session {n}"),
            None => name.clone(),
        };
        let id = store::insert_wave(
            &mut tx,
            NewWave {
                programme_id: &programme.id,
                cohort_id: cohort.as_ref().map(|c| &c.id),
                instrument_id: &Id::from_trusted(instrument.id.clone()),
                name: &wave_name,
                timing: timing.as_str(),
                months_after: months,
                opens_at,
                closes_at,
                anonymity: anonymity.as_str(),
                auto_send,
            },
        )
        .await?;
        first.get_or_insert(id);
    }
    let id = first.ok_or_else(|| Error::internal("no wave made"))?;
    actor
        .audit(
            &mut tx,
            "evaluation.wave_planned",
            "programme",
            programme.id.as_str(),
            &format!(
                "Planned the wave \"{name}\" ({}, {})",
                instrument.title,
                anonymity.as_str()
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

fn default_name(timing: Timing, months: Option<i64>) -> String {
    match (timing, months) {
        (Timing::BeforeFirstSession, _) => "Before the first session".into(),
        (Timing::AfterLastSession, _) => "After the last session".into(),
        (Timing::AfterEachSession, _) => "Session feedback".into(),
        (Timing::MonthsAfter, Some(m)) if m % 12 == 0 && m > 12 => {
            format!("{} years after", m / 12)
        }
        (Timing::MonthsAfter, Some(m)) => format!("{m} months after"),
        _ => "Questionnaire".into(),
    }
}

const DAY_MS: i64 = 86_400_000;

/// When a wave timed from a cohort opens and closes: two weeks before the first session until
/// it starts; three weeks after the last; four weeks from N months after the last.
fn relative_window(
    timing: Timing,
    first_start: i64,
    last_end: i64,
    months: Option<i64>,
    zone: &str,
) -> (i64, i64) {
    match timing {
        Timing::BeforeFirstSession => (first_start - 14 * DAY_MS, first_start),
        Timing::AfterLastSession => (last_end, last_end + 21 * DAY_MS),
        _ => {
            let opens = add_months(last_end, months.unwrap_or(6), zone);
            (opens, opens + 28 * DAY_MS)
        }
    }
}

/// Calendar months in the cohort's zone (6 months after 31 August is 28 February).
fn add_months(ms: i64, months: i64, zone: &str) -> i64 {
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(ms)
        .ok()
        .and_then(|t| {
            t.to_zoned(tz)
                .checked_add(jiff::Span::new().months(months))
                .ok()
        })
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(ms + months * 30 * DAY_MS)
}

fn dates_window(input: &WaveInput, zone: &str, errors: &mut FieldErrors) -> Option<(i64, i64)> {
    let opens = errors.take(parse_uk_date(&input.opens, "opens"));
    let closes = errors.take(parse_uk_date(&input.closes, "closes"));
    let (opens, closes) = (opens?, closes?);
    // A questionnaire is sent in this century; a date far outside it is a typing slip (and
    // past the calendar's edge there is no day after it to end on).
    for (field, date) in [("opens", opens), ("closes", closes)] {
        if !(2000..=2100).contains(&date.year()) {
            errors.add(field, "Enter a date between the years 2000 and 2100");
        }
    }
    if errors.any() {
        return None;
    }
    if closes < opens {
        errors.add(
            "closes",
            "The closing date must be on or after the opening date",
        );
        return None;
    }
    match (
        opens.yesterday().ok().and_then(|d| end_of_day(d, zone)),
        end_of_day(closes, zone),
    ) {
        (Some(start), Some(end)) => Some((start, end)),
        _ => {
            errors.add("opens", "These dates cannot be used: choose others");
            None
        }
    }
}

/// Who a lead sends a wave to.
#[derive(Debug, Clone, Default)]
pub struct InviteInput {
    /// The cohort's accepted participants (group "participants").
    pub participants: bool,
    /// Addresses, one per line, of people without a place (a comparison group, a board).
    pub emails: String,
    /// The group those addresses answer as ("comparison", "board", "managers").
    pub group: String,
}

/// How many were newly invited (those already invited are left alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Invited {
    pub invited: u32,
    pub already_invited: u32,
}

pub async fn invite(
    app: &App,
    actor: &Actor<'_>,
    wave: &Id,
    input: InviteInput,
) -> Result<Invited, Error> {
    // Access first: someone outside the programme learns nothing from the form.
    let mut tx = app.store.begin().await?;
    let wave = store::wave(&mut tx, wave.as_str())
        .await?
        .filter(|w| w.subject_person_id.is_none())
        .ok_or(Error::NotFound)?;
    let programme =
        super::access::for_lead(&mut tx, actor, &Id::from_trusted(wave.programme_id.clone()))
            .await?;
    let mut errors = FieldErrors::default();
    let mut addresses: Vec<EmailAddress> = Vec::new();
    for (n, line) in input.emails.lines().enumerate() {
        let line = line.trim().trim_end_matches([',', ';']);
        if line.is_empty() {
            continue;
        }
        match EmailAddress::parse(line) {
            Ok(a) if !addresses.contains(&a) => addresses.push(a),
            Ok(_) => {}
            Err(_) => errors.add(
                "emails",
                format!("Line {}: \"{line}\" is not an email address", n + 1),
            ),
        }
    }
    let group = input.group.trim().to_lowercase();
    if !addresses.is_empty() {
        if group.is_empty() || group.chars().count() > 40 {
            errors.add("group", "Name the group these people answer as, such as comparison or board (up to 40 characters)");
        } else if group == PARTICIPANTS {
            errors.add("group", "\"participants\" is the cohort's own group: name the others differently, such as comparison");
        }
    }
    if !input.participants && addresses.is_empty() && !errors.any() {
        errors.add(
            "participants",
            "Choose the cohort's participants or enter email addresses",
        );
    }
    if errors.any() {
        return Err(Error::Invalid(errors.0));
    }
    let mut invited = Invited {
        invited: 0,
        already_invited: 0,
    };
    if input.participants {
        if wave.cohort_id.is_none() {
            return Err(Error::field(
                "participants",
                "This wave has no cohort: enter the addresses of the people to ask",
            ));
        }
        invite_participants(&mut tx, app, &programme, &wave, &mut invited).await?;
    }
    for address in &addresses {
        let who = Invitee {
            person_id: None,
            email: address.as_str(),
            organisation_id: None,
        };
        send(
            &mut tx,
            app,
            &programme,
            &wave,
            &group,
            &who,
            "colleague",
            &mut invited,
        )
        .await?;
    }
    actor
        .audit(
            &mut tx,
            "evaluation.invited",
            "programme",
            programme.id.as_str(),
            &format!(
                "Invited {} people to answer \"{}\"",
                invited.invited, wave.name
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(invited)
}

/// Invites the wave's cohort's accepted participants (those already invited are left alone).
async fn invite_participants(
    tx: &mut revans_storage::Conn,
    app: &App,
    programme: &Programme,
    wave: &store::Wave,
    invited: &mut Invited,
) -> Result<(), Error> {
    let Some(cohort) = wave.cohort_id.as_deref() else {
        return Ok(());
    };
    for (person, email, name, org) in
        store::cohort_participants(tx, &Id::from_trusted(cohort.to_owned())).await?
    {
        let who = Invitee {
            person_id: Some(&Id::from_trusted(person)),
            email: &email,
            organisation_id: Some(&Id::from_trusted(org)),
        };
        send(tx, app, programme, wave, PARTICIPANTS, &who, &name, invited).await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn send(
    tx: &mut revans_storage::Conn,
    app: &App,
    programme: &Programme,
    wave: &store::Wave,
    group: &str,
    who: &Invitee<'_>,
    name: &str,
    invited: &mut Invited,
) -> Result<(), Error> {
    let token = new_token();
    if store::invite(
        tx,
        &Id::from_trusted(wave.id.clone()),
        group,
        who,
        &hash_token(&token),
    )
    .await?
    {
        invited.invited += 1;
        mail::enqueue(
            tx,
            who.email,
            &questionnaire_email(app, programme, wave, name, &token, false),
        )
        .await?;
    } else {
        invited.already_invited += 1;
    }
    Ok(())
}

fn questionnaire_email(
    app: &App,
    programme: &Programme,
    wave: &store::Wave,
    name: &str,
    token: &str,
    reminder: bool,
) -> ApplicationEmail {
    let zone = DEFAULT_ZONE;
    let anonymity = Anonymity::parse(&wave.anonymity).unwrap_or(Anonymity::Anonymous);
    let mut lines = vec![
        Text::new("email-questionnaire-please")
            .arg("instrument", &wave.instrument_title)
            .arg("programme", &programme.fields.title),
        Text::new("email-questionnaire-open-until")
            .arg("closes", Value::last_day(wave.closes_at, zone)),
        Text::new(anonymity.promise_id()),
    ];
    if reminder {
        lines.push(Text::new("email-questionnaire-replaces"));
    }
    ApplicationEmail {
        tenant: app.settings.tenant_name.clone(),
        name: name.to_owned(),
        programme: programme.fields.title.clone(),
        headline: if reminder {
            Text::new("email-questionnaire-reminder").arg("wave", &wave.name)
        } else {
            Text::new("email-questionnaire-for-you").arg("wave", &wave.name)
        },
        lines,
        link: format!("{}/respond/{token}", app.settings.base_url()),
        link_label: Text::new("email-answer-questionnaire"),
    }
}

/// Emails everyone who has not answered a new link; returns how many.
pub async fn remind(app: &App, actor: &Actor<'_>, wave: &Id) -> Result<u32, Error> {
    let mut tx = app.store.begin().await?;
    let wave = store::wave(&mut tx, wave.as_str())
        .await?
        .filter(|w| w.subject_person_id.is_none())
        .ok_or(Error::NotFound)?;
    let programme =
        super::access::for_lead(&mut tx, actor, &Id::from_trusted(wave.programme_id.clone()))
            .await?;
    if wave.closes_at <= crate::now_ms() {
        return Err(Error::Conflict(
            "This questionnaire has closed: there is nobody left to remind".into(),
        ));
    }
    let sent = remind_in(&mut tx, app, &programme, &wave).await?;
    actor
        .audit(
            &mut tx,
            "evaluation.reminded",
            "programme",
            programme.id.as_str(),
            &format!("Reminded {sent} people to answer \"{}\"", wave.name),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(sent)
}

/// One wave's response rate in one group. Counts follow the small-number rule; the rate is
/// shown only over 8 or more people invited.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GroupRate {
    pub group: String,
    pub invited: Option<u32>,
    pub responded: Option<u32>,
    pub percent: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct WaveSummary {
    pub id: String,
    pub name: String,
    pub instrument_id: String,
    pub instrument: String,
    pub cohort: Option<String>,
    pub timing: Timing,
    pub anonymity: Anonymity,
    /// RFC 3339.
    pub opens_at: String,
    pub closes_at: String,
    /// For people: "1 March 2027".
    #[serde(skip)]
    pub opens_on: String,
    #[serde(skip)]
    pub closes_on: String,
    pub rates: Vec<GroupRate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct InstrumentListing {
    pub id: String,
    pub key: String,
    pub version: i64,
    pub title: String,
}

/// The programme's evaluation page: its waves with response rates, its tenant's instruments
/// and its cohorts (to plan a wave). Read in a fixed number of queries.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvaluationPlan {
    pub programme_id: String,
    pub programme: String,
    /// Whether the viewer leads the programme (plans and invites) or only reads results.
    pub can_manage: bool,
    pub waves: Vec<WaveSummary>,
    pub instruments: Vec<InstrumentListing>,
    /// (id, name).
    pub cohorts: Vec<(String, String)>,
}

pub async fn evaluation_plan(
    app: &App,
    viewer: &Viewer,
    programme: &Id,
) -> Result<EvaluationPlan, Error> {
    let mut conn = app.store.conn().await?;
    let programme = super::access::for_reader(&mut conn, viewer, programme).await?;
    let can_manage = crate::require_admin_of(&mut conn, viewer, &programme.organisation_id)
        .await
        .is_ok();
    let waves = store::waves_of(&mut conn, &programme.id).await?;
    let rates = store::rates_of(&mut conn, &programme.id).await?;
    let instruments = store::instruments_of(&mut conn, &programme.organisation_id).await?;
    let cohorts = cohorts::list_for_programme(&mut conn, &programme.id).await?;
    let zone = viewer.timezone();
    Ok(EvaluationPlan {
        programme_id: programme.id.to_string(),
        programme: programme.fields.title.clone(),
        can_manage,
        waves: waves
            .into_iter()
            .map(|w| WaveSummary {
                rates: rates
                    .iter()
                    .filter(|r| r.wave_id == w.id)
                    .map(|r| GroupRate {
                        group: r.respondent_group.clone(),
                        invited: publish_count(r.invited),
                        responded: publish_count(r.responded),
                        percent: (r.invited >= MIN_RATE_BASE)
                            .then(|| u32::try_from(r.responded * 100 / r.invited).unwrap_or(0)),
                    })
                    .collect(),
                id: w.id,
                name: w.name,
                instrument_id: w.instrument_id,
                instrument: w.instrument_title,
                cohort: w.cohort_name,
                timing: Timing::parse(&w.timing).unwrap_or(Timing::OnDates),
                anonymity: Anonymity::parse(&w.anonymity).unwrap_or(Anonymity::Anonymous),
                opens_at: rfc3339(w.opens_at),
                closes_at: rfc3339(w.closes_at),
                opens_on: last_day(w.opens_at + 1, zone),
                closes_on: last_day(w.closes_at, zone),
            })
            .collect(),
        instruments: instruments
            .into_iter()
            .map(|i| InstrumentListing {
                id: i.id,
                key: i.key,
                version: i.version,
                title: i.title,
            })
            .collect(),
        cohorts: cohorts
            .into_iter()
            .map(|c| (c.id.to_string(), c.name))
            .collect(),
    })
}

pub(crate) fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Emails everyone who has not answered the wave a fresh link; returns how many.
async fn remind_in(
    tx: &mut revans_storage::Conn,
    app: &App,
    programme: &Programme,
    wave: &store::Wave,
) -> Result<u32, Error> {
    let mut sent = 0;
    for (invitation, email, name) in
        store::non_responders(tx, &Id::from_trusted(wave.id.clone())).await?
    {
        let token = new_token();
        if store::renew_token(tx, &invitation, &hash_token(&token)).await? {
            let name = name.as_deref().unwrap_or("colleague");
            mail::enqueue(
                tx,
                &email,
                &questionnaire_email(app, programme, wave, name, &token, true),
            )
            .await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// One wave with its rates, for its programme's lead: (programme id, the wave).
pub async fn wave_for_lead(
    app: &App,
    actor: &Actor<'_>,
    wave: &Id,
) -> Result<(String, WaveSummary), Error> {
    let mut conn = app.store.conn().await?;
    let row = store::wave(&mut conn, wave.as_str())
        .await?
        .filter(|w| w.subject_person_id.is_none())
        .ok_or(Error::NotFound)?;
    let programme = Id::from_trusted(row.programme_id.clone());
    super::access::for_lead(&mut conn, actor, &programme).await?;
    drop(conn);
    let plan = evaluation_plan(app, actor.viewer, &programme).await?;
    let summary = plan
        .waves
        .into_iter()
        .find(|w| w.id == row.id)
        .ok_or(Error::NotFound)?;
    Ok((plan.programme_id, summary))
}

/// How long before a wave closes the sweep reminds those who have not answered.
pub const REMINDER_BEFORE_CLOSE_MS: i64 = 3 * DAY_MS;

/// What one sweep did for evaluation.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// Waves sent to their cohort's participants.
    pub waves: usize,
    /// Waves whose non-responders were reminded.
    pub reminded: usize,
}

/// The sweep's part (every minute): sends each wave set to go out automatically once it
/// opens, and reminds its non-responders three days before it closes. Each wave is claimed
/// with a conditional update in the transaction of its emails, so several instances never
/// send one twice.
pub async fn sweep(app: &App, now: i64) -> Result<Sent, Error> {
    let (to_send, to_remind) = {
        let mut conn = app.store.conn().await?;
        (
            store::waves_to_send(&mut conn, now).await?,
            store::waves_to_remind(&mut conn, now, REMINDER_BEFORE_CLOSE_MS).await?,
        )
    };
    let mut sent = Sent::default();
    for (ids, reminder) in [(to_send, false), (to_remind, true)] {
        for id in ids {
            let mut tx = app.store.begin().await?;
            if !store::claim(&mut tx, &id, reminder, now).await? {
                continue;
            }
            let wave = store::wave(&mut tx, &id).await?.ok_or(Error::NotFound)?;
            let programme_id = Id::from_trusted(wave.programme_id.clone());
            let programme = revans_storage::programmes::get(&mut tx, &programme_id)
                .await?
                .ok_or(Error::NotFound)?;
            if reminder {
                remind_in(&mut tx, app, &programme, &wave).await?;
                sent.reminded += 1;
            } else {
                let mut invited = Invited {
                    invited: 0,
                    already_invited: 0,
                };
                invite_participants(&mut tx, app, &programme, &wave, &mut invited).await?;
                sent.waves += 1;
            }
            revans_storage::commit(tx).await?;
        }
    }
    Ok(sent)
}
