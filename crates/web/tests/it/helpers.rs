use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use revans_storage::jobs;
use revans_storage::testing::TestDatabase;
use revans_web::config::{MailTransport, Overrides, Settings};
use revans_web::mail::OutgoingEmail;
use revans_web::state::AppState;
use tower::ServiceExt;

pub const PASSWORD: &str = revans_app::demo::PASSWORD;
pub const ADMIN: &str = "lead@northcoast-ics.example";
pub const SPONSOR: &str = "sponsor@harbour-trust.example";
pub const FACILITATOR: &str = "facilitator@northcoast-ics.example";
pub const PARTICIPANT: &str = "participant@harbour-trust.example";
pub const EVALUATOR: &str = "evaluator@northcoast-ics.example";
/// Programme lead of a second, unrelated tenant.
pub const OTHER_ADMIN: &str = "lead@elsewhere.example";

pub struct TestApp {
    pub state: AppState,
    pub db: Arc<TestDatabase>,
    _mail: Arc<tempfile::TempDir>,
}

pub fn settings_for(db: &TestDatabase, mail: &std::path::Path) -> Settings {
    let mut s = Settings::load(None, &Overrides::default()).expect("default settings");
    s.database_url = db.url.clone().into();
    s.listen = "127.0.0.1:0".parse().expect("address");
    s.base_url = Some("http://revans.test".into());
    s.run_worker = false;
    s.max_connections = 5;
    s.formation_seconds = 0.3;
    s.mail.transport = MailTransport::Folder;
    s.mail.folder = mail.to_path_buf();
    s
}

impl TestApp {
    /// A fresh app with the demo tenant and a second tenant with its own programme lead.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// As `spawn`, with settings changed first (https, trusted proxies ...).
    pub async fn spawn_with(change: impl FnOnce(&mut Settings)) -> Self {
        let db = TestDatabase::create_migrated().await;
        let mail = tempfile::tempdir().expect("temp dir");
        let mut settings = settings_for(&db, mail.path());
        change(&mut settings);
        let state = revans_web::build_state(settings).await.expect("state");
        revans_app::demo::seed(&state).await.expect("seed");
        {
            use revans_domain::*;
            let mut tx = state.store.begin().await.expect("tx");
            let org = revans_storage::organisations::insert(
                &mut tx,
                &OrganisationName::parse("Elsewhere Care Group").unwrap(),
                None,
            )
            .await
            .unwrap();
            let id = revans_storage::people::insert(
                &mut tx,
                &org.id,
                &EmailAddress::parse(OTHER_ADMIN).unwrap(),
                &PersonName::parse("Olu Other").unwrap(),
            )
            .await
            .unwrap();
            let hash = revans_app::security::hash_password(&Password::parse(PASSWORD).unwrap())
                .await
                .unwrap();
            revans_storage::people::set_password_hash(&mut tx, &id, &hash)
                .await
                .unwrap();
            revans_storage::people::set_roles(&mut tx, &id, &org.id, &[Role::Admin])
                .await
                .unwrap();
            revans_storage::commit(tx).await.unwrap();
        }
        Self {
            state,
            db: Arc::new(db),
            _mail: Arc::new(mail),
        }
    }

    /// After a POST that started forming sets in the background (a redirect to the run's
    /// page), runs the job queue as the worker would, so the run finishes; the run's status.
    pub async fn finish_forming(&self, r: &Response) -> Option<String> {
        let run = r
            .location
            .as_deref()?
            .strip_prefix("/admin/formation-runs/")?
            .split('?')
            .next()?
            .to_owned();
        revans_web::mail::run_pending_jobs(&self.state, "test-worker").await;
        let mut conn = self.state.store.conn().await.expect("conn");
        revans_storage::formation_runs::get(&mut conn, &run)
            .await
            .expect("run")
            .map(|r| r.status)
    }

    /// A fresh app on an empty, migrated database (no demo tenant).
    pub async fn spawn_empty() -> Self {
        let db = TestDatabase::create_migrated().await;
        let mail = tempfile::tempdir().expect("temp dir");
        let state = revans_web::build_state(settings_for(&db, mail.path()))
            .await
            .expect("state");
        Self {
            state,
            db: Arc::new(db),
            _mail: Arc::new(mail),
        }
    }

    /// A second app instance on the same database (as behind a load balancer).
    pub async fn second_instance(&self) -> AppState {
        let mail = self._mail.path();
        revans_web::build_state(settings_for(&self.db, mail))
            .await
            .expect("second instance")
    }

    pub fn client(&self) -> Client {
        Client::new(revans_web::router(self.state.clone()))
    }

    /// Signs in through the form and returns the client holding the session.
    pub async fn signed_in(&self, email: &str) -> Client {
        let mut c = self.client();
        let r = c
            .post_form("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "sign-in of {email} failed: {}",
            r.body
        );
        // Pick up the session's CSRF token, as a browser would from the next page.
        c.get("/account").await;
        c
    }

    /// Emails waiting in the queue (rendered), oldest first.
    pub async fn queued_emails(&self) -> Vec<OutgoingEmail> {
        let mut conn = self.state.store.conn().await.unwrap();
        let rows: Vec<(String,)> = sqlx_free_payloads(&mut conn).await;
        rows.into_iter()
            .map(|(p,)| revans_web::mail::render_payload(&p).unwrap())
            .collect()
    }

    pub async fn person_id(&self, email: &str) -> String {
        let mut conn = self.state.store.conn().await.unwrap();
        let e = revans_domain::EmailAddress::parse(email).unwrap();
        revans_storage::people::find_by_email(&mut conn, &e)
            .await
            .unwrap()
            .unwrap()
            .0
            .id
            .to_string()
    }

    /// The demo's published programme and its first cohort.
    pub async fn demo_programme(&self) -> (String, String) {
        let mut conn = self.state.store.conn().await.unwrap();
        let p = revans_storage::programmes::list_published(&mut conn)
            .await
            .unwrap()
            .remove(0);
        let c = revans_storage::cohorts::list_for_programme(&mut conn, &p.id)
            .await
            .unwrap()
            .remove(0);
        (p.id.to_string(), c.id.to_string())
    }

    pub async fn audit_actions(&self) -> Vec<String> {
        let mut conn = self.state.store.conn().await.unwrap();
        let mut out = Vec::new();
        for org in revans_storage::organisations::list_all(&mut conn)
            .await
            .unwrap()
        {
            if org.parent_id.is_none() {
                for e in revans_storage::audit::list_in_tree(&mut conn, &org.id, 1000, 0)
                    .await
                    .unwrap()
                {
                    out.push(e.action);
                }
            }
        }
        out
    }

    /// An API token for the person, made through the same action the pages use.
    pub async fn api_token(&self, email: &str) -> String {
        let mut c = self.signed_in(email).await;
        let r = c
            .post_form("/account/tokens", &[("name", "test token")])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let start = r.body.find("data-new-token>").expect("token shown") + "data-new-token>".len();
        let end = start + r.body[start..].find('<').unwrap();
        r.body[start..end].to_owned()
    }
}

async fn sqlx_free_payloads(conn: &mut revans_storage::Conn) -> Vec<(String,)> {
    // The queue keeps payloads as JSON; read every email job, oldest first.
    let recent = jobs::list_recent(conn, 1000).await.unwrap();
    let mut out = Vec::new();
    for j in recent.into_iter().rev() {
        if j.kind == revans_web::mail::SEND_EMAIL {
            out.push((jobs::payload(conn, &j.id).await.unwrap().unwrap(),));
        }
    }
    out
}

pub struct Response {
    /// The body as it came, for files that are not text (a PDF).
    pub bytes: Vec<u8>,
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub location: Option<String>,
    pub body: String,
    pub content_type: String,
}

/// Drives the router in-process, keeping cookies like a browser and filling in the CSRF
/// token from the last page it saw.
pub struct Client {
    app: Router,
    pub cookies: BTreeMap<String, String>,
    pub csrf: Option<String>,
    pub bearer: Option<String>,
    /// The socket peer the server sees (none: the server is not told, as with `oneshot`).
    pub peer: Option<std::net::SocketAddr>,
    /// An `X-Forwarded-For` header sent with every request.
    pub forwarded_for: Option<String>,
    /// An `Accept-Language` header sent with every request.
    pub accept_language: Option<String>,
}

impl Client {
    pub fn new(app: Router) -> Self {
        Self {
            app,
            cookies: BTreeMap::new(),
            csrf: None,
            bearer: None,
            peer: None,
            forwarded_for: None,
            accept_language: None,
        }
    }

    pub fn with_router(&self, app: Router) -> Self {
        Self {
            app,
            cookies: self.cookies.clone(),
            csrf: self.csrf.clone(),
            bearer: self.bearer.clone(),
            peer: self.peer,
            forwarded_for: self.forwarded_for.clone(),
            accept_language: self.accept_language.clone(),
        }
    }

    async fn send(&mut self, mut req: Request<Body>) -> Response {
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req.headers_mut()
                .insert(header::COOKIE, cookie.parse().unwrap());
        }
        if let Some(token) = &self.bearer {
            req.headers_mut().insert(
                header::AUTHORIZATION,
                format!("Bearer {token}").parse().unwrap(),
            );
        }
        if let Some(peer) = self.peer {
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
        }
        if let Some(xff) = &self.forwarded_for {
            req.headers_mut()
                .insert("x-forwarded-for", xff.parse().unwrap());
        }
        if let Some(languages) = &self.accept_language {
            req.headers_mut()
                .insert(header::ACCEPT_LANGUAGE, languages.parse().unwrap());
        }
        let res = self.app.clone().oneshot(req).await.expect("infallible");
        for v in res.headers().get_all(header::SET_COOKIE) {
            let pair = v.to_str().unwrap().split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            if val.is_empty() {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), val.to_owned());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let location = res
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        let content_type = res
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(i) = body.find("name=\"csrf\" value=\"") {
            let start = i + "name=\"csrf\" value=\"".len();
            let end = start + body[start..].find('"').unwrap();
            self.csrf = Some(body[start..end].to_owned());
        }
        Response {
            status,
            headers,
            location,
            body,
            content_type,
            bytes: bytes.to_vec(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Response {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// Posts a form with the CSRF token from the last page (fetching `/sign-in` first if none).
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        if self.csrf.is_none() {
            self.get("/sign-in").await;
        }
        let csrf = self.csrf.clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// `post_form` with owned field names and values (built at run time).
    pub async fn post_form_owned(&mut self, path: &str, fields: &[(String, String)]) -> Response {
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        self.post_form(path, &refs).await
    }

    /// One API call with this bearer token, whatever the client holds otherwise.
    pub async fn json_with_token(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&str>,
        token: &str,
    ) -> Response {
        let before = self.bearer.replace(token.to_owned());
        let r = self.json(method, path, body).await;
        self.bearer = before;
        r
    }

    /// Posts exactly these fields (no CSRF token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let body = serde_html_form::to_string(fields).unwrap();
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Sends a body of any type (a CSV, say), with the client's token.
    pub async fn send_as(
        &mut self,
        method: &str,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> Response {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.send(req).await
    }

    pub async fn json(&mut self, method: &str, path: &str, body: Option<&str>) -> Response {
        let mut b = Request::builder().method(method).uri(path);
        if body.is_some() {
            b = b.header(header::CONTENT_TYPE, "application/json");
        }
        let req = b
            .body(
                body.map(|s| Body::from(s.to_owned()))
                    .unwrap_or_else(Body::empty),
            )
            .unwrap();
        self.send(req).await
    }
}

/// A signed-in person with one role in the organisation of `like` (an existing person).
pub async fn person_beside(
    app: &TestApp,
    like: &str,
    email: &str,
    role: revans_domain::Role,
) -> Client {
    let mut tx = app.state.store.begin().await.unwrap();
    let org = revans_storage::people::get(
        &mut tx,
        &revans_domain::Id::parse(&app.person_id(like).await).unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .organisation_id;
    let pid = revans_storage::people::insert(
        &mut tx,
        &org,
        &revans_domain::EmailAddress::parse(email).unwrap(),
        &revans_domain::PersonName::parse("Someone Else").unwrap(),
    )
    .await
    .unwrap();
    let hash =
        revans_app::security::hash_password(&revans_domain::Password::parse(PASSWORD).unwrap())
            .await
            .unwrap();
    revans_storage::people::set_password_hash(&mut tx, &pid, &hash)
        .await
        .unwrap();
    revans_storage::people::set_roles(&mut tx, &pid, &org, &[role])
        .await
        .unwrap();
    revans_storage::commit(tx).await.unwrap();
    let mut c = app.signed_in(email).await;
    c.bearer = Some(app.api_token(email).await);
    c
}
