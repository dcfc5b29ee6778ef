//! Applications, nominations and places (C2): applying (drafts saved), sponsors approving
//! their own staff within caps, the programme lead's decisions, allocation, and the
//! applicant's answer to an offer. Each runs in one transaction with its audit entry and emails.

use revans_domain::{
    ApplicationState, Candidate, Cap, CohortPlaces, Event, Id, Order, OrgTree, ProgrammeStatus,
    Role, allocate, bounded, check_caps,
};
use revans_storage::applications::{
    self, AcceptOutcome, Application, CapacityCheck, NewApplication,
};
use revans_storage::programmes::{self, Programme};
use revans_storage::{Conn, cohorts, now_ms, organisations};

use super::programmes::load_for_admin;
use crate::Actor;
use crate::App;
use crate::Error;
use crate::mail::{self, ApplicationEmail, Text, Value};
use revans_domain::FieldErrors;

/// The application form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ApplyInput {
    /// Indexes (from 0) of the eligibility statements confirmed.
    pub eligibility: Vec<String>,
    /// Indexes (from 0) of the confirmations given.
    pub confirmations: Vec<String>,
    /// Answers to the programme's questions, in order.
    pub answers: Vec<String>,
    /// Cohort ids, first choice first. Blank entries are ignored.
    pub preferences: Vec<String>,
    /// "save" keeps a draft; anything else submits.
    pub action: String,
}

fn all_indexes(given: &[String], count: usize) -> bool {
    (0..count).all(|i| given.iter().any(|g| g.trim() == i.to_string()))
}

/// Checks a transition the state machine allows, as a conflict the person can read.
fn check(state: ApplicationState, event: Event) -> Result<ApplicationState, Error> {
    state
        .apply(event)
        .map_err(|e| Error::Conflict(e.to_string()))
}

async fn published(conn: &mut Conn, id: &Id) -> Result<Programme, Error> {
    match programmes::get(conn, id).await? {
        Some(p) if p.status != ProgrammeStatus::Draft => Ok(p),
        _ => Err(Error::NotFound),
    }
}

/// An application's input after every check: what would be saved.
pub(crate) struct Checked {
    pub programme: Programme,
    pub existing: Option<Application>,
    pub answers: Vec<String>,
    /// Cohorts, first choice first.
    pub preferences: Vec<Id>,
    pub eligible: bool,
    pub confirmed: bool,
    /// Every cohort of the programme, to name the preferences.
    pub cohorts: Vec<revans_storage::cohorts::Cohort>,
}

/// Checks an application as `apply` would (as a submission when `submit`), changing nothing:
/// the programme is open, the person has not applied already, every answer is given and valid,
/// and (for a submission) the organisation's nomination cap has room.
pub(crate) async fn check_input(
    conn: &mut Conn,
    actor: &Actor<'_>,
    programme_id: &Id,
    input: &ApplyInput,
    submit: bool,
) -> Result<Checked, Error> {
    let now = now_ms();
    let programme = published(conn, programme_id).await?;
    let f = &programme.fields;
    let cohorts = cohorts::list_for_programme(conn, programme_id).await?;
    let mut e = FieldErrors::default();
    if programme.status == ProgrammeStatus::Closed || !cohorts.iter().any(|c| c.is_open(now)) {
        return Err(Error::field(
            "preferences",
            "Applications for this programme are closed",
        ));
    }
    let existing =
        applications::find_for_person(conn, programme_id, &actor.viewer.person.id).await?;
    if let Some(a) = &existing
        && a.state != ApplicationState::Draft
    {
        return Err(Error::field(
            "programme",
            format!(
                "You have already applied for {} (status: {})",
                f.title,
                a.state.label().to_lowercase()
            ),
        ));
    }
    let mut preferences: Vec<Id> = Vec::new();
    for raw in input
        .preferences
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
    {
        let Some(cohort) = cohorts.iter().find(|c| c.id.as_str() == raw) else {
            e.add("preferences", "Choose only cohorts of this programme");
            break;
        };
        if !cohort.is_open(now) {
            e.add(
                "preferences",
                format!(
                    "Applications for {} are closed; choose another cohort",
                    cohort.name
                ),
            );
            break;
        }
        if !preferences.contains(&cohort.id) {
            preferences.push(cohort.id.clone());
        }
    }
    let mut answers = Vec::new();
    for (i, line) in f.questions.iter().enumerate() {
        let q = revans_domain::Question::from_line(line);
        let raw = input.answers.get(i).map(String::as_str).unwrap_or_default();
        match bounded(raw, "answers", "Each answer", 5_000) {
            Ok(a) if a.is_empty() && submit => {
                e.add("answers", format!("Answer the question: {}", q.text()))
            }
            Ok(a) => match q.check_answer(&a) {
                Ok(()) => answers.push(a),
                Err(err) => e.add(err.field, err.message),
            },
            Err(err) => e.add(err.field, err.message),
        }
    }
    let eligible = all_indexes(&input.eligibility, f.eligibility.len());
    let confirmed = all_indexes(&input.confirmations, f.confirmations.len());
    if submit {
        if !eligible {
            e.add(
                "eligibility",
                "Confirm that you meet every eligibility statement",
            );
        }
        if !confirmed {
            e.add(
                "confirmations",
                "Give every confirmation the programme asks for",
            );
        }
        if preferences.is_empty() {
            e.add("preferences", "Choose at least one cohort");
        }
    }
    if e.any() {
        return Err(Error::Invalid(e.0));
    }
    if submit {
        let org = actor.viewer.person.organisation_id.clone();
        check_nomination_caps(conn, &programme, &org).await?;
    }
    Ok(Checked {
        programme,
        existing,
        answers,
        preferences,
        eligible,
        confirmed,
        cohorts,
    })
}

/// Saves a draft or submits an application. Returns the application id.
pub async fn apply(
    state: &App,
    actor: &Actor<'_>,
    programme_id: &Id,
    input: &ApplyInput,
) -> Result<Id, Error> {
    let submit = input.action != "save";
    let mut tx = state.store.begin().await?;
    let Checked {
        programme,
        existing,
        answers,
        preferences,
        eligible,
        confirmed,
        ..
    } = check_input(&mut tx, actor, programme_id, input, submit).await?;
    let f = &programme.fields;
    let org = actor.viewer.person.organisation_id.clone();
    let nominated_by = existing.as_ref().and_then(|a| a.nominated_by.clone());
    let new = NewApplication {
        programme_id,
        person_id: &actor.viewer.person.id,
        organisation_id: &org,
        state: if submit {
            ApplicationState::Submitted
        } else {
            ApplicationState::Draft
        },
        answers: &answers,
        confirmed_statements: eligible && confirmed,
        preferences: &preferences,
        // A sponsor's nomination survives the applicant completing the form.
        nominated_by: nominated_by.as_ref(),
    };
    let id = match existing {
        Some(a) => {
            if !applications::update_draft(&mut tx, &a.id, &new).await? {
                return Err(Error::Conflict(
                    "This application has changed; reload the page".into(),
                ));
            }
            a.id
        }
        None => applications::insert(&mut tx, &new).await?,
    };
    if submit && let Some(sponsor) = &nominated_by {
        // Nominated by their sponsor: the sponsor's approval is already given.
        applications::approve_as_sponsor(&mut tx, &id, sponsor).await?;
    }
    let (action, detail) = if submit {
        (
            "application.submitted",
            format!("{} applied for {}", actor.viewer.person.name, f.title),
        )
    } else {
        (
            "application.draft_saved",
            format!(
                "{} saved a draft application for {}",
                actor.viewer.person.name, f.title
            ),
        )
    };
    actor
        .audit(
            &mut tx,
            action,
            "application",
            id.as_str(),
            &detail,
            &programme.organisation_id,
        )
        .await?;
    if submit {
        let next = if f.requires_sponsor_approval {
            "email-application-next-sponsor"
        } else {
            "email-application-next-review"
        };
        email(
            state,
            &mut tx,
            &actor.viewer.person.email,
            &actor.viewer.person.name,
            f,
            Text::new("email-application-received"),
            vec![Text::new(next)],
            None,
        )
        .await?;
    }
    revans_storage::commit(tx).await?;
    Ok(id)
}

async fn check_nomination_caps(
    conn: &mut Conn,
    programme: &Programme,
    org: &Id,
) -> Result<(), Error> {
    let caps: Vec<Cap> = programmes::caps(conn, &programme.id)
        .await?
        .into_iter()
        .map(|c| Cap {
            organisation_id: c.organisation_id,
            organisation_name: c.organisation_name,
            limit: u32::try_from(c.cap).unwrap_or(0),
        })
        .collect();
    if caps.is_empty() {
        return Ok(());
    }
    let tree = OrgTree::new(
        organisations::list_all(conn)
            .await?
            .into_iter()
            .map(|o| (o.id, o.parent_id)),
    );
    let holders = applications::holders(conn, &programme.id).await?;
    check_caps(&tree, &caps, org, &holders).map_err(|e| Error::field("programme", e.message()))
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn email(
    state: &App,
    conn: &mut Conn,
    to: &str,
    name: &str,
    programme: &revans_storage::programmes::ProgrammeFields,
    headline: Text,
    lines: Vec<Text>,
    attachment: Option<mail::Attachment>,
) -> Result<(), Error> {
    let message = ApplicationEmail {
        tenant: state.settings.tenant_name.clone(),
        name: name.to_owned(),
        programme: programme.title.clone(),
        headline,
        lines,
        link: format!("{}/applications", state.settings.base_url()),
        link_label: Text::new("email-see-applications"),
    };
    mail::enqueue_with_attachment(conn, to, &message, attachment).await
}

/// Whether the viewer is a sponsor of an organisation at or above `org`.
/// Every organisation the actor sponsors: their sponsor roles' organisations and those below.
/// The queries depend only on the actor, never on whom they ask about.
pub(crate) async fn sponsored_organisations(
    conn: &mut Conn,
    actor: &Actor<'_>,
) -> Result<Vec<Id>, Error> {
    let roots: Vec<Id> = actor
        .viewer
        .roles
        .iter()
        .filter(|g| g.role == Role::Sponsor)
        .map(|g| g.organisation_id.clone())
        .collect();
    let mut all = Vec::new();
    for root in roots {
        for o in organisations::tree(conn, &root).await? {
            if !all.contains(&o.id) {
                all.push(o.id);
            }
        }
    }
    Ok(all)
}

/// What a sponsor is told for an address they cannot nominate, whether it has no account or
/// belongs to someone outside their organisations: the same words, so that neither whether
/// an account exists nor whose it is can be learned from it.
pub const CANNOT_NOMINATE: &str = "You cannot nominate this email address. Check it is the address of someone in an organisation you sponsor; if they do not have an account yet, ask your programme lead to invite them.";

/// A sponsor approves a submitted application from their own organisation.
pub async fn sponsor_approve(state: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    super::sponsor_decisions::sponsor_decide(
        state,
        actor,
        id,
        super::sponsor_decisions::SponsorDecision::Approve,
        "",
    )
    .await
}

/// The programme lead approves or rejects (with a reason) several applications at once.
pub async fn decide(
    state: &App,
    actor: &Actor<'_>,
    programme_id: &Id,
    ids: &[String],
    decision: &str,
    reason: &str,
) -> Result<usize, Error> {
    let mut tx = state.store.begin().await?;
    let programme = load_for_admin(&mut tx, actor, programme_id).await?;
    let reason = bounded(reason, "reason", "The reason", 2_000)?;
    if ids.is_empty() {
        return Err(Error::field(
            "applications",
            "Select at least one application",
        ));
    }
    if decision == "reject" && reason.is_empty() {
        return Err(Error::field(
            "reason",
            "Enter the reason, which is sent to the applicant",
        ));
    }
    if decision != "approve" && decision != "reject" {
        return Err(Error::field("decision", "Choose approve or reject"));
    }
    let mut done = 0;
    for raw in ids {
        let id = Id::parse(raw.trim()).ok_or(Error::NotFound)?;
        let a = applications::get(&mut tx, &id)
            .await?
            .ok_or(Error::NotFound)?;
        if a.programme_id != programme.id || a.state == ApplicationState::Draft {
            return Err(Error::NotFound);
        }
        if decision == "approve" {
            check(a.state, Event::Approve)?;
            if programme.fields.requires_sponsor_approval && a.sponsor_approved_at.is_none() {
                return Err(Error::Conflict(format!(
                    "{}'s application is waiting for their sponsor's approval",
                    a.person_name
                )));
            }
            applications::approve(&mut tx, &id, false).await?;
            actor
                .audit(
                    &mut tx,
                    "application.approved",
                    "application",
                    id.as_str(),
                    &format!("Approved {}'s application", a.person_name),
                    &programme.organisation_id,
                )
                .await?;
        } else {
            check(a.state, Event::Reject)?;
            applications::reject(&mut tx, &id, a.state, &reason).await?;
            actor
                .audit(
                    &mut tx,
                    "application.rejected",
                    "application",
                    id.as_str(),
                    &format!("Did not accept {}'s application", a.person_name),
                    &programme.organisation_id,
                )
                .await?;
            email(
                state,
                &mut tx,
                &a.person_email,
                &a.person_name,
                &programme.fields,
                Text::new("email-application-unsuccessful"),
                vec![Text::new("email-reason-given").arg("reason", &reason)],
                None,
            )
            .await?;
        }
        done += 1;
    }
    revans_storage::commit(tx).await?;
    Ok(done)
}

/// Offers free places of `cohort_id` to the waiting list, in order. Free means capacity less
/// confirmed places and open offers.
pub(crate) async fn offer_waiting(
    state: &App,
    conn: &mut Conn,
    programme: &Programme,
    cohort_id: &Id,
) -> Result<(), Error> {
    let Some(cohort) = cohorts::get(conn, cohort_id).await? else {
        return Ok(());
    };
    let (offers, _) = applications::cohort_counts(conn, cohort_id).await?;
    let mut free = cohort.capacity - cohort.confirmed - offers;
    let expires = now_ms() + programme.fields.offer_valid_days * 86_400_000;
    let mut offered = 0;
    let mut missed = 0;
    while free > 0 {
        let Some(next) = applications::next_in_line(conn, cohort_id).await? else {
            break;
        };
        if !applications::offer(
            conn,
            &next,
            ApplicationState::Waitlisted,
            cohort_id,
            expires,
        )
        .await?
        {
            // Someone else's transaction offered this person the place first (PostgreSQL,
            // read committed): ask again for the next in line, a bounded number of times.
            missed += 1;
            if missed > 100 {
                break;
            }
            continue;
        }
        if let Some(a) = applications::get(conn, &next).await? {
            offer_email(
                state,
                conn,
                programme,
                &a,
                (&cohort.name, &cohort.timezone),
                expires,
            )
            .await?;
        }
        free -= 1;
        offered += 1;
    }
    // Everyone still waiting has moved up: tell them where they are now.
    if offered > 0 {
        for (i, a) in applications::waiting_in_cohort(conn, cohort_id)
            .await?
            .iter()
            .enumerate()
        {
            email(
                state,
                conn,
                &a.person_email,
                &a.person_name,
                &programme.fields,
                Text::new("email-waiting-moved-up").arg("cohort", &cohort.name),
                vec![Text::new("email-waiting-now-number").arg("position", i + 1)],
                None,
            )
            .await?;
        }
    }
    Ok(())
}

async fn offer_email(
    state: &App,
    conn: &mut Conn,
    programme: &Programme,
    a: &Application,
    (cohort, zone): (&str, &str),
    expires: i64,
) -> Result<(), Error> {
    email(
        state,
        conn,
        &a.person_email,
        &a.person_name,
        &programme.fields,
        Text::new("email-place-offered").arg("cohort", cohort),
        vec![Text::new("email-offer-accept-by").arg("until", Value::moment(expires, zone))],
        None,
    )
    .await
}

/// Offers ending within this get a reminder when places are next allocated.
const REMIND_BEFORE_MS: i64 = 2 * 86_400_000;

/// What allocation did, for the page and the API.
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct AllocationSummary {
    pub offered: usize,
    pub waitlisted: usize,
    pub expired: usize,
    /// Reminders sent for offers ending within two days.
    pub reminded: usize,
    /// How the order was decided, in words.
    pub rule: String,
}

/// Expires overdue offers, then offers places to approved applicants by their preferences.
pub async fn allocate_places(
    state: &App,
    actor: &Actor<'_>,
    programme_id: &Id,
) -> Result<AllocationSummary, Error> {
    let now = now_ms();
    let mut tx = state.store.begin().await?;
    let programme = load_for_admin(&mut tx, actor, programme_id).await?;
    let mut summary = AllocationSummary {
        expired: expire_offers(state, &mut tx, &programme, now).await?,
        ..AllocationSummary::default()
    };
    let cohort_list = cohorts::list_for_programme(&mut tx, programme_id).await?;
    let mut places = Vec::new();
    for c in &cohort_list {
        let (offers, waiting) = applications::cohort_counts(&mut tx, &c.id).await?;
        places.push(CohortPlaces {
            cohort_id: c.id.clone(),
            free: u32::try_from((c.capacity - c.confirmed - offers).max(0)).unwrap_or(0),
            waiting: u32::try_from(waiting).unwrap_or(0),
        });
    }
    let mut candidates = Vec::new();
    for a in
        applications::list_for_programme(&mut tx, programme_id, Some(ApplicationState::Approved))
            .await?
    {
        candidates.push(Candidate {
            preferences: applications::preferences(&mut tx, &a.id).await?,
            application_id: a.id,
            approved_at: a.approved_at.unwrap_or(a.updated_at),
        });
    }
    let order = match programme.fields.allocation_rule {
        revans_domain::AllocationRule::ApprovalOrder => Order::ApprovalOrder,
        revans_domain::AllocationRule::Lottery => {
            Order::Lottery(programme.fields.lottery_seed as u64)
        }
    };
    summary.rule = match order {
        Order::ApprovalOrder => "in order of approval, earliest first".into(),
        Order::Lottery(seed) => format!("by a lottery with seed {seed}"),
    };
    let result = allocate(&candidates, &places, order);
    let expires = now + programme.fields.offer_valid_days * 86_400_000;
    for (app_id, cohort_id) in &result.offers {
        applications::offer(
            &mut tx,
            app_id,
            ApplicationState::Approved,
            cohort_id,
            expires,
        )
        .await?;
        let (cohort, zone) = cohort_list
            .iter()
            .find(|c| &c.id == cohort_id)
            .map(|c| (c.name.clone(), c.timezone.clone()))
            .unwrap_or_else(|| (String::new(), crate::DEFAULT_ZONE.to_owned()));
        if let Some(a) = applications::get(&mut tx, app_id).await? {
            offer_email(state, &mut tx, &programme, &a, (&cohort, &zone), expires).await?;
        }
        summary.offered += 1;
    }
    for (app_id, cohort_id, _) in &result.waitlisted {
        applications::waitlist(&mut tx, app_id, cohort_id).await?;
        if let Some(a) = applications::get(&mut tx, app_id).await? {
            let position = a.waitlist_rank.unwrap_or(0);
            let cohort = a.cohort_name.clone().unwrap_or_default();
            email(
                state,
                &mut tx,
                &a.person_email,
                &a.person_name,
                &programme.fields,
                Text::new("email-waiting-list").arg("cohort", cohort),
                vec![Text::new("email-waiting-number").arg("position", position)],
                None,
            )
            .await?;
        }
        summary.waitlisted += 1;
    }
    summary.reminded = remind_offers(state, &mut tx, &programme, now).await?;
    actor
        .audit(
            &mut tx,
            "programme.allocated",
            "programme",
            programme_id.as_str(),
            &format!(
                "Allocated places {}: {} offered, {} on waiting lists, {} offers expired",
                summary.rule, summary.offered, summary.waitlisted, summary.expired
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(summary)
}

/// The applicant accepts, declines or withdraws. A freed place goes to the next in line.
pub async fn respond(
    state: &App,
    actor: &Actor<'_>,
    id: &Id,
    response: &str,
) -> Result<ApplicationState, Error> {
    let mut tx = state.store.begin().await?;
    let a = applications::get(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    if a.person_id != actor.viewer.person.id {
        return Err(Error::NotFound);
    }
    let programme = programmes::get(&mut tx, &a.programme_id)
        .await?
        .ok_or(Error::NotFound)?;
    let next = match response {
        "accept" => {
            check(a.state, Event::Accept)?;
            let capacity = if state.settings.unsafe_skip_capacity_check {
                CapacityCheck::SkippedForControlRun
            } else {
                CapacityCheck::Enforced
            };
            match applications::accept_with(&mut tx, id, capacity).await? {
                AcceptOutcome::Accepted => {}
                AcceptOutcome::Full => {
                    return Err(Error::Conflict(
                        "Sorry, every place in this cohort has now been taken".into(),
                    ));
                }
                AcceptOutcome::NotOffered => {
                    return Err(Error::Conflict("This offer is no longer open".into()));
                }
            }
            let cohort_id = a.cohort_id.clone().ok_or(Error::NotFound)?;
            let cohort = cohorts::get(&mut tx, &cohort_id)
                .await?
                .ok_or(Error::NotFound)?;
            let sessions = cohorts::schedule(&mut tx, &cohort).await?;
            let ics = crate::calendar::cohort_calendar(&programme, &cohort, sessions.sessions());
            let lines = sessions
                .sessions()
                .iter()
                .map(|s| mail::session_line(s.starts_at, s.ends_at, &cohort.timezone))
                .collect();
            email(
                state,
                &mut tx,
                &a.person_email,
                &a.person_name,
                &programme.fields,
                Text::new("email-place-confirmed").arg("cohort", &cohort.name),
                lines,
                Some(mail::Attachment::calendar(ics)),
            )
            .await?;
            ApplicationState::Accepted
        }
        "decline" => {
            let next = check(a.state, Event::Decline)?;
            if !applications::transition(&mut tx, id, a.state, next).await? {
                return Err(Error::Conflict(
                    "This application has changed; reload the page".into(),
                ));
            }
            if let Some(c) = &a.cohort_id {
                offer_waiting(state, &mut tx, &programme, c).await?;
            }
            next
        }
        "withdraw" => {
            let next = check(a.state, Event::Withdraw)?;
            match applications::withdraw(&mut tx, id, a.state).await? {
                None => {
                    return Err(Error::Conflict(
                        "This application has changed; reload the page".into(),
                    ));
                }
                Some(Some(cohort)) => offer_waiting(state, &mut tx, &programme, &cohort).await?,
                Some(None) => {}
            }
            email(
                state,
                &mut tx,
                &a.person_email,
                &a.person_name,
                &programme.fields,
                Text::new("email-withdrawn"),
                vec![match a.state {
                    ApplicationState::Accepted | ApplicationState::Offered => {
                        Text::new("email-withdrawn-place")
                    }
                    _ => Text::new("email-withdrawn-application"),
                }],
                None,
            )
            .await?;
            next
        }
        _ => {
            return Err(Error::field(
                "response",
                "Choose accept, decline or withdraw",
            ));
        }
    };
    actor
        .audit(
            &mut tx,
            &format!("application.{}", next.as_str()),
            "application",
            id.as_str(),
            &format!(
                "{} {} their place in {}",
                a.person_name,
                next.as_str(),
                programme.fields.title
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(next)
}

/// Expires the programme's overdue offers, offering each freed place to the next in line.
pub(crate) async fn expire_offers(
    state: &App,
    tx: &mut revans_storage::Tx,
    programme: &revans_storage::programmes::Programme,
    now: i64,
) -> Result<usize, Error> {
    let mut expired = 0;
    for a in applications::expired_offers(tx, &programme.id, now).await? {
        if applications::transition(
            &mut *tx,
            &a.id,
            ApplicationState::Offered,
            ApplicationState::Expired,
        )
        .await?
        {
            expired += 1;
            email(
                state,
                &mut *tx,
                &a.person_email,
                &a.person_name,
                &programme.fields,
                Text::new("email-offer-expired"),
                vec![Text::new("email-offer-expired-line")],
                None,
            )
            .await?;
            if let Some(c) = &a.cohort_id {
                offer_waiting(state, &mut *tx, programme, c).await?;
            }
        }
    }
    Ok(expired)
}

/// Sends one reminder for each of the programme's offers that ends within two days.
pub(crate) async fn remind_offers(
    state: &App,
    tx: &mut revans_storage::Tx,
    programme: &revans_storage::programmes::Programme,
    now: i64,
) -> Result<usize, Error> {
    let mut reminded = 0;
    // Offers made earlier that end within two days get one reminder.
    for a in applications::offers_to_remind(&mut *tx, &programme.id, now + REMIND_BEFORE_MS).await?
    {
        if a.offer_expires_at
            .is_some_and(|e| e > now + programme.fields.offer_valid_days * 86_400_000 - 60_000)
        {
            // Just offered in this run: the offer email itself says when it ends.
            continue;
        }
        if applications::mark_reminded(&mut *tx, &a.id).await? {
            reminded += 1;
            let until = a
                .offer_expires_at
                .map_or(Value::Plain(String::new()), |e| Value::moment(e, "UTC"));
            email(
                state,
                &mut *tx,
                &a.person_email,
                &a.person_name,
                &programme.fields,
                Text::new("email-offer-ends-soon"),
                vec![Text::new("email-accept-by").arg("until", until)],
                None,
            )
            .await?;
        }
    }
    Ok(reminded)
}

/// A sponsor nominates someone in their own organisation for a programme: a draft application
/// marked as their nomination, and an email asking the person to complete it. When the person
/// submits it, the sponsor's approval is already given. Caps are checked now and at submission.
pub async fn nominate(
    state: &App,
    actor: &Actor<'_>,
    programme_id: &Id,
    email: &str,
) -> Result<String, Error> {
    let mut tx = state.store.begin().await?;
    let programme = programmes::get(&mut tx, programme_id)
        .await?
        .filter(|p| p.status == ProgrammeStatus::Published)
        .ok_or_else(|| {
            Error::field(
                "programme",
                "Choose a programme that is taking applications",
            )
        })?;
    let address = revans_domain::EmailAddress::parse(email)?;
    // The same lookups whoever holds the address, and the same answer for no account and
    // for someone else's account.
    let sponsored = sponsored_organisations(&mut tx, actor).await?;
    let person = revans_storage::people::find_by_email(&mut tx, &address)
        .await?
        .map(|(p, _)| p)
        .filter(|p| sponsored.contains(&p.organisation_id))
        .ok_or_else(|| Error::field("email", CANNOT_NOMINATE))?;
    if applications::find_for_person(&mut tx, programme_id, &person.id)
        .await?
        .is_some()
    {
        return Err(Error::field(
            "email",
            format!(
                "{} already has an application for {}",
                person.name, programme.fields.title
            ),
        ));
    }
    check_nomination_caps(&mut tx, &programme, &person.organisation_id).await?;
    let new = NewApplication {
        programme_id,
        person_id: &person.id,
        organisation_id: &person.organisation_id,
        state: ApplicationState::Draft,
        answers: &[],
        confirmed_statements: false,
        preferences: &[],
        nominated_by: Some(&actor.viewer.person.id),
    };
    let id = applications::insert(&mut tx, &new).await?;
    let message = ApplicationEmail {
        tenant: state.settings.tenant_name.clone(),
        name: person.name.clone(),
        programme: programme.fields.title.clone(),
        headline: Text::new("email-nominated").arg("sponsor", &actor.viewer.person.name),
        lines: vec![Text::new("email-nominated-line")],
        link: format!(
            "{}/programmes/{}/apply",
            state.settings.base_url(),
            programme.id
        ),
        link_label: Text::new("email-complete-application"),
    };
    mail::enqueue(&mut tx, &person.email, &message).await?;
    actor
        .audit(
            &mut tx,
            "application.nominated",
            "application",
            id.as_str(),
            &format!(
                "{} nominated {} for {}",
                actor.viewer.person.name, person.name, programme.fields.title
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(person.name)
}
