//! Learning diaries, reflective logs and the themes report (C5): confidentiality is the core
//! promise, so every reader who should not see an entry is checked by page and by API.

use axum::http::StatusCode;
use revans_domain::{EmailAddress, Id, PersonName, Role};
use revans_storage::sets::{self, NewMember, NewSet};
use revans_storage::{diaries, people, set_content};

use crate::helpers::*;

pub(crate) const OUTSIDER: &str = "outsider@harbour-trust.example";
pub(crate) const SUPERVISOR: &str = "supervisor@northcoast-ics.example";
pub(crate) const BO: &str = "participant@bay-council.example";

/// A signed-in person made for the test, with a role at the demo participant's organisation.
pub(crate) async fn make_person(app: &TestApp, email: &str, name: &str, role: Role) -> Id {
    let mut tx = app.state.store.begin().await.unwrap();
    let org = people::get(&mut tx, &id(&app.person_id(PARTICIPANT).await))
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let pid = people::insert(
        &mut tx,
        &org,
        &EmailAddress::parse(email).unwrap(),
        &PersonName::parse(name).unwrap(),
    )
    .await
    .unwrap();
    let hash =
        revans_app::security::hash_password(&revans_domain::Password::parse(PASSWORD).unwrap())
            .await
            .unwrap();
    people::set_password_hash(&mut tx, &pid, &hash)
        .await
        .unwrap();
    people::set_roles(&mut tx, &pid, &org, &[role])
        .await
        .unwrap();
    revans_storage::commit(tx).await.unwrap();
    pid
}

pub(crate) fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

/// A published set in the demo cohort: the demo participant (Pat) and Bo as members, the demo
/// facilitator (Fran) facilitating, supervised by a new supervisor; an outsider in another set.
pub(crate) async fn world(app: &TestApp) -> Id {
    make_person(app, OUTSIDER, "Oona Outsider", Role::Participant).await;
    let supervisor = make_person(app, SUPERVISOR, "Sue Supervisor", Role::Facilitator).await;
    let (_, cohort) = app.demo_programme().await;
    let cohort = id(&cohort);
    let mut tx = app.state.store.begin().await.unwrap();
    let mut ids = Vec::new();
    for (i, name) in ["Diary test set A", "Diary test set B"].iter().enumerate() {
        let new = NewSet {
            cohort_id: &cohort,
            name,
            position: 100 + i as i64,
            review_every: 7,
            timezone: "Europe/London",
        };
        ids.push(sets::insert(&mut tx, &new).await.unwrap());
    }
    let members = [
        (&ids[0], app.person_id(PARTICIPANT).await),
        (&ids[0], app.person_id(BO).await),
        (&ids[1], app.person_id(OUTSIDER).await),
    ];
    for (set, who) in &members {
        let who = id(who);
        sets::add_member(
            &mut tx,
            &NewMember {
                set_id: set,
                person_id: &who,
                unit_key: who.as_str(),
                rota_position: 0,
                locked: false,
                joined_at: 0,
            },
        )
        .await
        .unwrap();
    }
    let fran = id(&app.person_id(FACILITATOR).await);
    sets::replace_facilitators(&mut tx, &ids[0], std::slice::from_ref(&fran))
        .await
        .unwrap();
    diaries::set_supervisor(&mut tx, &fran, &supervisor)
        .await
        .unwrap();
    sets::publish(&mut tx, &cohort).await.unwrap();
    revans_storage::commit(tx).await.unwrap();
    ids.remove(0)
}

/// Writes an entry through the page and returns its id.
pub(crate) async fn write(app: &TestApp, email: &str, fields: &[(&str, &str)]) -> String {
    let mut c = app.signed_in(email).await;
    c.get("/diary").await;
    let r = c.post_form("/diary", fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let loc = r.location.unwrap();
    loc.trim_start_matches("/diary/")
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

/// Who can read the entry, by page and by API; asserts page and API agree and that a refused
/// reader's response never contains the text.
pub(crate) async fn readers(
    app: &TestApp,
    entry: &str,
    text: &str,
    who: &[&'static str],
) -> Vec<&'static str> {
    let mut out = Vec::new();
    for email in who {
        let mut page = app.signed_in(email).await;
        let p = page.get(&format!("/diary/{entry}")).await;
        let mut api = app.client();
        api.bearer = Some(app.api_token(email).await);
        let a = api
            .json("GET", &format!("/api/v1/diary/{entry}"), None)
            .await;
        let listed = api.json("GET", "/api/v1/diary", None).await;
        let page_list = page.get("/diary").await;
        match p.status {
            StatusCode::OK => {
                assert!(p.body.contains(text), "{email} page");
                assert_eq!(a.status, StatusCode::OK, "{email} API disagrees with page");
                assert!(a.body.contains(text));
                assert!(listed.body.contains(entry), "{email} API list");
                assert!(page_list.body.contains(entry), "{email} page list");
                out.push(*email);
            }
            StatusCode::NOT_FOUND => {
                assert!(!p.body.contains(text), "{email} page leaks the text");
                assert_eq!(a.status, StatusCode::NOT_FOUND, "{email} API disagrees");
                assert!(!a.body.contains(text), "{email} API leaks the text");
                assert!(!listed.body.contains(entry), "{email} API list leaks");
                assert!(!page_list.body.contains(text), "{email} page list leaks");
            }
            other => panic!("{email}: unexpected {other}"),
        }
    }
    out
}

pub(crate) const EVERYONE: [&str; 9] = [
    PARTICIPANT,
    BO,
    OUTSIDER,
    FACILITATOR,
    SUPERVISOR,
    ADMIN,
    SPONSOR,
    EVALUATOR,
    OTHER_ADMIN,
];

#[tokio::test]
async fn a_diary_entry_is_private_by_default_by_page_and_by_api() {
    let app = TestApp::spawn().await;
    world(&app).await;
    let text = "I felt out of my depth when the ward manager pushed back";
    let entry = write(&app, PARTICIPANT, &[("body", text)]).await;
    assert_eq!(
        readers(&app, &entry, text, &EVERYONE).await,
        vec![PARTICIPANT]
    );
    // The audit log (read by leads) holds neither what an entry says nor that it was written.
    let mut conn = app.state.store.conn().await.unwrap();
    for org in revans_storage::organisations::list_all(&mut conn)
        .await
        .unwrap()
    {
        for e in revans_storage::audit::list_in_tree(&mut conn, &org.id, 1000, 0)
            .await
            .unwrap()
        {
            assert!(!e.detail.contains("out of my depth"), "audit: {}", e.detail);
        }
    }
    assert!(!app.audit_actions().await.contains(&"diary.created".into()));
}

#[tokio::test]
async fn an_entry_written_over_the_api_is_private_too() {
    let app = TestApp::spawn().await;
    world(&app).await;
    let mut api = app.client();
    api.bearer = Some(app.api_token(PARTICIPANT).await);
    let text = "Notes from the API about my manager";
    let r = api
        .json(
            "POST",
            "/api/v1/diary",
            Some(&format!(r#"{{"body":"{text}"}}"#)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let entry = v["id"].as_str().unwrap().to_owned();
    assert_eq!(
        readers(
            &app,
            &entry,
            text,
            &[PARTICIPANT, BO, ADMIN, SPONSOR, EVALUATOR]
        )
        .await,
        vec![PARTICIPANT]
    );
    // An id that names no entry is answered exactly like one the reader may not see.
    let r = api
        .json(
            "GET",
            "/api/v1/diary/00000000-0000-0000-0000-000000000000",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_entry_shared_with_the_set_is_read_by_its_members_and_facilitator_only() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    let text = "Shared with my set: the rota idea worked";
    let entry = write(
        &app,
        PARTICIPANT,
        &[("body", text), ("set_id", set.as_str()), ("sharing", "set")],
    )
    .await;
    assert_eq!(
        readers(&app, &entry, text, &EVERYONE).await,
        vec![PARTICIPANT, BO, FACILITATOR]
    );
    let text = "Only for the facilitator";
    let entry = write(
        &app,
        PARTICIPANT,
        &[
            ("body", text),
            ("set_id", set.as_str()),
            ("sharing", "facilitator"),
        ],
    )
    .await;
    assert_eq!(
        readers(&app, &entry, text, &EVERYONE).await,
        vec![PARTICIPANT, FACILITATOR]
    );
    // A reader it is shared with cannot change it: to them, editing it does not exist.
    let mut fran = app.signed_in(FACILITATOR).await;
    fran.get(&format!("/diary/{entry}")).await;
    let r = fran
        .post_form(
            &format!("/diary/{entry}"),
            &[("body", "rewritten"), ("sharing", "set")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The author can, and can make it private again.
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get(&format!("/diary/{entry}")).await;
    let r = pat
        .post_form(
            &format!("/diary/{entry}"),
            &[("body", "Private now"), ("sharing", "private")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        readers(&app, &entry, "Private now", &[PARTICIPANT, FACILITATOR]).await,
        vec![PARTICIPANT]
    );
    assert!(!app.audit_actions().await.contains(&"diary.updated".into()));
}

#[tokio::test]
async fn sharing_needs_a_set_the_author_is_a_member_of() {
    let app = TestApp::spawn().await;
    world(&app).await;
    let mut out = app.signed_in(OUTSIDER).await;
    out.get("/diary").await;
    let r = out
        .post_form("/diary", &[("body", "Keep this text"), ("sharing", "set")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Choose a set you are a member of"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Keep this text"));
}

#[tokio::test]
async fn a_facilitators_log_shared_with_the_supervisor_is_read_by_the_supervisor_only() {
    let app = TestApp::spawn().await;
    world(&app).await;
    let text = "Supervision: I rescued the set too quickly";
    let entry = write(
        &app,
        FACILITATOR,
        &[("body", text), ("sharing", "supervisor")],
    )
    .await;
    assert_eq!(
        readers(&app, &entry, text, &EVERYONE).await,
        vec![FACILITATOR, SUPERVISOR]
    );
    let private = write(&app, FACILITATOR, &[("body", "Just for me")]).await;
    assert_eq!(
        readers(
            &app,
            &private,
            "Just for me",
            &[FACILITATOR, SUPERVISOR, ADMIN]
        )
        .await,
        vec![FACILITATOR]
    );
    // A diary-only sharing choice is refused for a log.
    let mut fran = app.signed_in(FACILITATOR).await;
    fran.get("/diary").await;
    let r = fran
        .post_form("/diary", &[("body", "x"), ("sharing", "set")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_oversize_entry_names_the_limit_keeps_the_text_and_saves_nothing() {
    let app = TestApp::spawn().await;
    world(&app).await;
    let long = format!("{}END", "a".repeat(20_000));
    let pat_id = id(&app.person_id(PARTICIPANT).await);
    // The demo gives Pat entries of their own (the portfolio's); none may be added.
    let before = {
        let mut conn = app.state.store.conn().await.unwrap();
        diaries::count_by_author(&mut conn, &pat_id).await.unwrap()
    };
    let mut pat = app.signed_in(PARTICIPANT).await;
    pat.get("/diary").await;
    let r = pat.post_form("/diary", &[("body", &long)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("There is a problem"));
    assert!(
        r.body.contains("20,000 characters or fewer"),
        "names the limit"
    );
    assert!(r.body.contains(&long), "the text is kept in the form");
    let mut api = app.client();
    api.bearer = Some(app.api_token(PARTICIPANT).await);
    let r = api
        .json(
            "POST",
            "/api/v1/diary",
            Some(&format!(r#"{{"body":"{long}"}}"#)),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("20,000"));
    let mut conn = app.state.store.conn().await.unwrap();
    assert_eq!(
        diaries::count_by_author(&mut conn, &pat_id).await.unwrap(),
        before
    );
    assert!(!app.audit_actions().await.contains(&"diary.created".into()));
}

#[tokio::test]
async fn the_themes_report_hides_small_counts_and_rounds_the_rest() {
    let app = TestApp::spawn().await;
    let set = world(&app).await;
    {
        let pat = id(&app.person_id(PARTICIPANT).await);
        let mut tx = app.state.store.begin().await.unwrap();
        for (theme, n) in [("Workforce", 3), ("Patient flow", 12), ("Finance", 8)] {
            for i in 0..n {
                let title = format!("Secret problem title {theme} {i}");
                set_content::insert_problem(
                    &mut tx,
                    &set_content::NewProblem {
                        set_id: &set,
                        unit_key: pat.as_str(),
                        author_id: &pat,
                        title: &title,
                        description: "confidential",
                        themes: &[theme.to_owned()],
                    },
                )
                .await
                .unwrap();
            }
        }
        revans_storage::commit(tx).await.unwrap();
    }
    for email in [ADMIN, EVALUATOR] {
        let mut c = app.signed_in(email).await;
        let r = c.get("/reports/themes").await;
        assert_eq!(r.status, StatusCode::OK);
        let row = |theme: &str| {
            let start = r.body.find(&format!("<td>{theme}</td>")).unwrap();
            r.body[start..start + r.body[start..].find("</tr>").unwrap()].to_owned()
        };
        assert!(row("Workforce").contains("Fewer than 8"));
        assert!(row("Patient flow").contains("<td>10</td>"));
        assert!(row("Finance").contains("<td>10</td>"));
        assert!(
            r.body
                .contains("Total of the numbers shown</th><td>20</td>")
        );
        assert!(r.body.contains("rounded to the nearest 5"));
        assert!(!r.body.contains("Secret problem title"));
        let mut api = app.client();
        api.bearer = Some(app.api_token(email).await);
        let a = api.json("GET", "/api/v1/reports/themes", None).await;
        assert_eq!(a.status, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_str(&a.body).unwrap();
        assert_eq!(v["total"], 20);
        let workforce = v["themes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["theme"] == "Workforce")
            .unwrap();
        assert!(workforce["count"].is_null());
        assert_eq!(workforce["shown"], "Fewer than 8");
    }
    // Another tenant's lead sees none of these sets.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    let r = other.get("/reports/themes").await;
    assert!(!r.body.contains("Patient flow"));
}

#[tokio::test]
async fn a_lead_sets_the_theme_vocabulary() {
    let app = TestApp::spawn().await;
    let mut c = app.signed_in(ADMIN).await;
    c.get("/reports/themes").await;
    let r = c
        .post_form(
            "/reports/themes/vocabulary",
            &[("themes", "Workforce\nPatient flow\nworkforce")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("already on line 1"), "{}", r.body);
    assert!(r.body.contains("Patient flow"), "what was typed is kept");
    let r = c
        .post_form(
            "/reports/themes/vocabulary",
            &[("themes", " Workforce \n\nPatient flow")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = c.get("/reports/themes").await;
    assert!(
        r.body.contains("Workforce\nPatient flow</textarea>"),
        "{}",
        r.body
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"themes.vocabulary_saved".into())
    );
    let mut e = app.signed_in(EVALUATOR).await;
    let r = e.get("/reports/themes").await;
    assert!(!r.body.contains("/reports/themes/vocabulary"));
}

/// A problem in a set, written straight into storage; returns its id.
async fn problem_in(app: &TestApp, set: &Id, author: &str, title: &str) -> Id {
    let mut conn = app.state.store.conn().await.unwrap();
    let author = id(&app.person_id(author).await);
    set_content::insert_problem(
        &mut conn,
        &set_content::NewProblem {
            set_id: set,
            unit_key: author.as_str(),
            author_id: &author,
            title,
            description: "",
            themes: &[],
        },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn an_entry_about_a_meeting_or_problem_names_it_only_to_those_who_may_read_the_set() {
    let app = TestApp::spawn().await;
    let set_a = world(&app).await;
    let set_b = {
        let mut conn = app.state.store.conn().await.unwrap();
        let a = sets::get(&mut conn, &set_a).await.unwrap().unwrap();
        sets::list_for_cohort(&mut conn, &a.cohort_id)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.name == "Diary test set B")
            .unwrap()
            .id
    };
    let ours = problem_in(&app, &set_a, PARTICIPANT, "Night rota gaps").await;
    let theirs = problem_in(&app, &set_b, OUTSIDER, "Their secret problem").await;
    let meeting = {
        let mut conn = app.state.store.conn().await.unwrap();
        let hour = 3_600_000;
        let start = revans_storage::now_ms() - 48 * hour;
        revans_storage::meetings::insert_many(
            &mut conn,
            &set_a,
            &[revans_domain::Session {
                starts_at: start,
                ends_at: start + 3 * hour,
            }],
        )
        .await
        .unwrap();
        revans_storage::meetings::list_for_set(&mut conn, &set_a)
            .await
            .unwrap()
            .remove(0)
            .id
    };

    // Pat is offered her own set's meeting and problem, never another set's.
    let mut pat = app.signed_in(PARTICIPANT).await;
    let form = pat.get("/diary").await;
    assert!(
        form.body.contains("Problem: Night rota gaps"),
        "{}",
        form.body
    );
    assert!(form.body.contains(&format!("meeting:{meeting}")));
    assert!(!form.body.contains("Their secret problem"));

    // Choosing another set's problem is refused, the text kept, nothing saved.
    let before = {
        let mut conn = app.state.store.conn().await.unwrap();
        diaries::by_author(&mut conn, &id(&app.person_id(PARTICIPANT).await))
            .await
            .unwrap()
            .len()
    };
    let r = pat
        .post_form(
            "/diary",
            &[("body", "Keep me"), ("about", &format!("problem:{theirs}"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Choose a meeting or problem of one of your sets")
    );
    assert!(r.body.contains("Keep me"));
    let mut conn = app.state.store.conn().await.unwrap();
    let pat_id = id(&app.person_id(PARTICIPANT).await);
    assert_eq!(
        diaries::by_author(&mut conn, &pat_id).await.unwrap().len(),
        before
    );

    // About her own problem, shared with the set: the link gives the entry its set.
    let entry = write(
        &app,
        PARTICIPANT,
        &[
            ("body", "What I noticed about the rota"),
            ("about", &format!("problem:{ours}")),
            ("sharing", "set"),
        ],
    )
    .await;
    let stored = diaries::visible_to(&mut conn, &id(&entry), &pat_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.problem_id.as_ref(), Some(&ours));
    assert_eq!(stored.set_id.as_ref(), Some(&set_a));
    let mut bo = app.signed_in(BO).await;
    let page = bo.get(&format!("/diary/{entry}")).await;
    assert!(
        page.body.contains("Problem: Night rota gaps"),
        "{}",
        page.body
    );

    // Fran's log about the meeting, shared with her supervisor: the supervisor reads the log
    // but is not in the set, so is not told which meeting it was about.
    let log = write(
        &app,
        FACILITATOR,
        &[
            ("body", "The set went quiet after the break"),
            ("about", &format!("meeting:{meeting}")),
            ("sharing", "supervisor"),
        ],
    )
    .await;
    let mut fran = app.signed_in(FACILITATOR).await;
    assert!(
        fran.get(&format!("/diary/{log}"))
            .await
            .body
            .contains("data-about")
    );
    let mut sue = app.signed_in(SUPERVISOR).await;
    let seen = sue.get(&format!("/diary/{log}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("The set went quiet") && !seen.body.contains("data-about"));
}
