//! `revans user create`: an account from the command line (the first programme lead).

use std::io::{IsTerminal, Read};

use clap::Subcommand;
use revans_domain::{EmailAddress, OrganisationName, Password, PersonName, Role};
use revans_storage::{organisations, people};

use crate::Cli;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a person with a password and roles in their organisation.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Their organisation's name; created (top level) if it does not exist.
        #[arg(long)]
        organisation: String,
        /// A role in that organisation (repeatable): admin, sponsor, facilitator, participant, evaluator.
        #[arg(long = "role")]
        roles: Vec<String>,
        /// Read the password from standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
    },
}

pub fn run(cli: &Cli, command: &UserCommand) -> anyhow::Result<()> {
    let UserCommand::Create {
        email,
        name,
        organisation,
        roles,
        password_stdin,
    } = command;
    let email =
        EmailAddress::parse(email).map_err(|e| anyhow::anyhow!("--email: {}", e.message))?;
    let name = PersonName::parse(name).map_err(|e| anyhow::anyhow!("--name: {}", e.message))?;
    let org_name = OrganisationName::parse(organisation)
        .map_err(|e| anyhow::anyhow!("--organisation: {}", e.message))?;
    let roles: Vec<Role> = roles
        .iter()
        .map(|r| {
            r.parse::<Role>()
                .map_err(|e| anyhow::anyhow!("--role: {}", e.message))
        })
        .collect::<Result<_, _>>()?;
    let raw = if *password_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s.trim_end_matches(['\n', '\r']).to_owned()
    } else if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password: ")?
    } else {
        anyhow::bail!(
            "No password given: use --password-stdin, or run in a terminal to be asked for one"
        );
    };
    let password = Password::parse(&raw).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let settings = crate::settings(cli, None)?;
    crate::runtime()?.block_on(async move {
        let state = revans_web::build_state(settings)
            .await
            .map_err(anyhow::Error::msg)?;
        let hash = revans_web::security::hash_password(&password)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut tx = state.store.begin().await?;
        let all = organisations::list_all(&mut tx).await?;
        let org = match all.into_iter().find(|o| o.name == org_name.as_str()) {
            Some(o) => o,
            None => organisations::insert(&mut tx, &org_name, None).await?,
        };
        let id = people::insert(&mut tx, &org.id, &email, &name)
            .await
            .map_err(|e| match e {
                revans_storage::StoreError::Duplicate { .. } => {
                    anyhow::anyhow!("Someone already has an account with {email}")
                }
                other => other.into(),
            })?;
        people::set_password_hash(&mut tx, &id, &hash).await?;
        people::set_roles(&mut tx, &id, &org.id, &roles).await?;
        revans_storage::audit::record(
            &mut tx,
            revans_storage::audit::NewAuditEntry {
                actor_id: None,
                actor_name: "revans user create",
                action: "person.created",
                subject_type: "person",
                subject_id: id.as_str(),
                detail: &format!("Created {name} <{email}> from the command line"),
                ip: "command line",
                organisation_id: Some(&org.id),
            },
        )
        .await?;
        revans_storage::commit(tx).await?;
        println!(
            "Created {name} <{email}> in {} with {} role(s).",
            org.name,
            roles.len()
        );
        Ok(())
    })
}
