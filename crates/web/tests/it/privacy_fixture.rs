//! Privacy fixture (issue 17): two fresh people in the demo tenant, each with at least one row
//! in every privacy register entry that has a subject, so the export and erasure tests check
//! every entry for one person and prove the other's rows neither leak nor change. Rows are
//! written through the storage functions the app uses; plain SQL only where none exists
//! (a set's or circle's facilitator added without replacing the others, a circle). The two
//! people share no row: anything that needs a second person names the demo lead.

use revans_domain::{EmailAddress, Id, Locale, PersonName, Role, TokenName};
use revans_storage::privacy_register::REGISTER;
use revans_storage::testing_privacy::{Arg, execute, texts};
use revans_storage::*;

use crate::helpers::*;

/// The network address Ada signs in from (Bea's is another).
pub const ADA_IP: &str = "198.51.100.71";
const BEA_IP: &str = "203.0.113.72";

/// One seeded person: who they are and the free text of theirs the fixture wrote.
pub struct Seeded {
    pub id: Id,
    pub name: String,
    pub email: String,
}

/// What both people's rows hang on: the demo's programme, cohort, sets, meeting and circle.
struct Context {
    lead: Id,
    org: Id,
    region: Id,
    programme: Id,
    programmes: Vec<Id>,
    cohort: Id,
    /// A cohort no formation run is forming now (one may run at a time).
    run_cohort: Id,
    ordinal: i64,
    sets: Vec<Id>,
    meeting: Id,
    circle: Id,
    circle_ordinal: i64,
    instrument: Id,
    wave: Id,
}

/// The first value `v` a query of the demo's rows gives.
async fn one(conn: &mut Conn, sql: &str, args: &[Arg<'_>]) -> String {
    texts(conn, sql, args)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the demo has a row for {sql}"))
}

async fn ids(conn: &mut Conn, sql: &str) -> Vec<Id> {
    texts(conn, sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .iter()
        .map(|s| Id::parse(s).unwrap())
        .collect()
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

/// Seeds "Ada Subjectwoman" (the person under test) and "Bea Bystander" (the other person),
/// each with a row in every register entry about a person.
pub async fn seed(app: &TestApp) -> (Seeded, Seeded) {
    let lead = id(&app.person_id(ADMIN).await);
    let participant = id(&app.person_id(PARTICIPANT).await);
    let (programme, cohort) = app.demo_programme().await;
    let mut tx = app.state.store.begin().await.unwrap();
    let org = people::get(&mut tx, &participant)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let region = people::get(&mut tx, &lead)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    // Two sets of their own for the group supervision each marks (one row per set).
    let mut sets = Vec::new();
    for (i, name) in ["Fixture set A", "Fixture set B"].into_iter().enumerate() {
        sets.push(
            sets::insert(
                &mut tx,
                &sets::NewSet {
                    cohort_id: &id(&cohort),
                    name,
                    position: 90 + i as i64,
                    review_every: 7,
                    timezone: "Europe/London",
                },
            )
            .await
            .unwrap(),
        );
    }
    let meeting = id(&one(&mut tx, "SELECT id AS v FROM meetings ORDER BY id", &[]).await);
    let set_of_meeting = id(&one(
        &mut tx,
        "SELECT set_id AS v FROM meetings WHERE id = $1",
        &[Arg::Text(meeting.as_str())],
    )
    .await);
    let circle = id(&one(
        &mut tx,
        "SELECT circle_id AS v FROM circle_sessions ORDER BY circle_id",
        &[],
    )
    .await);
    let circle_ordinal: i64 = one(
        &mut tx,
        "SELECT MIN(ordinal) AS v FROM circle_sessions WHERE circle_id = $1",
        &[Arg::Text(circle.as_str())],
    )
    .await
    .parse()
    .unwrap();
    let ordinal: i64 = one(
        &mut tx,
        "SELECT MIN(ordinal) AS v FROM cohort_sessions WHERE cohort_id = $1",
        &[Arg::Text(&cohort)],
    )
    .await
    .parse()
    .unwrap();
    let run_cohort = id(&one(
        &mut tx,
        "SELECT id AS v FROM cohorts WHERE id NOT IN (SELECT cohort_id FROM formation_runs \
         WHERE status IN ('queued', 'running', 'cancelling')) ORDER BY id",
        &[],
    )
    .await);
    let instrument = id(&one(&mut tx, "SELECT id AS v FROM instruments ORDER BY id", &[]).await);
    let wave = id(&one(
        &mut tx,
        "SELECT id AS v FROM evaluation_waves WHERE subject_person_id IS NULL ORDER BY id",
        &[],
    )
    .await);
    let programmes = ids(
        &mut tx,
        "SELECT id AS v FROM programmes ORDER BY id LIMIT 2",
    )
    .await;
    assert_eq!(programmes.len(), 2, "the demo has two programmes");
    let mut sets_first = vec![set_of_meeting];
    sets_first.extend(sets);
    let ctx = Context {
        lead,
        org,
        region,
        programme: id(&programme),
        programmes,
        cohort: id(&cohort),
        run_cohort,
        ordinal,
        sets: sets_first,
        meeting,
        circle,
        circle_ordinal,
        instrument,
        wave,
    };
    let a = person(
        &mut tx,
        &ctx,
        0,
        "Ada Subjectwoman",
        "ada.subject@harbour-trust.example",
    )
    .await;
    let b = person(
        &mut tx,
        &ctx,
        1,
        "Bea Bystander",
        "bea.bystander@harbour-trust.example",
    )
    .await;
    // Recording a meeting's attendance replaces the whole register, so both at once.
    meetings::record_attendance(
        &mut tx,
        &ctx.meeting,
        &ctx.lead,
        &[(a.id.clone(), "present"), (b.id.clone(), "absent")],
    )
    .await
    .unwrap();
    commit(tx).await.unwrap();
    (a, b)
}

/// The register entries with a subject: what the fixture must cover.
pub fn entries_about_people() -> impl Iterator<Item = &'static privacy_register::Entry> {
    REGISTER.iter().filter(|e| e.subject.is_some())
}

async fn person(conn: &mut Conn, ctx: &Context, n: usize, name: &str, email: &str) -> Seeded {
    let tag = ["ada", "bea"][n];
    let ip = [ADA_IP, BEA_IP][n];
    let now = now_ms();
    let later = now + 86_400_000;
    let p = people::insert(
        conn,
        &ctx.org,
        &EmailAddress::parse(email).unwrap(),
        &PersonName::parse(name).unwrap(),
    )
    .await
    .unwrap();
    people::set_password_hash(conn, &p, &format!("hash-of-{tag}"))
        .await
        .unwrap();
    people::set_roles(conn, &p, &ctx.org, &[Role::Participant, Role::Facilitator])
        .await
        .unwrap();
    // Accounts: sessions, links, tokens, sign-ins (typed in another case), notices, the log.
    sessions::insert(
        conn,
        &format!("session-{tag}"),
        &p,
        &format!("csrf-{tag}"),
        later,
    )
    .await
    .unwrap();
    email_tokens::insert(
        conn,
        &format!("link-{tag}"),
        TokenPurpose::PasswordReset,
        &p,
        later,
    )
    .await
    .unwrap();
    api_tokens::insert(
        conn,
        &p,
        &TokenName::parse(&format!("{tag}'s laptop")).unwrap(),
        &format!("api-{tag}"),
        later,
    )
    .await
    .unwrap();
    sign_in_attempts::record(conn, &email.to_uppercase(), ip, false)
        .await
        .unwrap();
    sign_in_attempts::record(conn, email, ip, true)
        .await
        .unwrap();
    sign_in_notices::claim(conn, &p, now, 0).await.unwrap();
    audit::record(
        conn,
        NewAuditEntry {
            actor_id: Some(&p),
            actor_name: name,
            action: "account.updated",
            subject_type: "person",
            subject_id: p.as_str(),
            detail: &format!("{name} <{email}> changed their account"),
            ip,
            organisation_id: Some(&ctx.org),
        },
    )
    .await
    .unwrap();
    jobs::enqueue_concerning(
        conn,
        NewJob {
            kind: "email",
            payload: &format!("{{\"to\":\"{email}\",\"body\":\"Dear {name}\"}}"),
            run_at: later,
            max_attempts: 3,
        },
        email,
    )
    .await
    .unwrap();
    people::set_timezone(conn, &p, Some("Europe/Paris"))
        .await
        .unwrap();
    people::set_locale(conn, &p, Some(Locale::De))
        .await
        .unwrap();
    sso::insert_link(
        conn,
        "https://idp.example",
        &format!("sub-{tag}"),
        &p,
        "idp",
    )
    .await
    .unwrap();
    reporting_lines::set_manager(conn, &p, Some(&ctx.lead))
        .await
        .unwrap();
    calendar_feeds::replace(conn, &p, &format!("feed-{tag}"))
        .await
        .unwrap();
    // Programmes: an application with its cohort preference, a certificate, attendance at a
    // cohort session, a completion exception.
    applications::insert(
        conn,
        &applications::NewApplication {
            programme_id: &ctx.programme,
            person_id: &p,
            organisation_id: &ctx.org,
            state: revans_domain::ApplicationState::Submitted,
            answers: &[format!("{tag} wants to learn from peers")],
            confirmed_statements: true,
            preferences: std::slice::from_ref(&ctx.cohort),
            nominated_by: None,
        },
    )
    .await
    .unwrap();
    certificates::insert(
        conn,
        &certificates::NewCertificate {
            code: &format!("CERT-{tag}"),
            person_id: &p,
            cohort_id: &ctx.cohort,
            holder_name: name,
            tenant_name: "Harbour Trust",
            programme_title: "Programme",
            cohort_name: "Cohort",
            starts_on: "2027-01-01",
            ends_on: "2027-06-01",
            completed_on: "2027-06-01",
            cpd_minutes: 60,
            outcomes: &[],
            by_exception: false,
            issued_at: now,
            issued_by: Some(&ctx.lead),
        },
    )
    .await
    .unwrap();
    completion::record_session_attendance(
        conn,
        &ctx.cohort,
        ctx.ordinal,
        &[(p.clone(), true)],
        &ctx.lead,
    )
    .await
    .unwrap();
    completion::set_exception(conn, &ctx.cohort, &p, &format!("{tag} was ill"), &ctx.lead)
        .await
        .unwrap();
    // Sets: a formation run they started, membership (then leaving), facilitating,
    // attendance and an apology, a problem, an action, a diary entry, a supervisor.
    let run = formation_runs::insert(
        conn,
        formation_runs::NewRun {
            cohort_id: ctx.run_cohort.as_str(),
            started_by: p.as_str(),
            started_ip: ip,
            input: &format!("{{\"note\":\"{name} started this\"}}"),
            budget_ms: 1000,
        },
    )
    .await
    .unwrap();
    // Ended, so the other person's run may start in the same cohort.
    let error = format!("{name} stopped it");
    assert!(
        formation_runs::mark_ended(conn, &run, "failed", Some(&error))
            .await
            .unwrap()
    );
    let set = &ctx.sets[0];
    let membership = sets::add_member(
        conn,
        &sets::NewMember {
            set_id: set,
            person_id: &p,
            unit_key: p.as_str(),
            rota_position: 90 + n as i64,
            locked: false,
            joined_at: now,
        },
    )
    .await
    .unwrap();
    set_leavers::record(
        conn,
        &set_leavers::Leaver {
            membership_id: membership,
            application_id: None,
            left_at: now,
        },
        &ctx.lead,
    )
    .await
    .unwrap();
    execute(
        conn,
        "INSERT INTO set_facilitators (set_id, person_id, added_at) VALUES ($1, $2, $3)",
        &[
            Arg::Text(set.as_str()),
            Arg::Text(p.as_str()),
            Arg::Int(now),
        ],
    )
    .await
    .unwrap();
    apologies::send(
        conn,
        &ctx.meeting,
        &p,
        &format!("{tag} is sorry to miss it"),
    )
    .await
    .unwrap();
    let problem = set_content::insert_problem(
        conn,
        &set_content::NewProblem {
            set_id: set,
            unit_key: p.as_str(),
            author_id: &p,
            title: &format!("{tag}'s rota problem"),
            description: &format!("{tag} describes the rota in their own words"),
            themes: &["staffing".to_owned()],
        },
    )
    .await
    .unwrap();
    let _ = problem;
    set_content::insert_action(
        conn,
        &set_content::NewAction {
            set_id: set,
            meeting_id: &ctx.meeting,
            owner_id: &p,
            description: &format!("{tag} will talk to the ward"),
            due_on: "2027-03-01",
        },
    )
    .await
    .unwrap();
    let entry = diaries::insert(
        conn,
        &diaries::NewEntry {
            author_id: &p,
            kind: "diary",
            set_id: None,
            meeting_id: None,
            problem_id: None,
            sharing: "private",
            body: &format!("{tag} reflects privately"),
        },
    )
    .await
    .unwrap();
    diaries::set_supervisor(conn, &p, &ctx.lead).await.unwrap();
    // Evaluation: an instrument they wrote, a 360 round about them, an invitation with its
    // response, a feedback offer.
    let instrument = evaluation::insert_instrument(
        conn,
        evaluation::NewInstrument {
            organisation_id: &ctx.org,
            key: &format!("fixture-{tag}"),
            version: 1,
            title: "Fixture questionnaire",
            format: "json",
            source: "{}",
            created_by: &p,
        },
    )
    .await
    .unwrap();
    let _ = instrument;
    feedback360::insert_round(
        conn,
        feedback360::NewRound {
            programme_id: &ctx.programme,
            cohort_id: &ctx.cohort,
            instrument_id: &ctx.instrument,
            subject: &p,
            name: &format!("360 about {tag}"),
            opens_at: now,
            closes_at: later,
        },
    )
    .await
    .unwrap();
    evaluation::invite(
        conn,
        &ctx.wave,
        "participants",
        &evaluation::Invitee {
            person_id: Some(&p),
            email,
            organisation_id: Some(&ctx.org),
        },
        &format!("wave-{tag}"),
    )
    .await
    .unwrap();
    let invitation = one(
        conn,
        "SELECT id AS v FROM wave_invitations WHERE wave_id = $1 AND person_id = $2",
        &[Arg::Text(ctx.wave.as_str()), Arg::Text(p.as_str())],
    )
    .await;
    evaluation::insert_response(
        conn,
        evaluation::NewResponse {
            wave_id: ctx.wave.as_str(),
            invitation_id: Some(&invitation),
            pseudonym: None,
            respondent_group: "participants",
            organisation_id: Some(ctx.org.as_str()),
            answers: &format!("{{\"q1\":\"{tag} answers\"}}"),
            free_text_consent: true,
            submitted_on: now,
        },
    )
    .await
    .unwrap();
    feedback360::set_offer(conn, &ctx.programmes[n], &ctx.instrument, &p)
        .await
        .unwrap();
    // Facilitators: profile, qualification, pool and availability, an absence, a request,
    // supervision sessions, a set's group supervision, a mentee pairing.
    facilitator_profiles::save(
        conn,
        &p,
        3,
        "confident",
        "English",
        &format!("{tag} trained"),
    )
    .await
    .unwrap();
    facilitator_profiles::add_qualification(
        conn,
        &p,
        &facilitator_profiles::QualificationFields {
            name: "ILM Coaching".into(),
            level: "5".into(),
            awarded_on: "2026-01-01".into(),
            expires_on: None,
            evidence: format!("{tag}'s certificate"),
        },
    )
    .await
    .unwrap();
    pool::join(
        conn,
        &p,
        &ctx.region,
        &ctx.org,
        &pool::Membership {
            capacity: 1,
            outside_own_org: true,
            timezone: "Europe/London".into(),
            availability: vec![pool::Window {
                weekday: 2,
                from_minute: 540,
                to_minute: 600,
            }],
        },
    )
    .await
    .unwrap();
    pool::add_absence(conn, &p, "2027-04-01", None, &ctx.lead)
        .await
        .unwrap();
    facilitator_requests::insert(
        conn,
        facilitator_requests::NewRequest {
            token_hash: &format!("request-{tag}"),
            target: &facilitator_requests::Target::Set(set.clone()),
            person_id: &p,
            replaces_id: None,
            region_id: &ctx.region,
            asked_by: &ctx.lead,
        },
    )
    .await
    .unwrap();
    supervision_log::insert(
        conn,
        &supervision_log::NewSession {
            facilitator_id: &p,
            supervisor_id: &ctx.lead,
            held_on: "2027-02-01",
            minutes: 60,
            kind: "one-to-one",
            recorded_by: &ctx.lead,
        },
    )
    .await
    .unwrap();
    assert!(
        supervision_log::mark_group(conn, &ctx.sets[1 + n], &p)
            .await
            .unwrap()
    );
    assert!(
        mentors::pair(conn, &ctx.lead, &p, &ctx.cohort, &ctx.cohort, &ctx.lead)
            .await
            .unwrap()
    );
    // Circles: one they created (no function takes a creator without the whole form),
    // facilitating, a booking and attendance.
    let created = new_id();
    execute(
        conn,
        "INSERT INTO circles (id, region_id, organisation_id, cohort_id, title, description, \
         topics, min_places, max_places, booked, delivery_mode, delivery_detail, timezone, \
         confirm_hours, cancel_hours, status, sequence, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, NULL, 'Fixture circle', '', '[]', 1, 5, 0, 'online', '', \
         'Europe/London', 48, 24, 'draft', 0, $4, $5, $5)",
        &[
            Arg::Text(created.as_str()),
            Arg::Text(ctx.region.as_str()),
            Arg::Text(ctx.org.as_str()),
            Arg::Text(p.as_str()),
            Arg::Int(now),
        ],
    )
    .await
    .unwrap();
    execute(
        conn,
        "INSERT INTO circle_facilitators (circle_id, person_id, added_at) VALUES ($1, $2, $3)",
        &[
            Arg::Text(ctx.circle.as_str()),
            Arg::Text(p.as_str()),
            Arg::Int(now),
        ],
    )
    .await
    .unwrap();
    circle_bookings::insert(conn, &ctx.circle, &p, "booked")
        .await
        .unwrap();
    circle_bookings::record_attendance(
        conn,
        &ctx.circle,
        ctx.circle_ordinal,
        p.as_str(),
        true,
        &ctx.lead,
    )
    .await
    .unwrap();
    // Records: a framework they loaded, evidence with a dimension, a masterclass interest
    // and the invitation it led to.
    portfolio::insert_framework(
        conn,
        &ctx.org,
        &format!("fixture-{tag}"),
        "Fixture",
        "{}",
        &p,
    )
    .await
    .unwrap();
    portfolio::insert_evidence(
        conn,
        &portfolio::NewEvidence {
            person: &p,
            framework: &format!("fixture-{tag}"),
            kind: "diary_entry",
            item_id: entry.as_str(),
            ordinal: 0,
            note: &format!("{tag}'s evidence note"),
            dimensions: &["d1".to_owned()],
        },
    )
    .await
    .unwrap();
    let topic = format!("Topic of {tag}");
    masterclass_interests::insert(
        conn,
        &masterclass_interests::NewInterest {
            person_id: &p,
            set_id: Some(set),
            circle_id: None,
            organisation_id: &ctx.org,
            topic: &topic,
        },
    )
    .await
    .unwrap();
    let invited = masterclass_interests::invite_askers(conn, &ctx.org, &topic, &ctx.programme)
        .await
        .unwrap();
    assert_eq!(invited.len(), 1);
    // An immersion event of their own (replacing an allocation replaces the event's): the
    // host they are the contact for, their choices and ranking, their visit.
    let event = &ctx.programmes[n];
    let host_name = format!("Host of {tag}");
    let host = events::insert_host(
        conn,
        &events::NewHost {
            programme_id: event,
            name: &host_name,
            description: "A ward visit.",
            address: "1 Quay Street",
            min_per_slot: 0,
            max_per_slot: 2,
            contact_person_id: Some(&p),
        },
    )
    .await
    .unwrap()
    .unwrap();
    events::save_choices(
        conn,
        event,
        &p,
        &format!("{name} needs step-free access"),
        &[(host.clone(), 1)],
    )
    .await
    .unwrap();
    events::replace_visits(conn, event, &[(p.clone(), 1, host)], 1, 1)
        .await
        .unwrap();
    // Their seat at the event's cafe, with a guest of its own.
    let guest = revans_storage::event_cafe::insert_guest(
        conn,
        event,
        &format!("Guest of {tag}"),
        "Chief nurse",
    )
    .await
    .unwrap()
    .unwrap();
    revans_storage::event_cafe::replace_rota(
        conn,
        event,
        &revans_storage::event_cafe::Rota {
            rounds: 1,
            repeats: 0,
            lower_bound: 0,
            made_at: 1,
        },
        &[(1, p.clone(), guest)],
    )
    .await
    .unwrap();
    Seeded {
        id: p,
        name: name.to_owned(),
        email: email.to_owned(),
    }
}
