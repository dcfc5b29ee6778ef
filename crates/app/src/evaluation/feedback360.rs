//! 360-degree feedback (C9, issue 14). A programme's lead offers it with an instrument; an
//! accepted participant of one of its cohorts starts a round (an anonymous wave about them),
//! answers about themself (group "self") and invites raters by email: their manager, peers
//! and reports, who answer by link with no account. Only the participant reads their round:
//! how many answered in each group (never who), and a report of self against each rater group
//! and all others. A peer or report group is shown only with 3 or more answers; the manager
//! group is shown with 1 (and says so). Nothing of a round reaches the programme's results.

use std::collections::BTreeMap;

use revans_domain::evaluation::{AnswerValue, Answers, Instrument, QuestionKind};
use revans_domain::{EmailAddress, FieldErrors, Id, publish_count};
use revans_i18n::last_day;
use revans_storage::evaluation::{self as store, Invitee, Wave};
use revans_storage::feedback360::{self as fb, NewRound};
use serde::Serialize;

use super::instruments::load;
use super::plan::InstrumentListing;
use super::results::round2;
use crate::mail::{self, ApplicationEmail, Text, Value};
use crate::security::{hash_token, new_token};
use crate::{Actor, App, Error, Viewer};

/// The fewest answers a peer or report group is shown with.
pub const MIN_RATERS: usize = 3;
/// The participant's own answers.
pub const SELF: &str = "self";
/// How long a round is open for answers.
const ROUND_DAYS: i64 = 42;
const DAY_MS: i64 = 86_400_000;

/// Who a rater is to the participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RaterGroup {
    Manager,
    Peer,
    Report,
}

impl RaterGroup {
    pub const ALL: [RaterGroup; 3] = [RaterGroup::Manager, RaterGroup::Peer, RaterGroup::Report];

    /// The respondent group stored on invitations and responses.
    pub fn as_str(self) -> &'static str {
        match self {
            RaterGroup::Manager => "manager",
            RaterGroup::Peer => "peer",
            RaterGroup::Report => "report",
        }
    }
    pub fn parse(raw: &str) -> Option<RaterGroup> {
        RaterGroup::ALL.into_iter().find(|g| g.as_str() == raw)
    }
    /// The form field (and API property) its addresses are typed in.
    pub fn field(self) -> &'static str {
        match self {
            RaterGroup::Manager => "manager",
            RaterGroup::Peer => "peers",
            RaterGroup::Report => "reports",
        }
    }
    /// For people: "Your manager", "Peers", "Reports".
    pub fn label(self) -> &'static str {
        match self {
            RaterGroup::Manager => "Your manager",
            RaterGroup::Peer => "Peers",
            RaterGroup::Report => "People who report to you",
        }
    }
    /// The catalogue id of its label (`circles.ftl`), for pages.
    pub fn message_id(self) -> &'static str {
        match self {
            RaterGroup::Manager => "fb360-group-manager",
            RaterGroup::Peer => "fb360-group-peers",
            RaterGroup::Report => "fb360-group-reports",
        }
    }
    /// The fewest answers the group is shown with.
    pub fn minimum(self) -> usize {
        match self {
            RaterGroup::Manager => 1,
            _ => MIN_RATERS,
        }
    }
}

/// The note beside a hidden group.
pub const HIDDEN: &str = "Fewer than 3 answers: not shown, so nobody can be identified";

// ---------------------------------------------------------------------------------------
// The lead: offering 360 feedback.

/// What the lead sees: the instrument offered (if any), how many rounds exist (published
/// after the small-number rule; nothing about any round), and the instruments to choose from.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OfferSummary {
    pub programme_id: String,
    pub programme: String,
    pub instrument_id: Option<String>,
    pub instrument: Option<String>,
    /// Rounds participants have started, published (hidden below 8, rounded to 5).
    pub rounds: Option<u32>,
    pub instruments: Vec<InstrumentListing>,
}

pub async fn offer_summary(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
) -> Result<OfferSummary, Error> {
    let mut conn = app.store.conn().await?;
    let programme = super::access::for_lead(&mut conn, actor, programme).await?;
    let offer = fb::offer_of(&mut conn, &programme.id).await?;
    let rounds = fb::rounds_in_programme(&mut conn, &programme.id).await?;
    let instruments = store::instruments_of(&mut conn, &programme.organisation_id).await?;
    Ok(OfferSummary {
        programme_id: programme.id.to_string(),
        programme: programme.fields.title.clone(),
        instrument_id: offer.as_ref().map(|o| o.0.clone()),
        instrument: offer.map(|o| o.1),
        rounds: publish_count(rounds),
        instruments: instruments
            .into_iter()
            .map(|i| InstrumentListing {
                id: i.id,
                key: i.key,
                version: i.version,
                title: i.title,
            })
            .collect(),
    })
}

/// Offers 360 feedback with one of the tenant's instruments to the programme's participants.
pub async fn offer(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    instrument: &str,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let programme = super::access::for_lead(&mut tx, actor, programme).await?;
    let row = match Id::parse(instrument.trim()) {
        Some(id) => store::instrument(&mut tx, id.as_str())
            .await?
            .filter(|i| i.organisation_id == programme.organisation_id.as_str()),
        None => None,
    }
    .ok_or_else(|| Error::field("instrument", "Choose a questionnaire"))?;
    let instrument = load(row)?;
    if instrument.instrument.scored_questions().is_empty() {
        return Err(Error::field(
            "instrument",
            "Choose a questionnaire with scale questions: a 360 report compares scores",
        ));
    }
    fb::set_offer(
        &mut tx,
        &programme.id,
        &Id::from_trusted(instrument.row.id.clone()),
        &actor.viewer.person.id,
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "evaluation.feedback360_offered",
            "programme",
            programme.id.as_str(),
            &format!("Offered 360 feedback with \"{}\"", instrument.row.title),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The participant: rounds.

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OfferListing {
    pub programme_id: String,
    pub programme: String,
    pub instrument: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoundListing {
    pub id: String,
    pub programme: String,
    pub instrument: String,
    /// RFC 3339.
    pub closes_at: String,
    #[serde(skip)]
    pub closes_on: String,
    pub open: bool,
}

/// The participant's /feedback page: programmes offering 360 feedback, and their rounds.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FeedbackHome {
    pub offers: Vec<OfferListing>,
    pub rounds: Vec<RoundListing>,
}

pub async fn home(app: &App, viewer: &Viewer) -> Result<FeedbackHome, Error> {
    let mut conn = app.store.conn().await?;
    let offers = fb::offers_for(&mut conn, &viewer.person.id).await?;
    let rounds = fb::rounds_of(&mut conn, &viewer.person.id).await?;
    let titles: BTreeMap<String, String> = offers
        .iter()
        .map(|o| (o.programme_id.clone(), o.programme.clone()))
        .collect();
    let now = crate::now_ms();
    let mut listed = Vec::new();
    for w in rounds {
        let programme = match titles.get(&w.programme_id) {
            Some(t) => t.clone(),
            None => programme_title(&mut conn, &w.programme_id).await?,
        };
        listed.push(RoundListing {
            programme,
            instrument: w.instrument_title.clone(),
            closes_at: super::plan::rfc3339(w.closes_at),
            closes_on: last_day(w.closes_at, viewer.timezone()),
            open: w.closes_at > now,
            id: w.id,
        });
    }
    Ok(FeedbackHome {
        offers: offers
            .into_iter()
            .map(|o| OfferListing {
                programme_id: o.programme_id,
                programme: o.programme,
                instrument: o.instrument,
            })
            .collect(),
        rounds: listed,
    })
}

async fn programme_title(conn: &mut revans_storage::Conn, id: &str) -> Result<String, Error> {
    Ok(
        revans_storage::programmes::get(conn, &Id::from_trusted(id.to_owned()))
            .await?
            .map(|p| p.fields.title)
            .unwrap_or_default(),
    )
}

/// Starts a round for a programme offering 360 feedback in which the viewer holds a place;
/// emails them their own link to answer about themself. 409 while one is open.
pub async fn start(app: &App, actor: &Actor<'_>, programme: &str) -> Result<Id, Error> {
    let viewer = actor.viewer;
    let mut tx = app.store.begin().await?;
    let offer = fb::offers_for(&mut tx, &viewer.person.id)
        .await?
        .into_iter()
        .find(|o| o.programme_id == programme.trim())
        .ok_or_else(|| {
            Error::field(
                "programme",
                "Choose a programme you have a place on that offers 360 feedback",
            )
        })?;
    let now = crate::now_ms();
    if fb::rounds_of(&mut tx, &viewer.person.id)
        .await?
        .iter()
        .any(|w| w.programme_id == offer.programme_id && w.closes_at > now)
    {
        return Err(Error::Conflict(
            "You already have an open 360 feedback round for this programme".into(),
        ));
    }
    let name = format!("360 feedback for {}", viewer.person.name);
    let programme_id = Id::from_trusted(offer.programme_id.clone());
    let id = fb::insert_round(
        &mut tx,
        NewRound {
            programme_id: &programme_id,
            cohort_id: &Id::from_trusted(offer.cohort_id.clone()),
            instrument_id: &Id::from_trusted(offer.instrument_id.clone()),
            subject: &viewer.person.id,
            name: &name,
            opens_at: now - 1,
            closes_at: now + ROUND_DAYS * DAY_MS,
        },
    )
    .await?;
    let token = new_token();
    store::invite(
        &mut tx,
        &id,
        SELF,
        &Invitee {
            person_id: Some(&viewer.person.id),
            email: &viewer.person.email,
            organisation_id: Some(&viewer.person.organisation_id),
        },
        &hash_token(&token),
    )
    .await?;
    let wave = store::wave(&mut tx, id.as_str())
        .await?
        .ok_or_else(|| Error::internal("the round just made is missing"))?;
    mail::enqueue(
        &mut tx,
        &viewer.person.email,
        &ApplicationEmail {
            tenant: app.settings.tenant_name.clone(),
            name: viewer.person.name.clone(),
            programme: offer.programme.clone(),
            headline: Text::new("email-360-self").arg("wave", &wave.name),
            lines: vec![
                Text::new("email-360-self-started").arg("instrument", &offer.instrument),
                Text::new("email-360-self-open-until")
                    .arg("closes", Value::last_day(wave.closes_at, viewer.timezone())),
            ],
            link: format!("{}/respond/{token}", app.settings.base_url()),
            link_label: Text::new("email-360-answer-about-yourself"),
        },
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "evaluation.feedback360_started",
            "programme",
            &offer.programme_id,
            "Started a 360 feedback round",
            &viewer.person.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// The round, for its subject only: anyone else (the lead included) is told it does not exist.
async fn own_round(
    conn: &mut revans_storage::Conn,
    viewer: &Viewer,
    id: &Id,
) -> Result<Wave, Error> {
    store::wave(conn, id.as_str())
        .await?
        .filter(|w| w.subject_person_id.as_deref() == Some(viewer.person.id.as_str()))
        .ok_or(Error::NotFound)
}

/// Invited and answered in one group.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GroupProgress {
    pub group: RaterGroup,
    pub label: String,
    pub invited: u32,
    pub answered: u32,
}

/// A round as its subject sees it: counts per group, never who answered.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoundView {
    pub id: String,
    pub programme: String,
    pub instrument: String,
    pub closes_at: String,
    #[serde(skip)]
    pub closes_on: String,
    pub open: bool,
    /// Whether the participant has answered about themself.
    pub self_answered: bool,
    pub groups: Vec<GroupProgress>,
}

pub async fn round(app: &App, viewer: &Viewer, id: &Id) -> Result<RoundView, Error> {
    let mut conn = app.store.conn().await?;
    let wave = own_round(&mut conn, viewer, id).await?;
    let counts = fb::counts(&mut conn, &wave.id).await?;
    let of = |g: &str| counts.iter().find(|c| c.respondent_group == g);
    let as_u32 = |n: i64| u32::try_from(n).unwrap_or(0);
    Ok(RoundView {
        programme: programme_title(&mut conn, &wave.programme_id).await?,
        instrument: wave.instrument_title.clone(),
        closes_at: super::plan::rfc3339(wave.closes_at),
        closes_on: last_day(wave.closes_at, viewer.timezone()),
        open: wave.closes_at > crate::now_ms(),
        self_answered: of(SELF).is_some_and(|c| c.answered > 0),
        groups: RaterGroup::ALL
            .into_iter()
            .map(|g| GroupProgress {
                group: g,
                label: revans_i18n::t(g.message_id()),
                invited: of(g.as_str()).map_or(0, |c| as_u32(c.invited)),
                answered: of(g.as_str()).map_or(0, |c| as_u32(c.answered)),
            })
            .collect(),
        id: wave.id,
    })
}

/// A fresh link for the participant to answer about themself (the old one stops working).
/// Returns the path, `/respond/{token}`. 409 once they have answered.
pub async fn self_link(app: &App, viewer: &Viewer, id: &Id) -> Result<String, Error> {
    let mut tx = app.store.begin().await?;
    let wave = own_round(&mut tx, viewer, id).await?;
    let (invitation, answered) = fb::self_invitation(&mut tx, &wave.id, SELF)
        .await?
        .ok_or(Error::NotFound)?;
    if answered.is_some() {
        return Err(Error::Conflict(
            "You have already answered about yourself".into(),
        ));
    }
    if wave.closes_at <= crate::now_ms() {
        return Err(Error::Conflict("This round has closed".into()));
    }
    let token = new_token();
    store::renew_token(&mut tx, &invitation, &hash_token(&token)).await?;
    revans_storage::commit(tx).await?;
    Ok(format!("/respond/{token}"))
}

/// Raters' addresses, one per line in each group.
#[derive(Debug, Clone, Default)]
pub struct RatersInput {
    pub manager: String,
    pub peers: String,
    pub reports: String,
}

impl RatersInput {
    fn of(&self, g: RaterGroup) -> &str {
        match g {
            RaterGroup::Manager => &self.manager,
            RaterGroup::Peer => &self.peers,
            RaterGroup::Report => &self.reports,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RatersInvited {
    pub invited: u32,
}

/// Emails each rater their link. Every problem is named by its group and line: not an
/// address, the participant's own address, an address listed twice or already invited.
pub async fn invite_raters(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    input: RatersInput,
) -> Result<RatersInvited, Error> {
    let viewer = actor.viewer;
    let mut tx = app.store.begin().await?;
    let wave = own_round(&mut tx, viewer, id).await?;
    if wave.closes_at <= crate::now_ms() {
        return Err(Error::Conflict(
            "This round has closed: start a new one to ask more people".into(),
        ));
    }
    let already: Vec<(String, String)> = fb::invited_emails(&mut tx, &wave.id).await?;
    let own = EmailAddress::parse(&viewer.person.email).ok();
    let mut errors = FieldErrors::default();
    let mut listed: Vec<(EmailAddress, RaterGroup)> = Vec::new();
    for group in RaterGroup::ALL {
        for (n, line) in input.of(group).lines().enumerate() {
            let line = line.trim().trim_end_matches([',', ';']).trim();
            if line.is_empty() {
                continue;
            }
            let say = |m: String| format!("{}, line {}: {m}", group.label(), n + 1);
            let Ok(address) = EmailAddress::parse(line) else {
                errors.add(
                    group.field(),
                    say(format!("\"{line}\" is not an email address")),
                );
                continue;
            };
            if own.as_ref() == Some(&address) {
                errors.add(group.field(), say(format!("{address} is your own address: you answer about yourself with your own link")));
            } else if let Some((_, g)) = listed.iter().find(|(a, _)| *a == address) {
                errors.add(
                    group.field(),
                    say(format!(
                        "{address} is listed twice (also under {})",
                        g.label().to_lowercase()
                    )),
                );
            } else if let Some((_, g)) = already
                .iter()
                .find(|(e, _)| e.eq_ignore_ascii_case(address.as_str()))
            {
                let was = RaterGroup::parse(g).map_or("a rater", |g| g.label());
                errors.add(
                    group.field(),
                    say(format!(
                        "{address} has already been invited ({})",
                        was.to_lowercase()
                    )),
                );
            } else {
                listed.push((address, group));
            }
        }
    }
    if listed.is_empty() && !errors.any() {
        errors.add(
            "peers",
            "Enter the email address of at least one person to ask",
        );
    }
    if errors.any() {
        return Err(Error::Invalid(errors.0));
    }
    let programme = programme_title(&mut tx, &wave.programme_id).await?;
    let mut invited = 0;
    for (address, group) in &listed {
        let token = new_token();
        let who = Invitee {
            person_id: None,
            email: address.as_str(),
            organisation_id: None,
        };
        if !store::invite(
            &mut tx,
            &id.clone(),
            group.as_str(),
            &who,
            &hash_token(&token),
        )
        .await?
        {
            continue;
        }
        invited += 1;
        mail::enqueue(
            &mut tx,
            address.as_str(),
            &rater_email(app, &programme, &wave, viewer, *group, &token),
        )
        .await?;
    }
    actor
        .audit(
            &mut tx,
            "evaluation.feedback360_raters",
            "programme",
            &wave.programme_id,
            &format!("Invited {invited} raters to a 360 feedback round"),
            &viewer.person.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(RatersInvited { invited })
}

/// What a respondent to a 360 round is told about who sees their answers, by their group.
pub fn promise(group: &str, who: &str) -> String {
    match RaterGroup::parse(group) {
        Some(RaterGroup::Manager) => format!(
            "As their manager, your answers are shown to {who} as the manager group's answer: if you are their only manager, {who} will see your answers."
        ),
        Some(_) => format!(
            "Your answers are anonymous: {who} sees them only combined with those of at least 2 others in the same group, never who answered what, and not at all if fewer than 3 answer."
        ),
        None => "These are your own answers about yourself: only you see them, beside the views of the people you asked.".to_owned(),
    }
}

fn rater_email(
    app: &App,
    programme: &str,
    wave: &Wave,
    subject: &Viewer,
    group: RaterGroup,
    token: &str,
) -> ApplicationEmail {
    let who = &subject.person.name;
    let role = match group {
        RaterGroup::Manager => "email-360-role-manager",
        RaterGroup::Peer => "email-360-role-peer",
        RaterGroup::Report => "email-360-role-report",
    };
    let anonymity = match group {
        RaterGroup::Manager => Text::new("email-360-promise-manager").arg("who", who),
        _ => Text::new("email-360-promise-group").arg("who", who),
    };
    ApplicationEmail {
        tenant: app.settings.tenant_name.clone(),
        // No name: the greeting is "Dear colleague" in the rater's language.
        name: String::new(),
        programme: programme.to_owned(),
        headline: Text::new("email-360-asks")
            .arg("who", who)
            .arg("wave", &wave.name),
        lines: vec![
            Text::new("email-360-asked")
                .arg("who", who)
                .arg("email", subject.person.email.as_str())
                .arg("role", Text::new(role))
                .arg("instrument", &wave.instrument_title)
                .arg("programme", programme),
            anonymity,
            Text::new("email-360-rater-open-until").arg(
                "closes",
                Value::last_day(wave.closes_at, crate::DEFAULT_ZONE),
            ),
        ],
        link: format!("{}/respond/{token}", app.settings.base_url()),
        link_label: Text::new("email-360-give-your-view"),
    }
}

// ---------------------------------------------------------------------------------------
// The report.

/// One rater group's mean on one question, or why it is not shown.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GroupMean {
    pub group: RaterGroup,
    pub label: String,
    /// Answers to this question in the group.
    pub answers: u32,
    /// `None` when the group has too few answers to be shown.
    pub mean: Option<f64>,
    /// "Your manager's answer", "The mean of your managers' answers", or why it is hidden.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct QuestionReport {
    pub key: String,
    pub text: String,
    /// The participant's own score, once they have answered about themself.
    pub self_score: Option<f64>,
    pub groups: Vec<GroupMean>,
    /// The mean of every rater in a group that is shown (hidden groups are left out, so
    /// their answers cannot be worked out by subtraction).
    pub others: Option<f64>,
    pub others_answers: u32,
}

/// Free-text answers of one rater group of 3 or more, sorted so their order says nothing.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FreeTextGroup {
    pub key: String,
    pub text: String,
    pub group: RaterGroup,
    pub label: String,
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FeedbackReport {
    /// Whether the raters' figures are shown: only once the round has closed (on its date, or
    /// when the participant closes it), so a mean that moves after one more answer cannot
    /// give that answer away.
    pub released: bool,
    pub id: String,
    pub programme: String,
    pub instrument: String,
    pub self_answered: bool,
    /// Answers received in each rater group.
    pub answered: Vec<GroupProgress>,
    pub questions: Vec<QuestionReport>,
    pub free_text: Vec<FreeTextGroup>,
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| round2(v.iter().sum::<f64>() / v.len() as f64))
}

pub async fn report(app: &App, viewer: &Viewer, id: &Id) -> Result<FeedbackReport, Error> {
    let view = round(app, viewer, id).await?;
    let mut conn = app.store.conn().await?;
    let wave = own_round(&mut conn, viewer, id).await?;
    let row = store::instrument(&mut conn, &wave.instrument_id)
        .await?
        .ok_or(Error::NotFound)?;
    let instrument = load(row)?.instrument;
    let rows = fb::answers_of(&mut conn, &wave.id).await?;
    let mut parsed: Vec<(String, Answers)> = Vec::with_capacity(rows.len());
    for (group, json) in rows {
        parsed.push((group, serde_json::from_str(&json).map_err(Error::internal)?));
    }
    let released = !view.open;
    let mut questions = questions(&instrument, &parsed);
    let mut free_text = free_text(&instrument, &parsed);
    if !released {
        let note = format!(
            "Shown when the round closes on {} or when you close it, so no one's answer can be worked out from a change",
            view.closes_on
        );
        for q in &mut questions {
            q.others = None;
            q.others_answers = 0;
            for g in &mut q.groups {
                g.mean = None;
                g.note = note.clone();
            }
        }
        free_text.clear();
    }
    Ok(FeedbackReport {
        released,
        id: view.id,
        programme: view.programme,
        instrument: view.instrument,
        self_answered: view.self_answered,
        answered: view.groups,
        questions,
        free_text,
    })
}

fn questions(instrument: &Instrument, parsed: &[(String, Answers)]) -> Vec<QuestionReport> {
    instrument
        .scored_questions()
        .into_iter()
        .map(|q| {
            let scores = |group: &str| -> Vec<f64> {
                parsed
                    .iter()
                    .filter(|(g, _)| g == group)
                    .filter_map(|(_, a)| instrument.score(a, &q.key))
                    .collect()
            };
            let mut others = Vec::new();
            let groups = RaterGroup::ALL
                .into_iter()
                .map(|g| {
                    let values = scores(g.as_str());
                    let shown = !values.is_empty() && values.len() >= g.minimum();
                    let count = |id: &str, n: usize| {
                        revans_i18n::t_args(id, &[("count", revans_i18n::Arg::from(n.to_string()))])
                    };
                    let note = match (g, values.len()) {
                        (_, 0) => revans_i18n::t("fb360-no-answers"),
                        (RaterGroup::Manager, 1) => revans_i18n::t("fb360-manager-answer"),
                        (RaterGroup::Manager, n) => count("fb360-managers-mean", n),
                        (_, n) if n < MIN_RATERS => revans_i18n::t("fb360-hidden"),
                        (_, n) => count("fb360-mean-of", n),
                    };
                    if shown {
                        others.extend_from_slice(&values);
                    }
                    GroupMean {
                        group: g,
                        label: revans_i18n::t(g.message_id()),
                        answers: u32::try_from(values.len()).unwrap_or(0),
                        mean: if shown { mean(&values) } else { None },
                        note,
                    }
                })
                .collect();
            QuestionReport {
                key: q.key.clone(),
                text: q.text.clone(),
                self_score: mean(&scores(SELF)),
                groups,
                others: mean(&others),
                others_answers: u32::try_from(others.len()).unwrap_or(0),
            }
        })
        .collect()
}

fn free_text(instrument: &Instrument, parsed: &[(String, Answers)]) -> Vec<FreeTextGroup> {
    let mut out = Vec::new();
    for q in instrument
        .questions()
        .filter(|q| matches!(q.kind, QuestionKind::FreeText { .. }))
    {
        for g in RaterGroup::ALL {
            let mut texts: Vec<String> = parsed
                .iter()
                .filter(|(group, _)| group == g.as_str())
                .filter_map(|(_, a)| match a.0.get(&q.key) {
                    Some(AnswerValue::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_owned()),
                    _ => None,
                })
                .collect();
            if texts.len() < MIN_RATERS {
                continue;
            }
            texts.sort();
            out.push(FreeTextGroup {
                key: q.key.clone(),
                text: q.text.clone(),
                group: g,
                label: revans_i18n::t(g.message_id()),
                answers: texts,
            });
        }
    }
    out
}

/// Closes the participant's open round now, so its report can be read (no more answers are
/// taken). 409 once it has closed.
pub async fn close_round(app: &App, viewer: &Viewer, id: &Id) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let wave = own_round(&mut tx, viewer, id).await?;
    if !fb::close_round(&mut tx, &wave.id, crate::now_ms()).await? {
        return Err(Error::Conflict("This round has already closed".into()));
    }
    revans_storage::commit(tx).await?;
    Ok(())
}
