//! A facilitator's profile: the read model every face shows (background, qualifications, sets
//! and circles run, supervision hours), and saving the background they write.

use revans_domain::facilitator_profile::{
    Languages, OnlineConfidence, hours_text, parse_training, parse_years,
};
use revans_domain::{FieldErrors, Id};
use revans_i18n::when_in;
use revans_storage::{facilitator_profiles as profiles, people, supervision_log};

use super::access::{may_read, own_region, require_facilitator};
use crate::{Actor, App, Error, Viewer};

/// Everything the profile page shows.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct FacilitatorProfile {
    pub person_id: String,
    pub name: String,
    pub organisation: String,
    /// Whether the viewer is the facilitator (and may change it).
    pub own: bool,
    /// Empty until the facilitator first saves their background.
    pub background: Option<Background>,
    pub qualifications: Vec<QualificationView>,
    /// Sets and circles they facilitated, from the records.
    pub ran: Vec<RanView>,
    pub supervision: SupervisionTotals,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Background {
    pub years_facilitating: i64,
    /// `not_yet`, `somewhat`, `confident` or `very_confident`.
    pub online_confidence: String,
    #[serde(skip)]
    pub online_confidence_label: String,
    /// Lower-case language codes.
    pub languages: Vec<String>,
    pub training_history: String,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct QualificationView {
    pub id: String,
    pub name: String,
    pub level: String,
    /// `YYYY-MM-DD`.
    pub awarded_on: String,
    pub expires_on: Option<String>,
    pub evidence: String,
    /// The cohort whose completion awarded it; such a qualification is not typed and cannot be
    /// changed by its holder.
    pub awarded_for_cohort: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RanView {
    /// `set` or `circle`.
    pub kind: String,
    pub id: String,
    pub name: String,
    /// The cohort and programme of a set, or the status of a circle.
    pub context: String,
    /// When it first met, in the viewer's zone.
    pub starts: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SupervisionTotals {
    pub logged_minutes: i64,
    pub group_minutes: i64,
    /// Total supervised hours, like `3.5`.
    pub total_hours: String,
    pub sessions_logged: i64,
}

/// The profile of `person` (the viewer's own, or one a lead of their region reads).
pub async fn profile_of(
    app: &App,
    viewer: &Viewer,
    person: &Id,
) -> Result<FacilitatorProfile, Error> {
    let mut conn = app.store.conn().await?;
    may_read(&mut conn, viewer, person).await?;
    let who = people::get(&mut conn, person)
        .await?
        .ok_or(Error::NotFound)?;
    let background = profiles::get(&mut conn, person).await?.map(|p| {
        let confidence = OnlineConfidence::parse(&p.online_confidence).ok();
        Background {
            years_facilitating: p.years_facilitating,
            online_confidence: p.online_confidence,
            online_confidence_label: confidence
                .map(|c| revans_i18n::t(c.message_id()))
                .unwrap_or_default(),
            languages: p
                .languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            training_history: p.training_history,
        }
    });
    let qualifications = profiles::qualifications(&mut conn, person)
        .await?
        .into_iter()
        .map(|q| QualificationView {
            id: q.id.to_string(),
            name: q.name,
            level: q.level,
            awarded_on: q.awarded_on,
            expires_on: q.expires_on,
            evidence: q.evidence,
            awarded_for_cohort: q.cohort_id.map(|_| q.cohort_name.unwrap_or_default()),
        })
        .collect();
    let zone = viewer.timezone().to_owned();
    let ran = profiles::ran(&mut conn, person)
        .await?
        .into_iter()
        .map(|r| RanView {
            kind: r.kind,
            id: r.id,
            name: r.name,
            context: r.context,
            starts: r.starts_at.map(|t| when_in(t, &zone)),
        })
        .collect();
    let hours = supervision_log::hours_of(&mut conn, person).await?;
    let (logged, group, sessions) = hours
        .map(|h| (h.logged_minutes, h.group_minutes, h.sessions))
        .unwrap_or_default();
    Ok(FacilitatorProfile {
        person_id: who.id.to_string(),
        name: who.name,
        organisation: who.organisation_name,
        own: &viewer.person.id == person,
        background,
        qualifications,
        ran,
        supervision: SupervisionTotals {
            logged_minutes: logged,
            group_minutes: group,
            total_hours: hours_text(logged + group),
            sessions_logged: sessions,
        },
    })
}

/// The viewer's own profile (facilitators only).
pub async fn own_profile(app: &App, viewer: &Viewer) -> Result<FacilitatorProfile, Error> {
    require_facilitator(viewer)?;
    profile_of(app, viewer, &viewer.person.id).await
}

/// What a facilitator writes about their background, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct BackgroundInput {
    pub years_facilitating: String,
    pub online_confidence: String,
    pub languages: String,
    pub training_history: String,
}

/// Saves the viewer's background, naming every field at fault at once.
pub async fn save_background(
    app: &App,
    actor: &Actor<'_>,
    input: &BackgroundInput,
) -> Result<(), Error> {
    require_facilitator(actor.viewer)?;
    let mut e = FieldErrors::default();
    let years = e.take(parse_years(&input.years_facilitating));
    let confidence = e.take(OnlineConfidence::parse(&input.online_confidence));
    let languages = e.take(Languages::parse(&input.languages));
    let training = e.take(parse_training(&input.training_history));
    let (Some(years), Some(confidence), Some(languages), Some(training)) =
        (years, confidence, languages, training)
    else {
        return Err(Error::Invalid(e.0));
    };
    let mut tx = app.store.begin().await?;
    let me = &actor.viewer.person.id;
    profiles::save(
        &mut tx,
        me,
        years,
        confidence.as_str(),
        &languages.stored(),
        &training,
    )
    .await?;
    let region = own_region(&mut tx, actor.viewer).await?;
    actor
        .audit(
            &mut tx,
            "facilitator.background",
            "person",
            me.as_str(),
            "Saved their facilitator background",
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}
