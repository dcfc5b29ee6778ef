//! Issue 9: the holes an outside review found in who may read what, each reproduced and proved
//! closed. The rule they test lives in one place (`storage::diaries`): an entry is read by the
//! people who held the relationship it was shared with when it was shared, and still hold it.

use axum::http::StatusCode;
use revans_domain::Role;
use revans_storage::{people, sets};

use crate::diaries::{BO, EVERYONE, SUPERVISOR, id, make_person, readers, world, write};
use crate::helpers::*;

const NEW_SUPERVISOR: &str = "second.supervisor@northcoast-ics.example";
const SECOND_LEAD: &str = "second.lead@northcoast-ics.example";

/// The details of every audit entry with this action, across all tenants.
async fn audit_details(app: &TestApp, action: &str) -> Vec<String> {
    let mut conn = app.state.store.conn().await.unwrap();
    let mut out = Vec::new();
    for org in revans_storage::organisations::list_all(&mut conn)
        .await
        .unwrap()
    {
        for e in revans_storage::audit::list_in_tree(&mut conn, &org.id, 1000, 0)
            .await
            .unwrap()
        {
            if e.action == action {
                out.push(e.detail);
            }
        }
    }
    out
}

/// Posts the author's edit of an entry (same body), optionally sharing it again.
async fn edit(app: &TestApp, email: &str, entry: &str, body: &str, sharing: &str, again: bool) {
    let mut c = app.signed_in(email).await;
    let mut fields = vec![("body", body), ("sharing", sharing)];
    if again {
        fields.push(("share_again", "yes"));
    }
    let r = c.post_form(&format!("/diary/{entry}"), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// Finding 1: a lead redirected a facilitator's supervisor and the new one (a participant, the
/// lead themself) read every log shared before.
#[tokio::test]
async fn a_new_supervisor_reads_only_what_is_shared_after_they_took_over() {
    let app = TestApp::spawn().await;
    world(&app).await;
    let newcomer = make_person(&app, NEW_SUPERVISOR, "Sam Second", Role::Facilitator).await;
    let text = "Supervision: I keep rescuing the quiet member";
    let log = write(
        &app,
        FACILITATOR,
        &[("body", text), ("sharing", "supervisor")],
    )
    .await;
    let everyone: Vec<&'static str> = EVERYONE.iter().copied().chain([NEW_SUPERVISOR]).collect();
    assert_eq!(
        readers(&app, &log, text, &everyone).await,
        vec![FACILITATOR, SUPERVISOR]
    );

    let fran = app.person_id(FACILITATOR).await;
    let mut lead = app.signed_in(ADMIN).await;
    // Neither the lead nor a member of Fran's own set (given the facilitator role so only the
    // set rule refuses them) nor a participant may become her supervisor.
    let lead_id = app.person_id(ADMIN).await;
    let pat = app.person_id(PARTICIPANT).await;
    let bo = id(&app.person_id(BO).await);
    {
        let mut tx = app.state.store.begin().await.unwrap();
        let org = people::get(&mut tx, &bo)
            .await
            .unwrap()
            .unwrap()
            .organisation_id;
        people::set_roles(&mut tx, &bo, &org, &[Role::Participant, Role::Facilitator])
            .await
            .unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    for (who, why) in [
        (lead_id.as_str(), "You cannot make yourself"),
        (pat.as_str(), "must be a facilitator themself"),
        (bo.as_str(), "they are a member of a set"),
    ] {
        let r = lead
            .post_form(
                &format!("/admin/people/{fran}/supervisor"),
                &[("supervisor", who)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{who}");
        assert!(r.body.contains(why), "{why}: {}", r.body);
    }
    assert_eq!(
        readers(&app, &log, text, &[PARTICIPANT, ADMIN, BO]).await,
        Vec::<&str>::new()
    );

    let r = lead
        .post_form(
            &format!("/admin/people/{fran}/supervisor"),
            &[("supervisor", newcomer.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Neither the old supervisor (no longer supervising) nor the new one reads the old log.
    assert_eq!(
        readers(&app, &log, text, &everyone).await,
        vec![FACILITATOR]
    );
    // Fran is told, and the audit entry names both supervisors.
    let told = app.queued_emails().await;
    let mail = told
        .iter()
        .find(|e| e.to.contains(FACILITATOR) && e.subject.contains("is now your supervisor"))
        .expect("the facilitator is told");
    assert!(mail.text.contains("Sam Second") && mail.text.contains("share it again"));
    let audit = audit_details(&app, "people.supervisor").await;
    assert!(
        audit
            .iter()
            .any(|d| d.contains("Sue Supervisor") && d.contains("Sam Second")),
        "{audit:?}"
    );

    // A log shared after the change reaches the new supervisor; sharing the old one again does.
    let later = "After the change: the set is finding its own voice";
    let new_log = write(
        &app,
        FACILITATOR,
        &[("body", later), ("sharing", "supervisor")],
    )
    .await;
    assert_eq!(
        readers(&app, &new_log, later, &everyone).await,
        vec![FACILITATOR, NEW_SUPERVISOR]
    );
    edit(&app, FACILITATOR, &log, text, "supervisor", false).await;
    assert_eq!(
        readers(&app, &log, text, &everyone).await,
        vec![FACILITATOR],
        "an edit that keeps the sharing does not widen it"
    );
    let page = app
        .signed_in(FACILITATOR)
        .await
        .get(&format!("/diary/{log}"))
        .await;
    assert!(
        page.body.contains("data-readers>Only you<"),
        "{}",
        page.body
    );
    edit(&app, FACILITATOR, &log, text, "supervisor", true).await;
    assert_eq!(
        readers(&app, &log, text, &everyone).await,
        vec![FACILITATOR, NEW_SUPERVISOR]
    );
    // The author sees who their sharing reaches, by the same rule.
    let page = app
        .signed_in(FACILITATOR)
        .await
        .get(&format!("/diary/{log}"))
        .await;
    assert!(
        page.body.contains("data-readers>You and Sam Second<"),
        "{}",
        page.body
    );
}

/// Finding 2: a lead gave themself the facilitator role, added themself to a running set and
/// read its content and what members had shared with its facilitators.
#[tokio::test]
async fn a_lead_cannot_make_themself_a_running_sets_facilitator() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    let before = "Before the lead joined: my manager undermines me";
    let shared = write(
        &app,
        PARTICIPANT,
        &[
            ("body", before),
            ("set_id", set.as_str()),
            ("sharing", "facilitator"),
        ],
    )
    .await;
    let lead_id = id(&app.person_id(ADMIN).await);
    let mut lead = app.signed_in(ADMIN).await;
    let org = {
        let mut conn = app.state.store.conn().await.unwrap();
        people::get(&mut conn, &lead_id)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    // A lead cannot change their own roles.
    let r = lead
        .post_form(
            &format!("/admin/people/{lead_id}/roles"),
            &[
                ("organisation_id", org.as_str()),
                ("roles", "admin"),
                ("roles", "facilitator"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("You cannot change your own roles"));

    // Even holding the role (given by someone else), they cannot add themself to a set that
    // is meeting.
    {
        let mut tx = app.state.store.begin().await.unwrap();
        people::set_roles(&mut tx, &lead_id, &org, &[Role::Admin, Role::Facilitator])
            .await
            .unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    let fran = app.person_id(FACILITATOR).await;
    let r = lead
        .post_form(
            &format!("/admin/sets/{set}/facilitators"),
            &[
                ("facilitators", fran.as_str()),
                ("facilitators", lead_id.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("You cannot add yourself"), "{}", r.body);
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    assert_eq!(
        api.json("GET", &format!("/api/v1/sets/{set}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Another lead adds them: the members are told who joined, the audit names them, and what
    // was shared with the facilitators before stays unread by the newcomer.
    make_person(&app, SECOND_LEAD, "Second Lead", Role::Admin).await;
    {
        let mut tx = app.state.store.begin().await.unwrap();
        let second = id(&app.person_id(SECOND_LEAD).await);
        people::set_roles(&mut tx, &second, &org, &[Role::Admin])
            .await
            .unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    let mut second = app.signed_in(SECOND_LEAD).await;
    let r = second
        .post_form(
            &format!("/admin/sets/{set}/facilitators"),
            &[
                ("facilitators", fran.as_str()),
                ("facilitators", lead_id.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        readers(&app, &shared, before, &[PARTICIPANT, FACILITATOR, ADMIN]).await,
        vec![PARTICIPANT, FACILITATOR]
    );
    let emails = app.queued_emails().await;
    for member in [PARTICIPANT, BO] {
        assert!(
            emails.iter().any(|e| e.to.contains(member)
                && e.subject.contains("now facilitates your set")
                && e.text.contains("Priya Lead")),
            "{member} is told who joined: {:?}",
            emails
                .iter()
                .map(|e| (&e.to, &e.subject))
                .collect::<Vec<_>>()
        );
    }
    assert!(
        audit_details(&app, "sets.facilitators")
            .await
            .iter()
            .any(|d| d.contains("added") && d.contains("Priya Lead")),
        "the audit names who was added"
    );
    // What is shared from now on reaches them.
    let after = "After the lead joined: a new plan for the rota";
    let later = write(
        &app,
        PARTICIPANT,
        &[
            ("body", after),
            ("set_id", set.as_str()),
            ("sharing", "facilitator"),
        ],
    )
    .await;
    assert_eq!(
        readers(&app, &later, after, &[PARTICIPANT, FACILITATOR, ADMIN, BO]).await,
        vec![PARTICIPANT, FACILITATOR, ADMIN]
    );
}

/// Finding 2, for the set itself: a facilitator who joined later, or a member who joined
/// later, reads only entries shared with the set after they joined.
#[tokio::test]
async fn someone_who_joins_a_set_later_reads_only_what_is_shared_after() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    let text = "Shared with my set before anyone new came";
    let entry = write(
        &app,
        PARTICIPANT,
        &[("body", text), ("set_id", set.as_str()), ("sharing", "set")],
    )
    .await;
    let late = make_person(
        &app,
        "late.joiner@harbour-trust.example",
        "Lee Late",
        Role::Participant,
    )
    .await;
    {
        let mut tx = app.state.store.begin().await.unwrap();
        sets::add_member(
            &mut tx,
            &sets::NewMember {
                set_id: &set,
                person_id: &late,
                unit_key: late.as_str(),
                rota_position: 9,
                locked: false,
                joined_at: revans_storage::now_ms() + 1,
            },
        )
        .await
        .unwrap();
        revans_storage::commit(tx).await.unwrap();
    }
    assert_eq!(
        readers(
            &app,
            &entry,
            text,
            &[
                PARTICIPANT,
                BO,
                FACILITATOR,
                "late.joiner@harbour-trust.example"
            ]
        )
        .await,
        vec![PARTICIPANT, BO, FACILITATOR]
    );
}

/// Finding 4: the sets overview showed "diary_entries: 2" for one member's two private entries,
/// and problem counts that undid the themes report's hiding.
#[tokio::test]
async fn the_sets_overview_and_cohort_sets_follow_the_small_number_rule() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    for body in ["First private thought", "Second private thought"] {
        write(&app, PARTICIPANT, &[("body", body)]).await;
    }
    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = pat
        .post_form(
            &format!("/sets/{set}/problems"),
            &[
                ("title", "Rota gaps"),
                ("description", "Nights are short of staff"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (_, cohort) = app.demo_programme().await;
    let cohort_name = {
        let mut conn = app.state.store.conn().await.unwrap();
        revans_storage::cohorts::get(&mut conn, &id(&cohort))
            .await
            .unwrap()
            .unwrap()
            .name
    };
    for email in [ADMIN, EVALUATOR] {
        let mut api = app.client();
        api.bearer = Some(app.api_token(email).await);
        let r = api.json("GET", "/api/v1/reports/sets", None).await;
        assert_eq!(r.status, StatusCode::OK, "{email}: {}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let rows = v["items"].as_array().unwrap();
        assert!(!rows.is_empty());
        for row in rows {
            for cell in ["members", "problems", "diary_entries"] {
                let n = &row[cell];
                assert!(
                    n.is_null()
                        || n.as_u64()
                            .is_some_and(|n| n == 0 || (n >= 10 && n % 5 == 0)),
                    "{cell} breaks the small-number rule: {row}"
                );
            }
        }
        let ours = rows
            .iter()
            .find(|r| r["cohort"] == cohort_name.as_str())
            .unwrap_or_else(|| panic!("the test set's cohort: {v}"));
        assert!(
            ours["diary_entries"].is_null(),
            "two entries hidden: {ours}"
        );
        assert!(ours["problems"].is_null(), "one problem hidden: {ours}");
        assert!(ours["members"].is_null(), "two members hidden: {ours}");
        let page = app.signed_in(email).await.get("/reports/sets").await;
        assert!(page.body.contains("Fewer than 8"), "{}", page.body);
    }
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    let r = api
        .json("GET", &format!("/api/v1/cohorts/{cohort}/sets"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let mine = v
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == set.as_str())
        .expect("the set");
    assert!(mine["problems"].is_null(), "one problem is hidden: {mine}");
    let page = app
        .signed_in(ADMIN)
        .await
        .get(&format!("/admin/cohorts/{cohort}/sets"))
        .await;
    assert!(!page.body.contains(">2</dd>"), "no raw diary count");
}

/// Finding 5: the audit log showed leads each person's diary, problem and action activity.
#[tokio::test]
async fn the_audit_log_holds_no_content_events() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    write(&app, PARTICIPANT, &[("body", "A private reflection")]).await;
    write(
        &app,
        FACILITATOR,
        &[
            ("body", "A log for my supervisor"),
            ("sharing", "supervisor"),
        ],
    )
    .await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = pat
        .post_form(
            &format!("/sets/{set}/problems"),
            &[
                ("title", "Handover"),
                ("description", "Handovers lose detail"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let actions = app.audit_actions().await;
    for content in ["diary.created", "log.created", "problems.added"] {
        assert!(
            !actions.iter().any(|a| a == content),
            "{content}: {actions:?}"
        );
    }
    let mut lead = app.signed_in(ADMIN).await;
    let page = lead.get("/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    for word in ["diary.created", "log.created", "problems.added", "Wrote a"] {
        assert!(!page.body.contains(word), "{word} in the audit page");
    }
    let mut api = app.client();
    api.bearer = Some(app.api_token(ADMIN).await);
    let r = api.json("GET", "/api/v1/audit", None).await;
    assert!(!r.body.contains("diary") && !r.body.contains("problems.added"));
}
