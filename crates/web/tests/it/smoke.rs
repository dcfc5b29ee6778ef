//! One test through a real socket: the listener, the connection info, cookies over HTTP.

use crate::helpers::*;

#[tokio::test]
async fn serves_over_a_real_socket() {
    let app = TestApp::spawn().await;
    let server =
        revans_web::Application::with_state(app.state.clone(), "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
    let addr = server.addr();
    assert_ne!(addr.port(), 0);
    let handle = tokio::spawn(server.run_until_stopped());
    let base = format!("http://{addr}");
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let health = http.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert!(health.headers().contains_key("x-request-id"));

    let page = http.get(format!("{base}/sign-in")).send().await.unwrap();
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("default-src 'self'"));
    let html = page.text().await.unwrap();
    let i = html.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = &html[i..i + html[i..].find('"').unwrap()];
    let r = http
        .post(format!("{base}/sign-in"))
        .form(&[("csrf", csrf), ("email", ADMIN), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("revans_session="))
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let home = http
        .get(format!("{base}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Welcome, Priya Lead"));
    // The audit entry carries the real client address.
    let mut conn = app.state.store.conn().await.unwrap();
    let roots = revans_storage::organisations::list_all(&mut conn)
        .await
        .unwrap();
    let ics = roots.iter().find(|o| o.name == "North Coast ICS").unwrap();
    let entries = revans_storage::audit::list_in_tree(&mut conn, &ics.id, 1, 0)
        .await
        .unwrap();
    assert_eq!(entries[0].ip, "127.0.0.1");
    handle.abort();
}

/// Readiness: 200 once the database answers with every migration applied, 503 (never a hang
/// or "not found") when it cannot be reached.
#[tokio::test]
async fn readyz_says_whether_this_instance_can_take_traffic() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c.get("/readyz").await;
    assert_eq!((r.status.as_u16(), r.body.as_str()), (200, "ready"));
    app.state.store.pool().close().await;
    let r = c.get("/readyz").await;
    assert_eq!(r.status.as_u16(), 503, "{}", r.body);
    assert!(r.body.contains("database unavailable"));
}

/// Metrics: only to the configured scraper token; requests are counted by route pattern (no
/// ids), and the job queue's depth is there.
#[tokio::test]
async fn metrics_answer_only_the_scraper_and_label_routes_by_pattern() {
    let app = TestApp::spawn().await;
    let mut settings = (*app.state.settings).clone();
    settings.metrics_token = Some("scrape-me-please".to_owned().into());
    let mut state = app.state.clone();
    state.settings = std::sync::Arc::new(settings);
    let mut c = Client::new(revans_web::router(state));
    let (programme, _) = app.demo_programme().await;
    let r = c.get(&format!("/programmes/{programme}")).await;
    assert_eq!(r.status.as_u16(), 200);

    let r = c.get("/metrics").await;
    assert_eq!(r.status.as_u16(), 401, "no token, no metrics");
    c.bearer = Some("wrong".into());
    assert_eq!(c.get("/metrics").await.status.as_u16(), 401);
    c.bearer = Some("scrape-me-please".into());
    let r = c.get("/metrics").await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    assert!(r.body.contains("revans_jobs_pending"), "{}", r.body);
    // Other tests in this process count too, so look for this request's series.
    assert!(
        r.body.lines().any(|l| l.starts_with("http_requests_total")
            && l.contains("route=\"/programmes/{id}\"")
            && l.contains("status=\"200\"")),
        "the programme page is counted by its pattern: {}",
        r.body
    );
    assert!(!r.body.contains(&programme), "ids never label a series");
}

/// Every page's footer links the accessibility statement and the privacy notice, signed in or
/// not; the notice says the diary is private unless shared and that there are no tracking
/// cookies.
#[tokio::test]
async fn the_footer_links_the_accessibility_statement_and_the_privacy_notice() {
    let app = TestApp::spawn().await;
    for mut c in [app.client(), app.signed_in(PARTICIPANT).await] {
        let home = c.get("/").await;
        assert!(
            home.body.contains("href=\"/accessibility\""),
            "{}",
            home.body
        );
        assert!(home.body.contains("href=\"/privacy\""));
        let a11y = c.get("/accessibility").await;
        assert_eq!(a11y.status.as_u16(), 200);
        assert!(a11y.body.contains("WCAG"));
        let privacy = c.get("/privacy").await;
        assert_eq!(privacy.status.as_u16(), 200);
        assert!(privacy.body.contains("Your diary is yours"));
        assert!(privacy.body.contains("no analytics or advertising"));
        // Help: how to get an account, and the glossary.
        assert!(home.body.contains("href=\"/help\""));
        let help = c.get("/help").await;
        assert_eq!(help.status.as_u16(), 200);
        assert!(
            help.body
                .contains("To get an account, ask your programme lead")
        );
        assert!(help.body.contains(r#"id="presenter""#));
        assert!(help.body.contains("Questions? Ask your programme lead"));
    }
}

#[tokio::test]
async fn the_footer_names_the_programme_office_when_one_is_set() {
    let app = TestApp::spawn_with(|s| {
        s.contact_email = Some("programmes@northcoast-ics.example".into());
    })
    .await;
    let page = app.client().get("/help").await;
    assert!(
        page.body
            .contains(r#"<a href="mailto:programmes@northcoast-ics.example">"#),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Questions? Ask your programme lead"));
}
