//! `revans demo`: a ready-to-explore tenant on the embedded SQLite default.

use std::path::Path;

use revans_web::config::MailTransport;

use crate::Cli;

pub fn run(cli: &Cli, listen: &str, data: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(data)
        .map_err(|e| anyhow::anyhow!("Cannot create the demo folder {}: {e}", data.display()))?;
    let mut settings = crate::settings(cli, Some(listen.to_owned()))?;
    let default_db =
        secrecy::ExposeSecret::expose_secret(&settings.database_url) == "sqlite://revans.db";
    if cli.database.is_none() && default_db {
        settings.database_url = format!("sqlite://{}/revans.db", data.display()).into();
    }
    if settings.tenant_name == "Revans" {
        settings.tenant_name = "North Coast Leadership Academy".into();
    }
    settings.mail.transport = MailTransport::Folder;
    settings.mail.folder = data.join("mail");
    let mail_folder = settings.mail.folder.clone();
    crate::runtime()?.block_on(async move {
        let state = revans_web::build_state(settings.clone())
            .await
            .map_err(anyhow::Error::msg)?;
        let seeded = revans_app::demo::seed(&state).await?;
        let app = revans_web::Application::with_state(state, settings.listen)
            .await
            .map_err(anyhow::Error::msg)?;
        println!();
        println!("Revans demo is running at http://{}", app.addr());
        println!("Database: {}", settings.database_display());
        if !seeded {
            println!("(The demo organisation already existed, so it was left as it was.)");
        }
        println!();
        println!(
            "Sign in as any of these (password for all: {}):",
            revans_app::demo::PASSWORD
        );
        for (role, email) in revans_app::demo::SIGN_INS {
            println!("  {role:<22} {email}");
        }
        println!();
        println!(
            "Emails are not sent in the demo: they are written to {}",
            mail_folder.display()
        );
        println!("Press Ctrl-C to stop.");
        app.run_until_stopped().await?;
        Ok(())
    })
}
