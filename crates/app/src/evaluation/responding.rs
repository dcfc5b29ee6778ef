//! Answering by link: a respondent needs no account. The link's token opens their invitation;
//! they may save a draft and come back, then submit once. A submitted response is stored apart
//! from the invitation as the wave's anonymity allows (see migration 0019).

use revans_domain::FieldError;
use revans_domain::evaluation::{Answers, Instrument};
use revans_i18n::last_day;
use revans_storage::evaluation::{self as store, Invitation, NewResponse, Wave};

use super::instruments::load;
use super::plan::Anonymity;
use crate::security::hash_token;
use crate::{App, DEFAULT_ZONE, Error};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotOpenYet,
    Open,
    Closed,
    Submitted,
}

/// What the answering page shows: the questions and the respondent's own saved answers.
pub struct Questionnaire {
    pub wave: String,
    pub programme: String,
    pub instrument: Instrument,
    pub answers: Answers,
    pub status: Status,
    pub anonymity: Anonymity,
    pub opens_on: String,
    pub closes_on: String,
    /// RFC 3339.
    pub closes_at: String,
    /// For a 360 feedback round: what this rater is told about who sees their answers.
    pub feedback360: Option<String>,
}

async fn find(conn: &mut revans_storage::Conn, token: &str) -> Result<(Invitation, Wave), Error> {
    let invitation = store::invitation_by_token(conn, &hash_token(token.trim()))
        .await?
        .ok_or(Error::NotFound)?;
    let wave = store::wave(conn, &invitation.wave_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((invitation, wave))
}

fn status(invitation: &Invitation, wave: &Wave, now: i64) -> Status {
    if invitation.responded_at.is_some() {
        Status::Submitted
    } else if now < wave.opens_at {
        Status::NotOpenYet
    } else if now >= wave.closes_at {
        Status::Closed
    } else {
        Status::Open
    }
}

pub async fn open(app: &App, token: &str) -> Result<Questionnaire, Error> {
    let mut conn = app.store.conn().await?;
    let (invitation, wave) = find(&mut conn, token).await?;
    let instrument = store::instrument(&mut conn, &wave.instrument_id)
        .await?
        .ok_or(Error::NotFound)?;
    let programme = revans_storage::programmes::get(
        &mut conn,
        &revans_domain::Id::from_trusted(wave.programme_id.clone()),
    )
    .await?
    .ok_or(Error::NotFound)?;
    let answers = match &invitation.draft {
        Some(json) => serde_json::from_str(json).map_err(Error::internal)?,
        None => Answers::default(),
    };
    let feedback360 = match &wave.subject_person_id {
        Some(subject) => {
            let name = revans_storage::people::get(
                &mut conn,
                &revans_domain::Id::from_trusted(subject.clone()),
            )
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
            Some(super::feedback360::promise(
                &invitation.respondent_group,
                &name,
            ))
        }
        None => None,
    };
    Ok(Questionnaire {
        feedback360,
        status: status(&invitation, &wave, crate::now_ms()),
        wave: wave.name.clone(),
        programme: programme.fields.title.clone(),
        instrument: load(instrument)?.instrument,
        answers,
        anonymity: Anonymity::parse(&wave.anonymity).unwrap_or(Anonymity::Anonymous),
        opens_on: last_day(wave.opens_at + 1, DEFAULT_ZONE),
        closes_on: last_day(wave.closes_at, DEFAULT_ZONE),
        closes_at: super::plan::rfc3339(wave.closes_at),
    })
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Saved {
    Draft,
    Submitted,
}

pub struct Answering {
    pub answers: Answers,
    /// Free-text answers may be shown (in groups of 8 or more) to evaluators.
    pub free_text_consent: bool,
    pub submit: bool,
}

/// Reads an HTML form into answers with the invitation's instrument; `Err` names each field
/// that could not be read.
pub async fn answers_from_form(
    app: &App,
    token: &str,
    fields: &[(String, String)],
) -> Result<Answers, Error> {
    let q = open(app, token).await?;
    let (answers, errors) = q.instrument.answers_from_form(fields);
    if errors.any() {
        return Err(Error::Invalid(errors.0));
    }
    Ok(answers)
}

/// Saves a draft or submits. Bad answers change nothing and name each field.
pub async fn save(app: &App, token: &str, input: Answering) -> Result<Saved, Error> {
    let mut tx = app.store.begin().await?;
    let (invitation, wave) = find(&mut tx, token).await?;
    match status(&invitation, &wave, crate::now_ms()) {
        Status::Open => {}
        Status::Submitted => {
            return Err(Error::Conflict(
                "You have already sent your answers; thank you".into(),
            ));
        }
        Status::NotOpenYet => {
            return Err(Error::Conflict(format!(
                "This questionnaire opens on {}",
                last_day(wave.opens_at + 1, DEFAULT_ZONE)
            )));
        }
        Status::Closed => return Err(Error::Conflict("This questionnaire has closed".into())),
    }
    let row = store::instrument(&mut tx, &wave.instrument_id)
        .await?
        .ok_or(Error::NotFound)?;
    let instrument = load(row)?.instrument;
    instrument
        .check_answers(&input.answers, input.submit)
        .map_err(|e| {
            Error::Invalid(
                e.0.into_iter()
                    .map(|f| FieldError {
                        field: f.field,
                        message: f.message,
                    })
                    .collect(),
            )
        })?;
    let json = serde_json::to_string(&input.answers).map_err(Error::internal)?;
    if !input.submit {
        store::save_draft(&mut tx, &invitation.id, &json).await?;
        revans_storage::commit(tx).await?;
        return Ok(Saved::Draft);
    }
    if !store::mark_responded(&mut tx, &invitation.id).await? {
        return Err(Error::Conflict(
            "You have already sent your answers; thank you".into(),
        ));
    }
    let anonymity = Anonymity::parse(&wave.anonymity).unwrap_or(Anonymity::Anonymous);
    let pseudonym = match anonymity {
        Anonymity::Anonymous => None,
        _ => {
            let key = store::pseudonym_key(
                &mut tx,
                &revans_domain::Id::from_trusted(wave.programme_id.clone()),
                &crate::security::new_token(),
            )
            .await?;
            Some(pseudonym(
                &key,
                invitation.person_id.as_deref(),
                &invitation.email,
            ))
        }
    };
    let now = crate::now_ms();
    store::insert_response(
        &mut tx,
        NewResponse {
            wave_id: &wave.id,
            invitation_id: (anonymity == Anonymity::Named).then_some(invitation.id.as_str()),
            pseudonym: pseudonym.as_deref(),
            respondent_group: &invitation.respondent_group,
            organisation_id: invitation.organisation_id.as_deref(),
            answers: &json,
            free_text_consent: input.free_text_consent,
            submitted_on: now - now.rem_euclid(86_400_000),
        },
    )
    .await?;
    revans_storage::commit(tx).await?;
    Ok(Saved::Submitted)
}

/// The same person's code in every wave of a programme: a hash of the programme's secret key
/// and who they are (their account, or their address when they have none). Nobody who reads
/// results sees the key.
pub(crate) fn pseudonym(key: &str, person: Option<&str>, email: &str) -> String {
    let identity = match person {
        Some(person) => format!("person:{person}"),
        None => format!("email:{}", email.to_lowercase()),
    };
    hash_token(&format!("{key}:{identity}"))
}
