//! Sets in use (C3-C5) through the pages and the API: forming the demo's autumn cohort of 24
//! with pairs and reporting lines, hand moves re-checked, facilitators outside reporting lines,
//! publishing, meetings with the presenter rota, attendance, and who may see a set's content.

use axum::http::StatusCode;
use revans_domain::Id;
use revans_storage::sets;

use crate::helpers::*;

/// An autumn participant; demo people outside the sign-in list get the demo password here.
pub(crate) const JACK: &str = "jack.turner@bay-council.example";

pub(crate) async fn with_password(app: &TestApp, email: &str) -> Client {
    let mut conn = app.state.store.conn().await.unwrap();
    let id = Id::parse(&app.person_id(email).await).unwrap();
    let hash =
        revans_app::security::hash_password(&revans_domain::Password::parse(PASSWORD).unwrap())
            .await
            .unwrap();
    revans_storage::people::set_password_hash(&mut conn, &id, &hash)
        .await
        .unwrap();
    app.signed_in(email).await
}

/// The demo cohorts of "Leading Through Change": (spring with its published set, autumn).
pub(crate) async fn cohorts(app: &TestApp) -> (Id, Id) {
    let mut conn = app.state.store.conn().await.unwrap();
    for org in revans_storage::organisations::list_all(&mut conn)
        .await
        .unwrap()
    {
        for p in revans_storage::programmes::list_in_tree(&mut conn, &org.id)
            .await
            .unwrap()
        {
            if p.fields.title.starts_with("Leading Through Change") {
                let cs = revans_storage::cohorts::list_for_programme(&mut conn, &p.id)
                    .await
                    .unwrap();
                let find = |n: &str| cs.iter().find(|c| c.name == n).unwrap().id.clone();
                return (find("Spring 2026"), find("Autumn 2026"));
            }
        }
    }
    panic!("no demo action learning programme");
}

pub(crate) async fn spring_set(app: &TestApp) -> String {
    let (spring, _) = cohorts(app).await;
    let mut conn = app.state.store.conn().await.unwrap();
    sets::list_for_cohort(&mut conn, &spring).await.unwrap()[0]
        .id
        .to_string()
}

/// Six pairs among the autumn people (names and domains from the demo seed), none of them in
/// the demo's reporting lines (Femi manages Grace and Harry; Grace manages Isla).
pub(crate) const PAIRS: [(&str, &str); 6] = [
    (
        "jack.turner@bay-council.example",
        "kiran.shah@cliffside-care.example",
    ),
    (
        "lily.price@northcoast-ics.example",
        "mo.ahmed@harbour-trust.example",
    ),
    (
        "nina.rossi@bay-council.example",
        "owen.price@cliffside-care.example",
    ),
    (
        "priti.rao@northcoast-ics.example",
        "quinn.baker@harbour-trust.example",
    ),
    (
        "rosa.diaz@bay-council.example",
        "sean.kelly@cliffside-care.example",
    ),
    (
        "tara.singh@northcoast-ics.example",
        "umar.farooq@harbour-trust.example",
    ),
];

fn pairs_text() -> String {
    PAIRS
        .iter()
        .map(|(a, b)| format!("{a}, {b}"))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn form_autumn(app: &TestApp, admin: &mut Client, pairs: &str) -> Response {
    let (_, autumn) = cohorts(app).await;
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets"),
            &[
                ("size_min", "5"),
                ("size_max", "7"),
                ("max_per_organisation", "3"),
                ("pairs", pairs),
                ("review_every", "7"),
            ],
        )
        .await;
    app.finish_forming(&r).await;
    r
}

#[tokio::test]
async fn a_lead_forms_sets_that_keep_pairs_together_and_reporting_lines_apart() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let r = form_autumn(&app, &mut admin, &pairs_text()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let (_, autumn) = cohorts(&app).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let drafts = sets::list_for_cohort(&mut conn, &autumn).await.unwrap();
    assert_eq!(drafts.len(), 4, "24 people in sets of 5-7");
    let mut set_of = std::collections::HashMap::new();
    for s in &drafts {
        assert!(!s.is_published());
        let members = sets::members(&mut conn, &s.id).await.unwrap();
        assert!(
            (5..=7).contains(&members.len()),
            "{} has {}",
            s.name,
            members.len()
        );
        for m in members {
            set_of.insert(m.email.clone(), s.id.clone());
        }
    }
    assert_eq!(set_of.len(), 24);
    for (a, b) in PAIRS {
        assert_eq!(set_of[a], set_of[b], "pair {a} / {b} split");
    }
    let femi = "femi.adeyemi@bay-council.example";
    for other in [
        "grace.lee@cliffside-care.example",
        "harry.wood@northcoast-ics.example",
        "isla.murray@harbour-trust.example",
    ] {
        assert_ne!(
            set_of[femi], set_of[other],
            "Femi shares a set with {other}, in their chain"
        );
    }
    assert_ne!(
        set_of["grace.lee@cliffside-care.example"],
        set_of["isla.murray@harbour-trust.example"]
    );
    let page = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("6 people from"),
        "each set in plain words"
    );
    assert!(!page.body.contains("Diversity score"), "no engine words");
    // Drafts are the lead's alone.
    let mut bo = with_password(&app, JACK).await;
    let draft = drafts[0].id.to_string();
    assert_eq!(
        bo.get(&format!("/sets/{draft}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!bo.get("/sets").await.body.contains("Set 1"));
}

#[tokio::test]
async fn forming_again_keeps_earlier_set_mates_apart() {
    let app = TestApp::spawn().await;
    let (spring, autumn) = cohorts(&app).await;
    // Four autumn people shared a set in the spring cycle.
    let earlier = [
        "jack.turner@bay-council.example",
        "lily.price@northcoast-ics.example",
        "nina.rossi@bay-council.example",
        "priti.rao@northcoast-ics.example",
    ];
    {
        let mut conn = app.state.store.conn().await.unwrap();
        let set = sets::insert(
            &mut conn,
            &sets::NewSet {
                cohort_id: &spring,
                name: "Set 2",
                position: 1,
                review_every: 7,
                timezone: "Europe/London",
            },
        )
        .await
        .unwrap();
        for (i, email) in earlier.iter().enumerate() {
            let person = Id::parse(&app.person_id(email).await).unwrap();
            sets::add_member(
                &mut conn,
                &sets::NewMember {
                    set_id: &set,
                    person_id: &person,
                    unit_key: person.as_str(),
                    rota_position: i as i64,
                    locked: false,
                    joined_at: 0,
                },
            )
            .await
            .unwrap();
        }
        sets::publish(&mut conn, &spring).await.unwrap();
    }
    let mut admin = app.signed_in(ADMIN).await;
    let r = form_autumn(&app, &mut admin, "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let mut sets_of_earlier = std::collections::HashSet::new();
    for s in sets::list_for_cohort(&mut conn, &autumn).await.unwrap() {
        for m in sets::members(&mut conn, &s.id).await.unwrap() {
            if earlier.contains(&m.email.as_str()) {
                sets_of_earlier.insert(s.id.clone());
            }
        }
    }
    assert_eq!(
        sets_of_earlier.len(),
        4,
        "each earlier set-mate in a different set"
    );
    let page = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert!(
        page.body.contains("No two people who shared a set before"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn when_the_rules_say_so_facilitators_come_from_another_organisation() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets"),
            &[
                ("size_min", "5"),
                ("size_max", "7"),
                ("max_per_organisation", "3"),
                ("review_every", "7"),
                ("facilitators_elsewhere", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let page = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert!(
        page.body.contains(r#"value="yes" checked"#),
        "the rule is shown as chosen"
    );
    // Fran works for North Coast ICS: refused where a member does, accepted elsewhere.
    let fran = app.person_id(FACILITATOR).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let (mut refused, mut accepted) = (0, 0);
    for s in sets::list_for_cohort(&mut conn, &autumn).await.unwrap() {
        let colleague = sets::members(&mut conn, &s.id)
            .await
            .unwrap()
            .into_iter()
            .any(|m| m.email.ends_with("@northcoast-ics.example"));
        let r = admin
            .post_form(
                &format!("/admin/sets/{}/facilitators", s.id),
                &[("facilitators", fran.as_str())],
            )
            .await;
        if colleague {
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                r.body.contains("is from the same organisation"),
                "{}",
                r.body
            );
            assert!(
                sets::facilitators(&mut conn, &s.id)
                    .await
                    .unwrap()
                    .is_empty()
            );
            refused += 1;
        } else {
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
            app.finish_forming(&r).await;
            accepted += 1;
        }
    }
    assert!(
        refused > 0,
        "some set has a North Coast member ({accepted} accepted)"
    );
}

#[tokio::test]
async fn a_leads_own_attributes_and_rules_shape_the_sets() {
    let app = TestApp::spawn().await;
    let (_, autumn) = cohorts(&app).await;
    let people = {
        let mut conn = app.state.store.conn().await.unwrap();
        sets::cohort_participants(&mut conn, &autumn).await.unwrap()
    };
    // Four Directors among the 24 (every sixth person); professions in turn.
    let mut csv = String::from("email,grade,profession\n");
    let mut directors = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let grade = if i % 6 == 0 { "Director" } else { "Manager" };
        if grade == "Director" {
            directors.push(p.email.clone());
        }
        let profession = ["Nursing", "Finance", "Social work"][i % 3];
        csv.push_str(&format!("{},{grade},{profession}\n", p.email));
    }
    assert_eq!(directors.len(), 4);
    let mut admin = app.signed_in(ADMIN).await;
    let form = |rules: &str, csv: &str| {
        vec![
            ("size_min", "5".to_owned()),
            ("size_max", "7".to_owned()),
            ("review_every", "7".to_owned()),
            ("attributes", csv.to_owned()),
            ("attribute_rules", rules.to_owned()),
        ]
    };
    let path = format!("/admin/cohorts/{autumn}/sets");
    // Bad lines and rows are named, and nothing is formed.
    let bad_csv = format!("{csv}nobody@example.org,Director,Finance\n");
    let r = admin
        .post_form(
            &path,
            &pairs_of(&form(
                "diverse seniority\nsimilar grade\nat least one Director per grade",
                &bad_csv,
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for expected in [
        "Row 26: &#34;nobody@example.org&#34; has no confirmed place in this cohort",
        "Line 1: &#34;seniority&#34; is not a column; the columns are grade, profession",
        "Line 3: &#34;one&#34; must be a whole number from 1 to 50",
    ] {
        assert!(r.body.contains(expected), "{expected} in {}", r.body);
    }
    let r = admin
        .post_form(&path, &pairs_of(&form("similar grade", &csv)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("needs numbers in that column"),
        "{}",
        r.body
    );
    {
        let mut conn = app.state.store.conn().await.unwrap();
        assert!(
            sets::list_for_cohort(&mut conn, &autumn)
                .await
                .unwrap()
                .is_empty()
        );
    }
    // A Director in every set, professions mixed. (Without the rule, this seed leaves a set
    // with none.)
    let r = admin
        .post_form(
            &path,
            &pairs_of(&form(
                "at least 1 Director per grade\ndiverse profession 2",
                &csv,
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let formed = sets::list_for_cohort(&mut conn, &autumn).await.unwrap();
    assert_eq!(formed.len(), 4);
    for s in &formed {
        let members = sets::members(&mut conn, &s.id).await.unwrap();
        let count = members
            .iter()
            .filter(|m| directors.contains(&m.email))
            .count();
        assert_eq!(count, 1, "{} has {count} Directors", s.name);
    }
    let page = admin.get(&path).await;
    assert!(
        page.body.contains("grade,profession"),
        "the CSV is kept for forming again"
    );
}

fn pairs_of<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn bad_formation_rules_name_the_field_and_save_nothing() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    // A pair in one management chain cannot share a set.
    let r = form_autumn(
        &app,
        &mut admin,
        "femi.adeyemi@bay-council.example, grace.lee@cliffside-care.example",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Femi Adeyemi"), "{}", r.body);
    let r = form_autumn(
        &app,
        &mut admin,
        "nobody@example.org, jack.turner@bay-council.example",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Line 1: nobody@example.org has no place in this cohort"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("nobody@example.org, jack.turner"),
        "what was typed is kept"
    );
    let (_, autumn) = cohorts(&app).await;
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets"),
            &[("size_min", "9"), ("size_max", "4"), ("review_every", "7")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("must not be smaller than the smallest"),
        "{}",
        r.body
    );
    let mut conn = app.state.store.conn().await.unwrap();
    assert!(
        sets::list_for_cohort(&mut conn, &autumn)
            .await
            .unwrap()
            .is_empty(),
        "nothing saved"
    );
}

#[tokio::test]
async fn moves_are_rechecked_facilitators_stay_outside_reporting_lines_and_publishing_emails_everyone()
 {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    assert_eq!(
        form_autumn(&app, &mut admin, &pairs_text()).await.status,
        StatusCode::SEE_OTHER
    );
    let (_, autumn) = cohorts(&app).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let drafts = sets::list_for_cohort(&mut conn, &autumn).await.unwrap();
    let members = |set: usize| {
        let id = drafts[set].id.clone();
        let store = app.state.store.clone();
        async move {
            sets::members(&mut store.conn().await.unwrap(), &id)
                .await
                .unwrap()
        }
    };
    // Moving Femi into the set of someone he manages is refused with the reason.
    let mut femi_set = 0;
    let mut grace_set = 0;
    for i in 0..drafts.len() {
        for m in members(i).await {
            if m.name == "Femi Adeyemi" {
                femi_set = i;
            }
            if m.name == "Grace Lee" {
                grace_set = i;
            }
        }
    }
    let femi = members(femi_set)
        .await
        .into_iter()
        .find(|m| m.name == "Femi Adeyemi")
        .unwrap();
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets/move"),
            &[
                ("member", femi.id.as_str()),
                ("to_set", drafts[grace_set].id.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Femi Adeyemi cannot move to"), "{}", r.body);
    assert_eq!(
        sets::members(&mut conn, &drafts[femi_set].id)
            .await
            .unwrap()
            .iter()
            .filter(|m| m.name == "Femi Adeyemi")
            .count(),
        1,
        "not moved"
    );

    // Publishing needs a facilitator in every set.
    let r = admin
        .post_form(&format!("/admin/cohorts/{autumn}/sets/publish"), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("has no facilitator yet"), "{}", r.body);
    let fran = app.person_id(FACILITATOR).await;
    for s in &drafts {
        let r = admin
            .post_form(
                &format!("/admin/sets/{}/facilitators", s.id),
                &[("facilitators", fran.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        app.finish_forming(&r).await;
    }
    // A facilitator who manages a member is refused: make Fran Femi's manager.
    let fran_id = Id::parse(&fran).unwrap();
    revans_storage::reporting_lines::set_manager(&mut conn, &femi.person_id, Some(&fran_id))
        .await
        .unwrap();
    let r = admin
        .post_form(
            &format!("/admin/sets/{}/facilitators", drafts[femi_set].id),
            &[("facilitators", fran.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("reporting line"), "{}", r.body);
    revans_storage::reporting_lines::set_manager(&mut conn, &femi.person_id, None)
        .await
        .unwrap();

    let before = app.queued_emails().await.len();
    let r = admin
        .post_form(&format!("/admin/cohorts/{autumn}/sets/publish"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let emails = app.queued_emails().await;
    assert_eq!(
        emails.len() - before,
        24 + 4,
        "every member and the facilitator of each set"
    );
    assert!(
        emails
            .iter()
            .any(|e| e.to == JACK && e.subject.contains("Your action learning set is Set"))
    );
    // Bo now sees their set.
    let mut bo = with_password(&app, JACK).await;
    let list = bo.get("/sets").await;
    assert!(list.body.contains("/sets/"), "{}", list.body);
}

#[tokio::test]
async fn a_facilitator_runs_meetings_the_rota_advances_an_absent_presenter_keeps_the_turn_and_the_seventh_is_a_review()
 {
    let app = TestApp::spawn().await;
    let set = spring_set(&app).await;
    let mut fran = app.signed_in(FACILITATOR).await;
    let page = fran.get(&format!("/sets/{set}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let mut conn = app.state.store.conn().await.unwrap();
    let set_id = Id::parse(&set).unwrap();
    let ms = revans_storage::meetings::list_for_set(&mut conn, &set_id)
        .await
        .unwrap();
    assert_eq!(ms.len(), 6);
    let members = sets::members(&mut conn, &set_id).await.unwrap();
    // Two meetings were held with everyone present: units 1 and 2 presented; 3 is next.
    let api = app.api_token(FACILITATOR).await;
    let mut c = app.client();
    let view: serde_json::Value = {
        let r = c
            .json_with_token("GET", &format!("/api/v1/sets/{set}"), None, &api)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        serde_json::from_str(&r.body).unwrap()
    };
    let presenter = |v: &serde_json::Value, i: usize| {
        v["meetings"][i]["presenter"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(presenter(&view, 0), members[0].name);
    assert_eq!(presenter(&view, 1), members[1].name);
    assert_eq!(presenter(&view, 2), members[2].name);
    // Meeting 3: the presenter is absent, so they keep the turn at meeting 4.
    let mut fields: Vec<(String, String)> = members
        .iter()
        .map(|m| {
            (
                format!("attendance-{}", m.person_id),
                if m.name == members[2].name {
                    "absent".into()
                } else {
                    "present".into()
                },
            )
        })
        .collect();

    let r = fran
        .post_form_owned(&format!("/meetings/{}/attendance", ms[2].id), &fields)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let view: serde_json::Value = serde_json::from_str(
        &c.json_with_token("GET", &format!("/api/v1/sets/{set}"), None, &api)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        presenter(&view, 3),
        members[2].name,
        "absent presenter keeps the turn"
    );
    assert_eq!(presenter(&view, 4), members[3].name);
    // Absent again at meeting 4: flagged to the facilitator (two in a row).
    fields.iter_mut().for_each(|(k, v)| {
        if k.ends_with(members[2].person_id.as_str()) {
            *v = "absent".into()
        }
    });
    let r = fran
        .post_form_owned(&format!("/meetings/{}/attendance", ms[3].id), &fields)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let page = fran.get(&format!("/sets/{set}")).await;
    assert!(
        page.body.contains("Missed two meetings in a row"),
        "flag shown"
    );
    // Add a 7th meeting: it is a review with no presenter.
    let r = fran
        .post_form(
            &format!("/sets/{set}/meetings"),
            &[
                ("cadence", "monthly"),
                ("start_date", "2031-01-01"),
                ("start_time", "09:30"),
                ("duration_minutes", "180"),
                ("count", "1"),
                ("timezone", "Europe/London"),
            ],
        )
        .await;
    // The spring cohort's dates end before 2031: a facilitated set cannot meet then.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("outside the cohort"), "{}", r.body);
    let last = ms.last().unwrap().starts_at;
    revans_storage::meetings::insert_many(
        &mut conn,
        &set_id,
        &[revans_domain::Session {
            starts_at: last + 86_400_000,
            ends_at: last + 86_400_000 + 3_600_000,
        }],
    )
    .await
    .unwrap();
    let view: serde_json::Value = serde_json::from_str(
        &c.json_with_token("GET", &format!("/api/v1/sets/{set}"), None, &api)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(view["meetings"][6]["kind"], "review");
    assert!(view["meetings"][6]["presenter"].is_null());
}

#[tokio::test]
async fn set_content_is_for_the_set_and_its_facilitator_only() {
    let app = TestApp::spawn().await;
    let set = spring_set(&app).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    let r = pat
        .post_form(
            &format!("/sets/{set}/problems"),
            &[
                ("title", "Discharge delays on ward 7"),
                ("description", "Patients wait for social care packages"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    assert!(
        pat.get(&format!("/sets/{set}"))
            .await
            .body
            .contains("Discharge delays on ward 7")
    );
    let mut fran = app.signed_in(FACILITATOR).await;
    assert!(
        fran.get(&format!("/sets/{set}"))
            .await
            .body
            .contains("Discharge delays on ward 7")
    );
    // Bo, another member, reads it too; someone from another set does not.
    let mut bo = app.signed_in("participant@bay-council.example").await;
    assert!(
        bo.get(&format!("/sets/{set}"))
            .await
            .body
            .contains("Discharge delays on ward 7")
    );
    with_password(&app, JACK).await;
    for who in [SPONSOR, EVALUATOR, ADMIN, OTHER_ADMIN, JACK] {
        let mut c = app.signed_in(who).await;
        let r = c.get(&format!("/sets/{set}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} by page");
        assert!(!r.body.contains("Discharge delays"));
        let token = app.api_token(who).await;
        let r = c
            .json_with_token("GET", &format!("/api/v1/sets/{set}"), None, &token)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} by API");
        assert!(!r.body.contains("Discharge delays"));
    }
    // The lead sees counts, never the content.
    let (spring, _) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let page = admin.get(&format!("/admin/cohorts/{spring}/sets")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Problems brought"));
    assert!(
        !page.body.contains("Discharge delays"),
        "no content for the lead"
    );
    let token = app.api_token(ADMIN).await;
    let r = admin
        .json_with_token(
            "GET",
            &format!("/api/v1/cohorts/{spring}/sets"),
            None,
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("\"problems\":null"),
        "one problem is hidden: {}",
        r.body
    );
    assert!(!r.body.contains("Discharge delays"));
    // The problem form without a title names the field and keeps the text.
    let r = pat
        .post_form(
            &format!("/sets/{set}/problems"),
            &[("title", ""), ("description", "Kept text")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Enter a title for your problem") && r.body.contains("Kept text"));
}

#[tokio::test]
async fn a_reporting_lines_import_with_a_cycle_is_refused_whole() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let csv = "email,manager_email\n\
        jack.turner@bay-council.example,kiran.shah@cliffside-care.example\n\
        kiran.shah@cliffside-care.example,lily.price@northcoast-ics.example\n\
        lily.price@northcoast-ics.example,jack.turner@bay-council.example\n\
        mo.ahmed@harbour-trust.example,\n";
    let r = admin
        .post_form("/admin/reporting-lines", &[("csv", csv)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("cycle"), "{}", r.body);
    assert!(
        r.body.contains("Row 2") || r.body.contains("rows 2"),
        "{}",
        r.body
    );
    let mut conn = app.state.store.conn().await.unwrap();
    let jack = Id::parse(&app.person_id("jack.turner@bay-council.example").await).unwrap();
    assert_eq!(
        revans_storage::reporting_lines::manager_of(&mut conn, &jack)
            .await
            .unwrap(),
        None,
        "nothing saved"
    );
    let good =
        "email,manager_email\njack.turner@bay-council.example,kiran.shah@cliffside-care.example\n";
    let r = admin
        .post_form("/admin/reporting-lines", &[("csv", good)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let kiran = Id::parse(&app.person_id("kiran.shah@cliffside-care.example").await).unwrap();
    assert_eq!(
        revans_storage::reporting_lines::manager_of(&mut conn, &jack)
            .await
            .unwrap(),
        Some(kiran.clone())
    );
    // Kiran now manages Jack. A second file saying Jack manages Kiran has no cycle of its own
    // but closes one with what is stored: refused, and Kiran keeps no manager.
    let closing = "email,manager_email
kiran.shah@cliffside-care.example,jack.turner@bay-council.example
";
    let r = admin
        .post_form("/admin/reporting-lines", &[("csv", closing)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Row 2, manager_email: with the reporting lines already in Revans"),
        "{}",
        r.body
    );
    assert_eq!(
        revans_storage::reporting_lines::manager_of(&mut conn, &kiran)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn a_reminder_goes_out_once_a_day_before_each_meeting_and_again_after_a_move() {
    let app = TestApp::spawn().await;
    let set = Id::parse(&spring_set(&app).await).unwrap();
    let mut conn = app.state.store.conn().await.unwrap();
    let next = revans_storage::meetings::list_for_set(&mut conn, &set)
        .await
        .unwrap()
        .into_iter()
        .find(|m| !m.held)
        .unwrap();
    let day = 86_400_000;
    let before = app.queued_emails().await.len();
    // Two days before: nothing yet.
    let s = revans_app::sweeps::run_once(&app.state, next.starts_at - 2 * day)
        .await
        .unwrap();
    assert_eq!(s.meeting_reminders, 0);
    // Within a day: one reminder to the members and the facilitator, then never again.
    let s = revans_app::sweeps::run_once(&app.state, next.starts_at - day / 2)
        .await
        .unwrap();
    assert_eq!(s.meeting_reminders, 1);
    let again = revans_app::sweeps::run_once(&app.state, next.starts_at - day / 3)
        .await
        .unwrap();
    assert_eq!(again.meeting_reminders, 0, "sent once");
    let emails = app.queued_emails().await;
    assert_eq!(
        emails.len() - before,
        8,
        "seven members and the facilitator"
    );
    let to_pat = emails.iter().rev().find(|e| e.to == PARTICIPANT).unwrap();
    assert!(
        to_pat.subject.contains("Reminder: your set meets"),
        "{}",
        to_pat.subject
    );
    // Moving the meeting clears the reminder, so the new time gets one.
    let moved = revans_domain::Session {
        starts_at: next.starts_at + day,
        ends_at: next.ends_at + day,
    };
    assert!(
        revans_storage::meetings::reschedule(&mut conn, &next.id, &moved)
            .await
            .unwrap()
    );
    let s = revans_app::sweeps::run_once(&app.state, moved.starts_at - day / 2)
        .await
        .unwrap();
    assert_eq!(s.meeting_reminders, 1);
    // A cancelled meeting gets none.
    revans_storage::meetings::cancel(&mut conn, &next.id)
        .await
        .unwrap();
    let later = revans_storage::meetings::list_for_set(&mut conn, &set)
        .await
        .unwrap();
    let after_next = later
        .iter()
        .find(|m| m.starts_at > moved.starts_at)
        .unwrap();
    revans_storage::meetings::cancel(&mut conn, &after_next.id)
        .await
        .unwrap();
    let s = revans_app::sweeps::run_once(&app.state, after_next.starts_at - day / 2)
        .await
        .unwrap();
    assert_eq!(s.meeting_reminders, 0);
}

#[tokio::test]
async fn when_people_leave_or_join_the_engine_proposes_the_fewest_moves_and_the_lead_accepts_them()
{
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    assert_eq!(
        form_autumn(&app, &mut admin, &pairs_text()).await.status,
        StatusCode::SEE_OTHER
    );
    let (_, autumn) = cohorts(&app).await;
    let mut conn = app.state.store.conn().await.unwrap();
    let drafts = sets::list_for_cohort(&mut conn, &autumn).await.unwrap();
    let fran = app.person_id(FACILITATOR).await;
    for s in &drafts {
        admin
            .post_form(
                &format!("/admin/sets/{}/facilitators", s.id),
                &[("facilitators", fran.as_str())],
            )
            .await;
    }
    assert_eq!(
        admin
            .post_form(&format!("/admin/cohorts/{autumn}/sets/publish"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let page = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert!(
        !page.body.contains("Proposed changes"),
        "nothing to repair yet"
    );

    // Two unpaired members of one set leave: it falls below the smallest size (5).
    let set0 = sets::members(&mut conn, &drafts[0].id).await.unwrap();
    let singles: Vec<_> = set0
        .iter()
        .filter(|m| set0.iter().filter(|x| x.unit_key == m.unit_key).count() == 1)
        .take(2)
        .cloned()
        .collect();
    let leavers: Vec<_> = if singles.len() == 2 {
        singles
    } else {
        set0[..2].to_vec()
    };
    for m in &leavers {
        let r = admin
            .post_form(
                &format!("/admin/cohorts/{autumn}/sets/leave"),
                &[("member", m.id.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        app.finish_forming(&r).await;
    }
    let left = sets::members(&mut conn, &drafts[0].id).await.unwrap();
    assert_eq!(
        left.iter().filter(|m| m.left_at.is_none()).count(),
        set0.len() - 2
    );
    let page = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert!(page.body.contains("Proposed changes"), "{}", page.body);
    // Accept every proposed move (the checkboxes' values).
    let moves: Vec<(String, String)> = page
        .body
        .split("name=\"moves\"")
        .skip(1)
        .map(|chunk| {
            let v = chunk.split("value=\"").nth(1).unwrap();
            ("moves".to_string(), v[..v.find('"').unwrap()].to_string())
        })
        .collect();
    assert!(
        !moves.is_empty() && moves.len() <= 2,
        "few moves: {moves:?}"
    );
    let r = admin
        .post_form_owned(&format!("/admin/cohorts/{autumn}/sets/repair"), &moves)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let mut total = 0;
    for s in &drafts {
        let current = sets::members(&mut conn, &s.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.left_at.is_none())
            .count();
        assert!((5..=7).contains(&current), "{} has {current}", s.name);
        total += current;
    }
    assert_eq!(total, 22);
    let page = admin.get(&format!("/admin/cohorts/{autumn}/sets")).await;
    assert!(!page.body.contains("Proposed changes"), "valid again");
    // Someone who left no longer sees the set.
    let left_person = leavers[0].person_id.clone();
    assert_eq!(
        sets::standing(&mut conn, &drafts[0].id, &left_person)
            .await
            .unwrap(),
        sets::Standing::None
    );
}

#[tokio::test]
async fn people_choose_their_own_set_under_the_same_rules_and_see_why_a_set_is_closed() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let (_, autumn) = cohorts(&app).await;
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{autumn}/sets/open"),
            &[
                ("size_min", "5"),
                ("size_max", "7"),
                ("max_per_organisation", "3"),
                ("review_every", "7"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let mut femi = with_password(&app, "femi.adeyemi@bay-council.example").await;
    let list = femi.get("/sets").await;
    assert!(
        list.body.contains(&format!("/cohorts/{autumn}/choose")),
        "{}",
        list.body
    );
    let page = femi.get(&format!("/cohorts/{autumn}/choose")).await;
    assert_eq!(page.status, StatusCode::OK);
    let mut conn = app.state.store.conn().await.unwrap();
    let open = sets::list_for_cohort(&mut conn, &autumn).await.unwrap();
    assert_eq!(open.len(), 4);
    let r = femi
        .post_form(
            &format!("/cohorts/{autumn}/choose"),
            &[("set", open[1].id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    // Grace reports to Femi: Set 2 is closed to her, and says why.
    let mut grace = with_password(&app, "grace.lee@cliffside-care.example").await;
    let page = grace.get(&format!("/cohorts/{autumn}/choose")).await;
    assert!(page.body.contains("Closed to you"), "{}", page.body);
    let r = grace
        .post_form(
            &format!("/cohorts/{autumn}/choose"),
            &[("set", open[1].id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("You cannot join Set 2") && r.body.contains("Femi Adeyemi"),
        "{}",
        r.body
    );
    let r = grace
        .post_form(
            &format!("/cohorts/{autumn}/choose"),
            &[("set", open[0].id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.finish_forming(&r).await;
    // Changing one's mind moves the choice.
    let r = grace
        .post_form(
            &format!("/cohorts/{autumn}/choose"),
            &[("set", open[2].id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.finish_forming(&r).await;
    let in_set = |i: usize| {
        let id = open[i].id.clone();
        let store = app.state.store.clone();
        async move {
            sets::members(&mut store.conn().await.unwrap(), &id)
                .await
                .unwrap()
                .into_iter()
                .map(|m| m.name)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(in_set(0).await, Vec::<String>::new());
    assert_eq!(in_set(1).await, ["Femi Adeyemi"]);
    assert_eq!(in_set(2).await, ["Grace Lee"]);
    // Someone without a place in the cohort sees nothing.
    let mut pat = app.signed_in(PARTICIPANT).await;
    assert_eq!(
        pat.get(&format!("/cohorts/{autumn}/choose")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_set_can_go_on_self_facilitated_and_says_where_it_meets() {
    let app = TestApp::spawn().await;
    let set = spring_set(&app).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    let mut fran = app.signed_in(FACILITATOR).await;
    let settings = |place: &'static str, own: &'static str| {
        vec![
            ("review_every".to_string(), "7".to_string()),
            ("timezone".to_string(), "Europe/London".to_string()),
            ("delivery_mode".to_string(), "in_person".to_string()),
            ("delivery_detail".to_string(), place.to_string()),
            ("self_facilitated".to_string(), own.to_string()),
        ]
    };
    // Members cannot change how the set works while it is facilitated.
    let r = pat
        .post_form_owned(&format!("/sets/{set}/settings"), &settings("Room 4", "yes"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // In person needs a place.
    let r = fran
        .post_form_owned(&format!("/sets/{set}/settings"), &settings("", "yes"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Enter the place where the programme meets"),
        "{}",
        r.body
    );
    let r = fran
        .post_form_owned(
            &format!("/sets/{set}/settings"),
            &settings("Room 4, Harbour House", "yes"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let page = pat.get(&format!("/sets/{set}")).await;
    assert!(
        page.body.contains("at Room 4, Harbour House"),
        "{}",
        page.body
    );
    // Now the members run it: Pat can add meetings (the cohort's dates no longer bind).
    let r = pat
        .post_form(
            &format!("/sets/{set}/meetings"),
            &[
                ("cadence", "monthly"),
                ("start_date", "2031-01-09"),
                ("start_time", "09:30"),
                ("duration_minutes", "180"),
                ("count", "3"),
                ("timezone", "Europe/London"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
}

#[tokio::test]
async fn a_lead_names_a_facilitators_supervisor_who_then_reads_what_is_shared_with_them() {
    let app = TestApp::spawn().await;
    let mut admin = app.signed_in(ADMIN).await;
    let fran = app.person_id(FACILITATOR).await;
    let eve = app.person_id(EVALUATOR).await;
    let pat = app.person_id(PARTICIPANT).await;
    let sue = crate::diaries::make_person(
        &app,
        crate::diaries::SUPERVISOR,
        "Sue Supervisor",
        revans_domain::Role::Facilitator,
    )
    .await
    .to_string();
    // Only facilitators have supervisors.
    let r = admin
        .post_form(
            &format!("/admin/people/{pat}/supervisor"),
            &[("supervisor", eve.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("is not a facilitator"), "{}", r.body);
    let r = admin
        .post_form(
            &format!("/admin/people/{fran}/supervisor"),
            &[("supervisor", fran.as_str())],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nobody supervises themselves"
    );
    // A supervisor is a facilitator themself: the evaluator (who sees aggregates only) is not.
    let r = admin
        .post_form(
            &format!("/admin/people/{fran}/supervisor"),
            &[("supervisor", eve.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("must be a facilitator themself"),
        "{}",
        r.body
    );
    let r = admin
        .post_form(
            &format!("/admin/people/{fran}/supervisor"),
            &[("supervisor", sue.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let mut f = app.signed_in(FACILITATOR).await;
    let r = f
        .post_form(
            "/diary",
            &[
                ("body", "Supervision note: I rescued the set too often"),
                ("sharing", "supervisor"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.finish_forming(&r).await;
    let entry = r.location.unwrap().split('?').next().unwrap().to_owned();
    let mut e = app.signed_in(crate::diaries::SUPERVISOR).await;
    let seen = e.get(&entry).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("I rescued the set too often"));
    let mut lead = app.signed_in(ADMIN).await;
    assert_eq!(
        lead.get(&entry).await.status,
        StatusCode::NOT_FOUND,
        "the lead is not the supervisor"
    );
}

#[tokio::test]
async fn each_person_sees_meeting_times_in_their_own_time_zone() {
    let app = TestApp::spawn().await;
    let set = spring_set(&app).await;
    let mut pat = app.signed_in(PARTICIPANT).await;
    let token = app.api_token(PARTICIPANT).await;
    let before: serde_json::Value = serde_json::from_str(
        &pat.json_with_token("GET", &format!("/api/v1/sets/{set}"), None, &token)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(before["timezone"], "Europe/London");
    let r = pat
        .post_form("/account/timezone", &[("timezone", "Mars/Olympus_Mons")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Mars/Olympus_Mons"),
        "what was typed is kept"
    );
    let r = pat
        .post_form("/account/timezone", &[("timezone", "America/Toronto")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.finish_forming(&r).await;
    let after: serde_json::Value = serde_json::from_str(
        &pat.json_with_token("GET", &format!("/api/v1/sets/{set}"), None, &token)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(after["timezone"], "America/Toronto");
    assert_eq!(
        before["meetings"][0]["starts_at"],
        after["meetings"][0]["starts_at"]
    );
    assert_ne!(
        before["meetings"][0]["when"], after["meetings"][0]["when"],
        "shown in Toronto time"
    );
    let page = pat.get(&format!("/sets/{set}")).await;
    assert!(
        page.body
            .contains("Times are shown in America/Toronto, your own time zone")
    );
    // Fran, in the same set, still sees the set's zone.
    let mut fran = app.signed_in(FACILITATOR).await;
    assert!(
        fran.get(&format!("/sets/{set}"))
            .await
            .body
            .contains("Times are shown in Europe/London")
    );
}

#[tokio::test]
async fn a_sponsor_sees_how_often_a_nominee_attends_never_what_is_said() {
    let app = TestApp::spawn().await;
    let set = Id::parse(&spring_set(&app).await).unwrap();
    // Pat brings a problem to the set: content the sponsor must never see.
    let title = "Handover delays on Ward 7";
    {
        let mut conn = app.state.store.conn().await.unwrap();
        let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
        revans_storage::set_content::insert_problem(
            &mut conn,
            &revans_storage::set_content::NewProblem {
                set_id: &set,
                unit_key: pat.as_str(),
                author_id: &pat,
                title,
                description: "Nights are worst",
                themes: &[],
            },
        )
        .await
        .unwrap();
    }
    // The demo's spring set has held two meetings, and Pat came to both.
    let pat_rate = "100% (2 of 2 meetings)";
    let mut sam = app.signed_in(SPONSOR).await;
    let page = sam.get("/sponsor/applications").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("Set 1: {pat_rate}")),
        "{pat_rate} in {}",
        page.body
    );
    assert!(!page.body.contains(title) && !page.body.contains("Nights are worst"));
}

#[tokio::test]
async fn evaluators_see_how_the_sets_are_going_in_counts_only() {
    let app = TestApp::spawn().await;
    let set = Id::parse(&spring_set(&app).await).unwrap();
    {
        let mut conn = app.state.store.conn().await.unwrap();
        let pat = Id::parse(&app.person_id(PARTICIPANT).await).unwrap();
        revans_storage::set_content::insert_problem(
            &mut conn,
            &revans_storage::set_content::NewProblem {
                set_id: &set,
                unit_key: pat.as_str(),
                author_id: &pat,
                title: "Discharge delays",
                description: "",
                themes: &[],
            },
        )
        .await
        .unwrap();
    }
    let mut eve = app.signed_in(EVALUATOR).await;
    let page = eve.get("/reports/sets").await;
    assert_eq!(page.status, StatusCode::OK);
    // The demo's spring set: 7 members and 1 problem (both hidden: fewer than 8), 2 of 6
    // meetings held, and no attendance rate over so few people.
    assert!(
        page.body.contains(
            "<td>Spring 2026</td><td>1</td><td>Fewer than 8</td><td>2 of 6</td><td>Not shown: fewer than 8 people</td><td>Fewer than 8</td>"
        ),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Discharge delays") && !page.body.contains("Pat Participant"));
    let mut api = app.client();
    api.bearer = Some(app.api_token(EVALUATOR).await);
    let json = api.json("GET", "/api/v1/reports/sets", None).await;
    assert!(
        json.body
            .contains(r#""cohort":"Spring 2026","sets":1,"members":null"#),
        "{}",
        json.body
    );
    // Another region's lead sees none of it.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    let theirs = other.get("/reports/sets").await;
    assert!(!theirs.body.contains("Spring 2026"));
}

#[tokio::test]
async fn a_cohort_that_has_started_is_not_offered_for_editing() {
    let app = TestApp::spawn().await;
    let (spring, _) = cohorts(&app).await;
    let mut admin = app.signed_in(ADMIN).await;
    let page = admin.get(&format!("/admin/cohorts/{spring}/edit")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-started") && !page.body.contains("Save changes"));
    let r = admin
        .post_form(
            &format!("/admin/cohorts/{spring}/edit"),
            &[("name", "Renamed"), ("capacity", "9")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("has started"), "{}", r.body);
}
