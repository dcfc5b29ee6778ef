//! `revans user create`: an account from the command line (the first programme lead).

use std::io::{IsTerminal, Read};

use clap::Subcommand;
use revans_app::directory::operator::{NewAccount, create_account};

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
    let password = if *password_stdin {
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
    let settings = crate::settings(cli, None)?;
    crate::runtime()?.block_on(async move {
        let state = revans_web::build_state(settings)
            .await
            .map_err(anyhow::Error::msg)?;
        let input = NewAccount {
            email,
            name,
            organisation,
            roles,
            password: &password,
        };
        let created = create_account(&state.app, input)
            .await
            .map_err(|e| match e {
                revans_app::Error::Invalid(fields) => anyhow::anyhow!(
                    "{}",
                    fields
                        .iter()
                        .map(|f| format!("--{}: {}", flag(&f.field), f.message))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
                other => anyhow::anyhow!("{other}"),
            })?;
        println!(
            "Created {} <{}> in {} with {} role(s).",
            created.name,
            created.email,
            created.organisation,
            created.roles.len()
        );
        Ok(())
    })
}

/// The command-line flag for a use case's field.
fn flag(field: &str) -> &str {
    match field {
        "role" | "roles" => "role",
        "password" => "password-stdin",
        other => other,
    }
}
