//! Events with choices (issue 18) through the use cases: the lead sets an immersion event up,
//! participants rank the hosts, the lead's allocation is stored, checked here from scratch
//! (one ranked host per person per slot, none twice, every open host within its bounds),
//! explained and published; then each participant sees only their own itinerary and each
//! host's contact only their own visitors. Every bad input is refused by field and changes
//! nothing; a lead of another tenant, a participant of another event, a contact of another
//! host and a lead's contact from another tenant all get nowhere.

use std::collections::{HashMap, HashSet};

use axum::http::StatusCode;
use revans_app::events::adjust::{self, AdjustInput};
use revans_app::events::allocation::{self, MissedReason};
use revans_app::events::cafe::{self, GuestInput, RotaInput};
use revans_app::events::choices::{self, ChoicesInput, RankedHost};
use revans_app::events::itinerary;
use revans_app::events::publication;
use revans_app::events::setup::{self, HostInput, PlanInput};
use revans_app::{Actor, Error, Viewer};
use revans_domain::{ApplicationState, EmailAddress, Id, PersonName, ProgrammeKind};
use revans_storage::{applications, people, programmes};

use crate::helpers::*;

async fn viewer(app: &TestApp, id: &Id) -> Viewer {
    let mut conn = app.state.store.conn().await.unwrap();
    Viewer {
        person: people::get(&mut conn, id).await.unwrap().unwrap(),
        roles: people::roles(&mut conn, id).await.unwrap(),
    }
}

async fn viewer_of(app: &TestApp, email: &str) -> Viewer {
    viewer(app, &Id::parse(&app.person_id(email).await).unwrap()).await
}

/// An immersion event run by the demo lead, with `n` participants holding accepted places.
async fn event(app: &TestApp, n: usize) -> (Id, Vec<Viewer>) {
    let (demo, _) = app.demo_programme().await;
    let participant_org;
    let programme;
    let mut ids = Vec::new();
    {
        let mut tx = app.state.store.begin().await.unwrap();
        let demo = programmes::get(&mut tx, &Id::parse(&demo).unwrap())
            .await
            .unwrap()
            .unwrap();
        let mut fields = demo.fields.clone();
        fields.title = "Immersion week".into();
        fields.kind = ProgrammeKind::ImmersionEvent;
        programme = programmes::insert(&mut tx, &demo.organisation_id, &fields)
            .await
            .unwrap();
        participant_org = people::get(
            &mut tx,
            &Id::parse(&app.person_id(PARTICIPANT).await).unwrap(),
        )
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
        for i in 0..n {
            let id = people::insert(
                &mut tx,
                &participant_org,
                &EmailAddress::parse(&format!(
                    "visitor{i}.{}@harbour-trust.example",
                    programme.as_str().to_lowercase()
                ))
                .unwrap(),
                &PersonName::parse(&format!("Visitor {i:02}")).unwrap(),
            )
            .await
            .unwrap();
            accepted_place(&mut tx, &programme, &id, &participant_org).await;
            ids.push(id);
        }
        revans_storage::commit(tx).await.unwrap();
    }
    let mut viewers = Vec::new();
    for id in &ids {
        viewers.push(viewer(app, id).await);
    }
    (programme, viewers)
}

fn actor(viewer: &Viewer) -> Actor<'_> {
    Actor {
        viewer,
        ip: "203.0.113.9",
    }
}

/// Sets the event's slots with rankings open until this time tomorrow.
async fn open_until_tomorrow(app: &TestApp, lead: &Actor<'_>, programme: &Id, slots: i64) {
    setup::set_plan(
        &app.state.app,
        lead,
        programme,
        &PlanInput {
            slots,
            rankings_close_at: revans_app::now_ms() + 86_400_000,
        },
    )
    .await
    .unwrap();
}

fn host(name: &str, min: i64, max: i64, contact: Option<&str>) -> HostInput {
    HostInput {
        name: name.into(),
        description: format!("A day with {name}."),
        address: format!("{name}, 1 Quay Street"),
        min_per_slot: min,
        max_per_slot: max,
        contact_email: contact.map(str::to_owned),
    }
}

fn ranking<S: AsRef<str>>(hosts: &[S]) -> ChoicesInput {
    ChoicesInput {
        ranking: hosts
            .iter()
            .enumerate()
            .map(|(i, h)| RankedHost {
                host_id: h.as_ref().to_owned(),
                rank: i as i64 + 1,
            })
            .collect(),
        needs: String::new(),
    }
}

fn field_of(e: &Error) -> Vec<String> {
    match e {
        Error::Invalid(fields) => fields.iter().map(|f| f.field.clone()).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn set_up_rank_allocate_explain_publish_and_see_only_your_own() {
    let app = TestApp::spawn().await;
    let (programme, people_) = event(&app, 6).await;
    let lead = viewer_of(&app, ADMIN).await;
    let lead_actor = actor(&lead);
    open_until_tomorrow(&app, &lead_actor, &programme, 2).await;
    // Ward takes 1 a slot (four want it first); Lab 1-3; Board opens only with 3 a slot,
    // which too few want.
    let mut ids = Vec::new();
    for spec in [
        host("Ward", 0, 1, Some(FACILITATOR)),
        host("Lab", 1, 3, None),
        host("Clinic", 0, 3, None),
        host("Board", 3, 3, None),
    ] {
        ids.push(
            setup::add_host(&app.state.app, &lead_actor, &programme, &spec)
                .await
                .unwrap(),
        );
    }
    let [ward, lab, clinic, board] = <[Id; 4]>::try_from(ids).unwrap();
    let (w, l, c, b) = (ward.as_str(), lab.as_str(), clinic.as_str(), board.as_str());
    let choices_of = [
        vec![w, l, c, b],
        vec![w, l, b, c],
        vec![w, c, l],
        vec![w, l, c],
        vec![b, l, c],
        vec![l, c, w],
    ];
    for (v, list) in people_.iter().zip(&choices_of) {
        let mut input = ranking(list);
        input.needs = format!("{} uses a wheelchair", v.person.name);
        choices::save_choices(&app.state.app, &actor(v), &programme, &input)
            .await
            .unwrap();
    }
    let overview = setup::overview(&app.state.app, &lead, &programme)
        .await
        .unwrap();
    assert_eq!((overview.participants, overview.ranked), (6, 6));
    assert_eq!(overview.hosts.len(), 4);

    let run = allocation::run(&app.state.app, &lead_actor, &programme)
        .await
        .unwrap();
    assert!(run.proven_optimal);
    assert_eq!(run.people, 6);
    assert_eq!(run.closed_hosts, ["Board"]);

    // The stored allocation, checked from scratch.
    let mut conn = app.state.store.conn().await.unwrap();
    let stored = revans_storage::events::visits(&mut conn, &programme)
        .await
        .unwrap();
    drop(conn);
    let ranks: HashMap<(String, String), i64> = people_
        .iter()
        .zip(&choices_of)
        .flat_map(|(v, list)| {
            list.iter()
                .enumerate()
                .map(|(i, h)| ((v.person.id.to_string(), (*h).to_owned()), i as i64 + 1))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut per_host_slot: HashMap<(String, i64), i64> = HashMap::new();
    let mut per_person: HashMap<String, Vec<String>> = HashMap::new();
    let mut recount = 0;
    for visit in &stored {
        let rank = ranks[&(visit.person_id.clone(), visit.host_id.clone())];
        recount += rank * rank;
        *per_host_slot
            .entry((visit.host_id.clone(), visit.slot))
            .or_default() += 1;
        per_person
            .entry(visit.person_id.clone())
            .or_default()
            .push(visit.host_id.clone());
    }
    assert_eq!(recount, run.objective);
    assert_eq!(per_person.len(), 6);
    for hosts in per_person.values() {
        assert_eq!(hosts.len(), 2);
        assert_eq!(
            hosts.iter().collect::<HashSet<_>>().len(),
            2,
            "a host twice"
        );
    }
    for ((h, _), n) in &per_host_slot {
        let (min, max) = [(w, 0, 1), (l, 1, 3), (c, 0, 3), (b, 3, 3)]
            .iter()
            .find(|(id, _, _)| id == h)
            .map(|&(_, min, max)| (min, max))
            .unwrap();
        assert!((min..=max).contains(n), "{h} has {n}");
    }
    assert!(per_host_slot.keys().all(|(h, _)| h != b), "Board opened");

    // The lead's explanation: the person who ranked Board first was told it did not open.
    let view = allocation::view(&app.state.app, &lead, &programme)
        .await
        .unwrap();
    let fifth = view
        .people
        .iter()
        .find(|p| p.person_id == people_[4].person.id.as_str())
        .unwrap();
    assert!(
        fifth
            .missed
            .iter()
            .any(|m| m.host == "Board" && m.reason == MissedReason::Closed && m.rank == 1)
    );
    // Four people want Ward first but it has two places in all: two missed it as full.
    assert!(view.people.iter().any(|p| {
        p.missed
            .iter()
            .any(|m| m.host == "Ward" && m.reason == MissedReason::Full)
    }));

    // Before publication nobody but the lead sees anything.
    let facilitator = viewer_of(&app, FACILITATOR).await;
    assert!(matches!(
        itinerary::mine(&app.state.app, &people_[0], &programme).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        itinerary::for_host(&app.state.app, &facilitator, &ward).await,
        Err(Error::NotFound)
    ));
    let published_emails = |emails: Vec<revans_web::mail::OutgoingEmail>| {
        emails
            .into_iter()
            .filter(|e| e.subject.contains("published"))
            .collect::<Vec<_>>()
    };
    assert!(published_emails(app.queued_emails().await).is_empty());
    publication::publish(&app.state.app, &lead_actor, &programme)
        .await
        .unwrap();

    // Each participant is emailed their own visits; the Ward's contact how many come when.
    let emails = published_emails(app.queued_emails().await);
    for p in &people_ {
        let to_them: Vec<_> = emails
            .iter()
            .filter(|e| e.to == p.person.email.as_str())
            .collect();
        assert_eq!(to_them.len(), 1, "one email to {}", p.person.email.as_str());
        for v in stored
            .iter()
            .filter(|v| v.person_id == p.person.id.as_str())
        {
            assert!(
                to_them[0]
                    .text
                    .contains(&format!("Visit {}: {}, ", v.slot, v.host_name)),
                "{}",
                to_them[0].text
            );
        }
    }
    let to_contact: Vec<_> = emails.iter().filter(|e| e.to == FACILITATOR).collect();
    assert_eq!(to_contact.len(), 1);
    assert_eq!(to_contact[0].subject, "Visitors to Ward are published");
    for slot in 1..=2 {
        let count = stored
            .iter()
            .filter(|v| v.host_id == w && v.slot == slot)
            .count();
        let line = if count == 1 {
            format!("Visit {slot}: 1 visitor")
        } else {
            format!("Visit {slot}: {count} visitors")
        };
        assert!(to_contact[0].text.contains(&line), "{}", to_contact[0].text);
    }
    assert_eq!(emails.len(), people_.len() + 1, "nobody else is emailed");

    let mine = itinerary::mine(&app.state.app, &people_[0], &programme)
        .await
        .unwrap();
    assert_eq!(mine.visits.len(), 2);
    assert_eq!(mine.person_id, people_[0].person.id.as_str());
    let at_ward = itinerary::for_host(&app.state.app, &facilitator, &ward)
        .await
        .unwrap();
    let names: Vec<&str> = at_ward
        .slots
        .iter()
        .flat_map(|s| s.visitors.iter().map(|v| v.name.as_str()))
        .collect();
    let expected: HashSet<String> = stored
        .iter()
        .filter(|v| v.host_id == w)
        .map(|v| v.person_name.clone())
        .collect();
    assert_eq!(
        names.iter().map(|n| n.to_string()).collect::<HashSet<_>>(),
        expected
    );
    assert!(
        at_ward
            .slots
            .iter()
            .flat_map(|s| &s.visitors)
            .all(|v| v.needs == format!("{} uses a wheelchair", v.name))
    );
    // The contact of Ward is nobody's contact at the Lab.
    assert!(matches!(
        itinerary::for_host(&app.state.app, &facilitator, &lab).await,
        Err(Error::NotFound)
    ));
    assert!(
        app.audit_actions()
            .await
            .iter()
            .any(|a| a == "event.published")
    );
}

#[tokio::test]
async fn nobody_outside_the_event_gets_in() {
    let app = TestApp::spawn().await;
    let (programme, people_) = event(&app, 2).await;
    let (other_event, others) = event_two(&app).await;
    let lead = viewer_of(&app, ADMIN).await;
    open_until_tomorrow(&app, &actor(&lead), &programme, 1).await;
    let ward = setup::add_host(
        &app.state.app,
        &actor(&lead),
        &programme,
        &host("Ward", 0, 2, None),
    )
    .await
    .unwrap();
    // A lead of another tenant: not found, everywhere.
    let stranger = viewer_of(&app, OTHER_ADMIN).await;
    assert!(matches!(
        setup::overview(&app.state.app, &stranger, &programme).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        setup::add_host(
            &app.state.app,
            &actor(&stranger),
            &programme,
            &host("Mine", 0, 2, None)
        )
        .await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        allocation::run(&app.state.app, &actor(&stranger), &programme).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        publication::publish(&app.state.app, &actor(&stranger), &programme).await,
        Err(Error::NotFound)
    ));
    // The lead cannot make another tenant's account a host contact.
    let e = setup::add_host(
        &app.state.app,
        &actor(&lead),
        &programme,
        &host("Harbour", 0, 2, Some(OTHER_ADMIN)),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(&e), ["contact_email"]);
    // A participant is not a lead; a participant of another event sees nothing of this one.
    assert!(
        setup::overview(&app.state.app, &people_[0], &programme)
            .await
            .is_err()
    );
    assert!(matches!(
        choices::my_choices(&app.state.app, &others[0], &programme).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        choices::save_choices(
            &app.state.app,
            &actor(&others[0]),
            &programme,
            &ranking(&[ward.as_str()])
        )
        .await,
        Err(Error::NotFound)
    ));
    // Someone with the participant role but no place on this event.
    let demo_participant = viewer_of(&app, PARTICIPANT).await;
    assert!(matches!(
        choices::my_choices(&app.state.app, &demo_participant, &programme).await,
        Err(Error::NotFound)
    ));
    // A host of another event cannot be ranked here.
    let e = choices::save_choices(
        &app.state.app,
        &actor(&people_[0]),
        &programme,
        &ranking(&[&other_event.1]),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(&e), ["ranking[0]"]);
}

/// A second event with one host, run by the same lead, and one participant of its own.
async fn event_two(app: &TestApp) -> ((Id, String), Vec<Viewer>) {
    let (programme, people_) = event(app, 1).await;
    let lead = viewer_of(app, ADMIN).await;
    open_until_tomorrow(app, &actor(&lead), &programme, 1).await;
    let h = setup::add_host(
        &app.state.app,
        &actor(&lead),
        &programme,
        &host("Elsewhere", 0, 2, None),
    )
    .await
    .unwrap();
    ((programme, h.to_string()), people_)
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (programme, people_) = event(&app, 3).await;
    let lead = viewer_of(&app, ADMIN).await;
    let a = actor(&lead);
    // Before the plan, nobody can rank and nothing can run.
    assert!(matches!(
        allocation::run(&app.state.app, &a, &programme).await,
        Err(Error::Conflict(_))
    ));
    let e = setup::set_plan(
        &app.state.app,
        &a,
        &programme,
        &PlanInput {
            slots: 0,
            rankings_close_at: 0,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(&e), ["slots"]);
    open_until_tomorrow(&app, &a, &programme, 2).await;
    let e = setup::add_host(
        &app.state.app,
        &a,
        &programme,
        &host("", 3, 2, Some("not an address")),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(&e), ["name", "max_per_slot", "contact_email"]);
    let x = setup::add_host(&app.state.app, &a, &programme, &host("X", 1, 1, None))
        .await
        .unwrap();
    let y = setup::add_host(&app.state.app, &a, &programme, &host("Y", 1, 1, None))
        .await
        .unwrap();
    let z = setup::add_host(&app.state.app, &a, &programme, &host("Z", 0, 1, None))
        .await
        .unwrap();
    let e = setup::add_host(&app.state.app, &a, &programme, &host("X", 0, 1, None))
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), ["name"]);
    let (x, y, z) = (x.to_string(), y.to_string(), z.to_string());
    let p = &people_[0];
    let bad = [
        (ranking(&[&x]), "ranking"),
        (ranking(&[&x, &x]), "ranking[1]"),
        (
            ranking(&[x.as_str(), "01HZZZZZZZZZZZZZZZZZZZZZZZ"]),
            "ranking[1]",
        ),
        (
            ChoicesInput {
                ranking: vec![
                    RankedHost {
                        host_id: x.clone(),
                        rank: 1,
                    },
                    RankedHost {
                        host_id: y.clone(),
                        rank: 1,
                    },
                ],
                needs: String::new(),
            },
            "ranking[1]",
        ),
        (
            ChoicesInput {
                ranking: vec![
                    RankedHost {
                        host_id: x.clone(),
                        rank: 1,
                    },
                    RankedHost {
                        host_id: y.clone(),
                        rank: 3,
                    },
                ],
                needs: String::new(),
            },
            "ranking",
        ),
    ];
    for (input, field) in bad {
        let e = choices::save_choices(&app.state.app, &actor(p), &programme, &input)
            .await
            .unwrap_err();
        assert_eq!(field_of(&e), [field], "{input:?}");
    }
    let view = choices::my_choices(&app.state.app, p, &programme)
        .await
        .unwrap();
    assert!(view.ranking.is_empty(), "a refused ranking was stored");
    // Three people, two slots, one place a slot at each of X, Y and Z: everyone's 1st and 2nd
    // cannot all be X and Y, so the run must use Z.
    for v in &people_ {
        choices::save_choices(
            &app.state.app,
            &actor(v),
            &programme,
            &ranking(&[&x, &y, &z]),
        )
        .await
        .unwrap();
    }
    allocation::run(&app.state.app, &a, &programme)
        .await
        .unwrap();
    // Once closed, rankings cannot change.
    setup::set_plan(
        &app.state.app,
        &a,
        &programme,
        &PlanInput {
            slots: 2,
            rankings_close_at: 1,
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        choices::save_choices(
            &app.state.app,
            &actor(p),
            &programme,
            &ranking(&[&z, &y, &x])
        )
        .await,
        Err(Error::Conflict(_))
    ));
    assert_eq!(
        choices::my_choices(&app.state.app, p, &programme)
            .await
            .unwrap()
            .ranking[0]
            .host_id,
        x
    );
}

#[tokio::test]
async fn impossible_minimums_are_a_conflict_and_store_nothing() {
    let app = TestApp::spawn().await;
    let (programme, people_) = event(&app, 3).await;
    let lead = viewer_of(&app, ADMIN).await;
    let a = actor(&lead);
    open_until_tomorrow(&app, &a, &programme, 1).await;
    let x = setup::add_host(&app.state.app, &a, &programme, &host("X", 2, 2, None))
        .await
        .unwrap()
        .to_string();
    let y = setup::add_host(&app.state.app, &a, &programme, &host("Y", 2, 2, None))
        .await
        .unwrap()
        .to_string();
    for v in &people_ {
        choices::save_choices(&app.state.app, &actor(v), &programme, &ranking(&[&x, &y]))
            .await
            .unwrap();
    }
    let e = allocation::run(&app.state.app, &a, &programme)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Conflict(m) if m.contains("minimum")),
        "{e:?}"
    );
    assert!(matches!(
        allocation::view(&app.state.app, &lead, &programme).await,
        Err(Error::NotFound)
    ));
    // And a programme that is not an immersion event has no hosts.
    let (demo, _) = app.demo_programme().await;
    let e = setup::add_host(
        &app.state.app,
        &a,
        &Id::parse(&demo).unwrap(),
        &host("W", 0, 1, None),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::Conflict(_)));
}

/// Gives the person an accepted place on the programme.
async fn place(app: &TestApp, programme: &Id, email: &str) {
    let person = Id::parse(&app.person_id(email).await).unwrap();
    let mut tx = app.state.store.begin().await.unwrap();
    let org = people::get(&mut tx, &person)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    accepted_place(&mut tx, programme, &person, &org).await;
    revans_storage::commit(tx).await.unwrap();
}

async fn accepted_place(conn: &mut revans_storage::Conn, programme: &Id, person: &Id, org: &Id) {
    applications::insert(
        conn,
        &applications::NewApplication {
            programme_id: programme,
            person_id: person,
            organisation_id: org,
            state: ApplicationState::Accepted,
            answers: &[],
            confirmed_statements: true,
            preferences: &[],
            nominated_by: None,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_api_runs_the_same_flow_with_typed_bodies() {
    let app = TestApp::spawn().await;
    let (programme, _) = event(&app, 0).await;
    let mut lead = app.signed_in(ADMIN).await;
    lead.bearer = Some(app.api_token(ADMIN).await);
    let base = format!("/api/v1/admin/events/{programme}");
    // Times are RFC 3339; anything else names the field.
    let r = lead
        .json(
            "PUT",
            &format!("{base}/plan"),
            Some(r#"{"slots":1,"rankings_close_at":"next week"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("rankings_close_at"), "{}", r.body);
    let r = lead
        .json(
            "PUT",
            &format!("{base}/plan"),
            Some(r#"{"slots":1,"rankings_close_at":"2099-03-01T17:00:00Z"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let mut hosts = Vec::new();
    for name in ["Ward", "Lab"] {
        let body = format!(
            r#"{{"name":"{name}","description":"A visit.","address":"1 Quay Street","min_per_slot":0,"max_per_slot":1}}"#
        );
        let r = lead
            .json("POST", &format!("{base}/hosts"), Some(&body))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        hosts.push(v["id"].as_str().unwrap().to_owned());
    }
    let overview: serde_json::Value =
        serde_json::from_str(&lead.json("GET", &base, None).await.body).unwrap();
    assert_eq!(overview["rankings_close_at"], "2099-03-01T17:00:00Z");
    assert_eq!(overview["hosts"].as_array().unwrap().len(), 2);

    let mut visitors = Vec::new();
    for i in 0..2 {
        let email = format!("api.visitor{i}@harbour-trust.example");
        let c = person_beside(&app, PARTICIPANT, &email, revans_domain::Role::Participant).await;
        place(&app, &programme, &email).await;
        visitors.push(c);
    }
    let choices = format!("/api/v1/events/{programme}/choices");
    let unknown = format!(
        r#"{{"ranking":[{{"host_id":"{}","rank":1}}],"colour":"red"}}"#,
        hosts[0]
    );
    let r = visitors[0].json("PUT", &choices, Some(&unknown)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("colour"), "{}", r.body);
    for c in &mut visitors {
        let body = format!(
            r#"{{"ranking":[{{"host_id":"{}","rank":1}},{{"host_id":"{}","rank":2}}],"needs":"Vegetarian"}}"#,
            hosts[0], hosts[1]
        );
        let r = c.json("PUT", &choices, Some(&body)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }
    let mine: serde_json::Value =
        serde_json::from_str(&visitors[0].json("GET", &choices, None).await.body).unwrap();
    assert_eq!(mine["open"], true);
    assert_eq!(mine["ranking"][0]["host_id"], hosts[0].as_str());

    let r = lead.json("POST", &format!("{base}/allocation"), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let run: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(run["proven_optimal"], true);
    // One gets Ward (1st), the other Lab (2nd): 1 + 4.
    assert_eq!(run["objective"], 5);
    let itinerary = format!("/api/v1/events/{programme}/itinerary");
    assert_eq!(
        visitors[0].json("GET", &itinerary, None).await.status,
        StatusCode::NOT_FOUND
    );
    let r = lead
        .json("POST", &format!("{base}/allocation/publish"), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let mut got = Vec::new();
    for c in &mut visitors {
        let r = c.json("GET", &itinerary, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        got.push(v["visits"][0]["host"].as_str().unwrap().to_owned());
        if got.last().unwrap() == "Lab" {
            assert_eq!(v["missed"][0]["reason"], "full", "{}", r.body);
        }
    }
    got.sort();
    assert_eq!(got, ["Lab", "Ward"]);
    // Another tenant's lead finds nothing.
    let mut other = app.signed_in(OTHER_ADMIN).await;
    other.bearer = Some(app.api_token(OTHER_ADMIN).await);
    assert_eq!(
        other.json("GET", &base, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other
            .json("POST", &format!("{base}/allocation"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// Sum over the stored visits of the square of the rank each visitor gave the host.
async fn stored_cost(app: &TestApp, programme: &Id) -> i64 {
    let mut conn = app.state.store.conn().await.unwrap();
    let rankings = revans_storage::events::rankings(&mut conn, programme)
        .await
        .unwrap();
    let visits = revans_storage::events::visits(&mut conn, programme)
        .await
        .unwrap();
    visits
        .iter()
        .map(|v| {
            let r = rankings
                .iter()
                .find(|r| r.person_id == v.person_id && r.host_id == v.host_id)
                .expect("every visit is to a host its visitor ranked")
                .rank;
            r * r
        })
        .sum()
}

#[tokio::test]
async fn a_manual_change_is_rechecked_against_every_rule_and_costed_again() {
    let app = TestApp::spawn().await;
    let (programme, people_) = event(&app, 4).await;
    let lead = viewer_of(&app, ADMIN).await;
    let lead_actor = actor(&lead);
    open_until_tomorrow(&app, &lead_actor, &programme, 1).await;
    // One slot; A and B take 2 each and everyone ranks both, C is ranked by nobody.
    let mut ids = Vec::new();
    for spec in [
        host("A", 0, 2, None),
        host("B", 0, 2, None),
        host("C", 0, 4, None),
    ] {
        ids.push(
            setup::add_host(&app.state.app, &lead_actor, &programme, &spec)
                .await
                .unwrap(),
        );
    }
    let [a, b, c] = <[Id; 3]>::try_from(ids).unwrap();
    for (i, v) in people_.iter().enumerate() {
        let list = if i < 2 {
            [a.as_str(), b.as_str()]
        } else {
            [b.as_str(), a.as_str()]
        };
        choices::save_choices(&app.state.app, &actor(v), &programme, &ranking(&list))
            .await
            .unwrap();
    }
    let run = allocation::run(&app.state.app, &lead_actor, &programme)
        .await
        .unwrap();
    assert_eq!(run.objective, 4, "everyone gets their first choice");
    let visit_of = |p: &Viewer| AdjustInput {
        person_id: p.person.id.to_string(),
        slot: 1,
        host_id: String::new(),
        swap_with: None,
    };
    let (first, third) = (&people_[0], &people_[2]);
    let before = stored_cost(&app, &programme).await;

    // Each broken rule is named on its field; nothing changes.
    for (input, field, words) in [
        (
            AdjustInput {
                host_id: b.to_string(),
                ..visit_of(first)
            },
            "host_id",
            "at most 2",
        ),
        (
            AdjustInput {
                host_id: c.to_string(),
                ..visit_of(first)
            },
            "host_id",
            "did not rank C",
        ),
        (
            AdjustInput {
                host_id: a.to_string(),
                ..visit_of(first)
            },
            "host_id",
            "already visits A",
        ),
        (
            AdjustInput {
                host_id: b.to_string(),
                swap_with: Some(people_[1].person.id.to_string()),
                ..visit_of(first)
            },
            "swap_with",
            "visits B in visit 1",
        ),
        (
            AdjustInput {
                slot: 2,
                host_id: b.to_string(),
                ..visit_of(first)
            },
            "slot",
            "from 1 to 1",
        ),
    ] {
        let e = adjust::adjust(&app.state.app, &lead_actor, &programme, &input)
            .await
            .unwrap_err();
        assert_eq!(field_of(&e), [field], "{e:?}");
        assert!(format!("{e:?}").contains(words), "{e:?}");
    }
    assert_eq!(stored_cost(&app, &programme).await, before);

    // A swap with someone at the full host is within every rule: both now have 2nd choices.
    let done = adjust::adjust(
        &app.state.app,
        &lead_actor,
        &programme,
        &AdjustInput {
            host_id: b.to_string(),
            swap_with: Some(third.person.id.to_string()),
            ..visit_of(first)
        },
    )
    .await
    .unwrap();
    assert_eq!(done.objective, 1 + 1 + 4 + 4);
    assert_eq!(done.objective, stored_cost(&app, &programme).await);
    let view = allocation::view(&app.state.app, &lead, &programme)
        .await
        .unwrap();
    assert_eq!(view.objective, 10);
    assert!(!view.proven_optimal, "the proven bound stays 4");
    assert!(
        app.audit_actions()
            .await
            .iter()
            .any(|a| a == "event.adjusted")
    );

    // Another tenant's lead cannot; after publication nobody can.
    let other = viewer_of(&app, OTHER_ADMIN).await;
    assert!(matches!(
        adjust::adjust(&app.state.app, &actor(&other), &programme, &visit_of(first)).await,
        Err(Error::NotFound)
    ));
    publication::publish(&app.state.app, &lead_actor, &programme)
        .await
        .unwrap();
    assert!(matches!(
        adjust::adjust(
            &app.state.app,
            &lead_actor,
            &programme,
            &AdjustInput {
                host_id: a.to_string(),
                swap_with: Some(first.person.id.to_string()),
                ..visit_of(third)
            }
        )
        .await,
        Err(Error::Conflict(_))
    ));
}

#[tokio::test]
async fn the_cafe_rota_seats_everyone_by_the_rules_and_shows_each_their_own_after_publication() {
    let app = TestApp::spawn().await;
    let (programme, people_) = event(&app, 7).await;
    let lead = viewer_of(&app, ADMIN).await;
    let lead_actor = actor(&lead);
    open_until_tomorrow(&app, &lead_actor, &programme, 1).await;

    // No guests: refused, nothing made. A blank name and a duplicate are named.
    assert!(matches!(
        cafe::make_rota(
            &app.state.app,
            &lead_actor,
            &programme,
            &RotaInput { rounds: 2 }
        )
        .await,
        Err(Error::Conflict(_))
    ));
    let guest = |name: &str| GuestInput {
        name: name.into(),
        role: format!("{name}'s role"),
    };
    let blank = cafe::add_guest(&app.state.app, &lead_actor, &programme, &guest(" "))
        .await
        .unwrap_err();
    assert_eq!(field_of(&blank), ["name"]);
    for name in ["Ada", "Ben", "Cy"] {
        cafe::add_guest(&app.state.app, &lead_actor, &programme, &guest(name))
            .await
            .unwrap();
    }
    let twice = cafe::add_guest(&app.state.app, &lead_actor, &programme, &guest("Ada"))
        .await
        .unwrap_err();
    assert_eq!(field_of(&twice), ["name"]);
    let bad_rounds = cafe::make_rota(
        &app.state.app,
        &lead_actor,
        &programme,
        &RotaInput { rounds: 0 },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(&bad_rounds), ["rounds"]);

    let made = cafe::make_rota(
        &app.state.app,
        &lead_actor,
        &programme,
        &RotaInput { rounds: 3 },
    )
    .await
    .unwrap();
    assert_eq!((made.participants, made.rounds), (7, 3));

    // Recounted from the stored seats: everyone once a round, sizes 2-3, no guest twice, and
    // the repeats as stated.
    let view = cafe::view(&app.state.app, &lead, &programme).await.unwrap();
    assert_eq!(view.rounds.len(), 3);
    let mut met: HashMap<(String, String), i64> = HashMap::new();
    let mut guests_of: HashMap<String, HashSet<String>> = HashMap::new();
    for r in &view.rounds {
        let seated: Vec<&String> = r.tables.iter().flat_map(|t| &t.people).collect();
        assert_eq!(seated.len(), 7);
        assert_eq!(seated.iter().collect::<HashSet<_>>().len(), 7);
        for t in &r.tables {
            assert!((2..=3).contains(&t.people.len()), "{t:?}");
            for a in &t.people {
                assert!(
                    guests_of
                        .entry(a.clone())
                        .or_default()
                        .insert(t.guest.clone())
                );
                for b in &t.people {
                    if a < b {
                        *met.entry((a.clone(), b.clone())).or_default() += 1;
                    }
                }
            }
        }
    }
    let repeats: i64 = met.values().map(|k| k - 1).sum();
    assert_eq!(Some(repeats), view.summary.as_ref().map(|s| s.repeats));
    assert!(made.lower_bound <= made.repeats);

    // Participants see their own tables only after publication; an outsider never.
    assert!(matches!(
        cafe::mine(&app.state.app, &people_[0], &programme).await,
        Err(Error::NotFound)
    ));
    let w = setup::add_host(
        &app.state.app,
        &lead_actor,
        &programme,
        &host("Ward", 0, 7, None),
    )
    .await
    .unwrap();
    for v in &people_ {
        choices::save_choices(
            &app.state.app,
            &actor(v),
            &programme,
            &ranking(&[w.as_str()]),
        )
        .await
        .unwrap();
    }
    allocation::run(&app.state.app, &lead_actor, &programme)
        .await
        .unwrap();
    publication::publish(&app.state.app, &lead_actor, &programme)
        .await
        .unwrap();
    let mine = cafe::mine(&app.state.app, &people_[0], &programme)
        .await
        .unwrap();
    assert_eq!(mine.iter().map(|s| s.round).collect::<Vec<_>>(), [1, 2, 3]);
    let name = &people_[0].person.name;
    for s in &mine {
        let table = view.rounds[(s.round - 1) as usize]
            .tables
            .iter()
            .find(|t| t.guest == s.guest)
            .unwrap();
        assert!(table.people.contains(name));
    }
    let facilitator = viewer_of(&app, FACILITATOR).await;
    assert!(matches!(
        cafe::mine(&app.state.app, &facilitator, &programme).await,
        Err(Error::NotFound)
    ));
    let other = viewer_of(&app, OTHER_ADMIN).await;
    assert!(matches!(
        cafe::view(&app.state.app, &other, &programme).await,
        Err(Error::NotFound)
    ));
}
