//! Two `revans serve` processes on one database share sign-in sessions, as two instances
//! behind a load balancer must. Runs on PostgreSQL when REVANS_TEST_DATABASE_URL is set
//! (as in CI), otherwise on one SQLite file.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use revans_storage::testing::TestDatabase;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(database_url: &str, dir: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_revans"))
        .args([
            "--database",
            database_url,
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .current_dir(dir)
        .env("REVANS_LOG", "error")
        .env("REVANS_RUN_WORKER", "false")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start revans serve");
    // The first line of output names the address it bound (port 0 picks a free one).
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "unexpected first line: {line}"
    );
    Server { child, url }
}

#[tokio::test]
async fn a_session_made_on_one_instance_works_on_the_other() {
    let db = TestDatabase::create().await;
    let dir = tempfile::tempdir().unwrap();
    let created = Command::new(env!("CARGO_BIN_EXE_revans"))
        .args([
            "--database",
            &db.url,
            "user",
            "create",
            "--email",
            "lead@two.example",
            "--name",
            "Two Lead",
            "--organisation",
            "Two Trust",
            "--role",
            "admin",
            "--password-stdin",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(b"two instances password\n")?;
            c.wait()
        })
        .unwrap();
    assert!(created.success());

    let a = serve(&db.url, dir.path());
    let b = serve(&db.url, dir.path());
    assert_ne!(a.url, b.url);

    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = http
        .get(format!("{}/sign-in", a.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let i = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = page[i..i + page[i..].find('"').unwrap()].to_owned();
    let signed_in = http
        .post(format!("{}/sign-in", a.url))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "lead@two.example"),
            ("password", "two instances password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303);
    let session = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("revans_session="))
        .unwrap();
    // The other instance (a different process, different port) accepts the same cookie.
    let on_b = reqwest::Client::new()
        .get(format!("{}/account", b.url))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(on_b.status(), 200);
    assert!(on_b.text().await.unwrap().contains("Two Lead"));
}
