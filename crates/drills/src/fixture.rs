//! What the load needs, made directly in the database once the demo has seeded it: API tokens
//! for the demo's participant and programme lead, and applicants holding open offers (each with
//! a token) so the load can accept places.

use anyhow::Context;
use revans_app::security::{hash_token, new_token};
use revans_domain::{ApplicationState, Capacity, EmailAddress, Id, PersonName, TokenName};
use revans_storage::applications::{self, NewApplication};
use revans_storage::{Store, api_tokens, cohorts, now_ms, people, programmes};

pub const PARTICIPANT: &str = "participant@harbour-trust.example";
pub const ADMIN: &str = "lead@northcoast-ics.example";

pub struct Applicant {
    pub application_id: String,
    pub token: String,
}

pub struct Fixture {
    pub participant_id: Id,
    pub participant_token: String,
    pub admin_token: String,
    pub admin_organisation: String,
    /// Applicants with open offers, not yet used by the load.
    pub applicants: Vec<Applicant>,
}

async fn token_for(tx: &mut revans_storage::Tx, person: &Id) -> anyhow::Result<String> {
    let token = new_token();
    api_tokens::insert(
        tx,
        person,
        &TokenName::parse("drill").map_err(|e| anyhow::anyhow!("{e:?}"))?,
        &hash_token(&token),
        now_ms() + 86_400_000,
    )
    .await?;
    Ok(token)
}

async fn person(tx: &mut revans_storage::Tx, email: &str) -> anyhow::Result<people::Person> {
    let email = EmailAddress::parse(email).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(people::find_by_email(tx, &email)
        .await?
        .with_context(|| format!("the demo has no {}", email.as_str()))?
        .0)
}

pub async fn make(database_url: &str, applicants: usize) -> anyhow::Result<Fixture> {
    let store = Store::connect(database_url, 1).await?;
    let mut tx = store.begin().await?;
    let participant = person(&mut tx, PARTICIPANT).await?;
    let admin = person(&mut tx, ADMIN).await?;
    let participant_token = token_for(&mut tx, &participant.id).await?;
    let admin_token = token_for(&mut tx, &admin.id).await?;
    let programme = programmes::list_published(&mut tx)
        .await?
        .into_iter()
        .next()
        .context("the demo has no published programme")?;
    let cohort = cohorts::list_for_programme(&mut tx, &programme.id)
        .await?
        .into_iter()
        .next()
        .context("the demo programme has no cohort")?;
    // Room for every accept: this drill is about durability, not about a full cohort.
    cohorts::set_capacity(
        &mut tx,
        &cohort.id,
        Capacity::new(Capacity::MAX.into()).map_err(|e| anyhow::anyhow!("{e:?}"))?,
    )
    .await?;
    let mut out = Vec::new();
    let stamp = now_ms();
    for n in 0..applicants {
        let email = EmailAddress::parse(&format!("drill{stamp}x{n}@harbour-trust.example"))
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let name = PersonName::parse(&format!("Drill Applicant {n}"))
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let id = people::insert(&mut tx, &participant.organisation_id, &email, &name).await?;
        let application = applications::insert(
            &mut tx,
            &NewApplication {
                programme_id: &programme.id,
                person_id: &id,
                organisation_id: &participant.organisation_id,
                state: ApplicationState::Submitted,
                answers: &["drill".into()],
                confirmed_statements: true,
                preferences: std::slice::from_ref(&cohort.id),
                nominated_by: None,
            },
        )
        .await?;
        applications::approve(&mut tx, &application, false).await?;
        applications::offer(
            &mut tx,
            &application,
            ApplicationState::Approved,
            &cohort.id,
            now_ms() + 86_400_000,
        )
        .await?;
        out.push(Applicant {
            application_id: application.to_string(),
            token: token_for(&mut tx, &id).await?,
        });
    }
    revans_storage::commit(tx).await?;
    store.close().await;
    Ok(Fixture {
        participant_id: participant.id,
        participant_token,
        admin_token,
        admin_organisation: admin.organisation_id.to_string(),
        applicants: out,
    })
}
