//! Mentors (C6): people who completed an earlier cohort of a programme (or of one leading on
//! to it) are offered as mentors to the next; the lead records a pairing, and both see it.

use revans_domain::{CompletionRule, Id};
use revans_storage::{cohorts, mentors};

use crate::sets::formation_rules::cohort_for_admin;
use crate::{Actor, App, Error, Viewer};

/// What the lead's mentoring page for a cohort shows.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct CohortMentoring {
    pub cohort_id: String,
    pub cohort: String,
    /// People who completed an earlier cohort, each once (their latest such cohort).
    pub mentors: Vec<MentorCandidate>,
    /// People in the cohort's sets now.
    pub mentees: Vec<MentoringPerson>,
    pub pairings: Vec<PairingView>,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct MentorCandidate {
    pub person_id: String,
    pub name: String,
    /// The cohort they completed.
    pub completed: String,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct MentoringPerson {
    pub person_id: String,
    pub name: String,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PairingView {
    pub mentor_id: String,
    pub mentor: String,
    pub mentee_id: String,
    pub mentee: String,
    pub cohort: String,
    pub programme: String,
}

impl From<mentors::Pairing> for PairingView {
    fn from(p: mentors::Pairing) -> Self {
        PairingView {
            mentor_id: p.mentor_id,
            mentor: p.mentor_name,
            mentee_id: p.mentee_id,
            mentee: p.mentee_name,
            cohort: p.cohort_name,
            programme: p.programme_title,
        }
    }
}

/// Completed candidates, each once, with the cohort they completed (the first found).
async fn completed(
    conn: &mut revans_storage::Conn,
    cohort: &Id,
) -> Result<Vec<(MentorCandidate, Id)>, Error> {
    let mut out: Vec<(MentorCandidate, Id)> = Vec::new();
    for c in mentors::candidates(conn, cohort).await? {
        let rule = CompletionRule::from_parts(&c.completion_rule, c.completion_minimum)
            .unwrap_or(CompletionRule::AllSessions);
        let sessions = u32::try_from(c.meetings).unwrap_or(0);
        let present = u32::try_from(c.present).unwrap_or(0);
        if sessions > 0
            && rule.is_complete(present, sessions)
            && !out.iter().any(|(m, _)| m.person_id == c.person_id)
        {
            out.push((
                MentorCandidate {
                    person_id: c.person_id,
                    name: c.name,
                    completed: c.cohort_name,
                },
                Id::from_trusted(c.cohort_id),
            ));
        }
    }
    Ok(out)
}

pub async fn cohort_mentoring(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
) -> Result<CohortMentoring, Error> {
    let mut conn = app.store.conn().await?;
    cohort_for_admin(&mut conn, actor, cohort).await?;
    let c = cohorts::get(&mut conn, cohort)
        .await?
        .ok_or(Error::NotFound)?;
    let mentors_list = completed(&mut conn, cohort)
        .await?
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    let mentees = mentors::mentees(&mut conn, cohort)
        .await?
        .into_iter()
        .map(|(id, name)| MentoringPerson {
            person_id: id.to_string(),
            name,
        })
        .collect();
    let pairings = mentors::of_cohort(&mut conn, cohort)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(CohortMentoring {
        cohort_id: c.id.to_string(),
        cohort: c.name,
        mentors: mentors_list,
        mentees,
        pairings,
    })
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PairInput {
    pub mentor: String,
    pub mentee: String,
}

/// Records a pairing in the cohort; false when it was recorded already.
pub async fn pair(
    app: &App,
    actor: &Actor<'_>,
    cohort: &Id,
    input: &PairInput,
) -> Result<bool, Error> {
    let mut tx = app.store.begin().await?;
    let (tenant, _) = cohort_for_admin(&mut tx, actor, cohort).await?;
    let candidates = completed(&mut tx, cohort).await?;
    let mentees = mentors::mentees(&mut tx, cohort).await?;
    let mut errors = Vec::new();
    let mentor = candidates
        .iter()
        .find(|(m, _)| m.person_id == input.mentor.trim());
    let mentee = mentees
        .iter()
        .find(|(id, _)| id.as_str() == input.mentee.trim());
    if mentor.is_none() {
        errors.push(revans_domain::FieldError {
            field: "mentor".into(),
            message: "Select a mentor from those who completed an earlier cohort".into(),
        });
    }
    if mentee.is_none() {
        errors.push(revans_domain::FieldError {
            field: "mentee".into(),
            message: "Select a mentee from the people in this cohort's sets".into(),
        });
    }
    let (Some((mentor, from)), Some((mentee, mentee_name))) = (mentor, mentee) else {
        return Err(Error::Invalid(errors));
    };
    let mentor_id = Id::from_trusted(mentor.person_id.clone());
    if &mentor_id == mentee {
        return Err(Error::field("mentee", "A person cannot mentor themself"));
    }
    let added = mentors::pair(
        &mut tx,
        &mentor_id,
        mentee,
        cohort,
        from,
        &actor.viewer.person.id,
    )
    .await?;
    if added {
        let detail = format!("Paired {} as mentor of {mentee_name}", mentor.name);
        actor
            .audit(
                &mut tx,
                "mentors.paired",
                "cohort",
                cohort.as_str(),
                &detail,
                &tenant,
            )
            .await?;
    }
    revans_storage::commit(tx).await?;
    Ok(added)
}

/// A pairing as one of the two sees it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct MyPairing {
    /// `mentor` (you mentor them) or `mentee` (they mentor you).
    pub role: String,
    pub other: String,
    pub other_email: String,
    pub cohort: String,
    pub programme: String,
}

/// The viewer's pairings, as mentor or mentee.
pub async fn my_pairings(app: &App, viewer: &Viewer) -> Result<Vec<MyPairing>, Error> {
    let mut conn = app.store.conn().await?;
    let me = viewer.person.id.as_str();
    Ok(mentors::of_person(&mut conn, &viewer.person.id)
        .await?
        .into_iter()
        .map(|p| {
            let mentoring = p.mentor_id == me;
            MyPairing {
                role: if mentoring { "mentor" } else { "mentee" }.into(),
                other: if mentoring {
                    p.mentee_name
                } else {
                    p.mentor_name
                },
                other_email: if mentoring {
                    p.mentee_email
                } else {
                    p.mentor_email
                },
                cohort: p.cohort_name,
                programme: p.programme_title,
            }
        })
        .collect())
}
