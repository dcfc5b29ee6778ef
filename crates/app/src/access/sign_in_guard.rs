//! Slowing password guessing without locking the real person out. Failures are counted per
//! (account, client address) pair: that pair is refused for a while, but the account's owner
//! signing in from anywhere else is not. A looser limit per client address stops one machine
//! trying many accounts; the address is the real client's (see `client_ip`), so people behind
//! one load balancer do not share it. The owner is emailed when their account sees repeated
//! failures, at most once a day.

use revans_domain::EmailAddress;
use revans_storage::{Person, sign_in_attempts, sign_in_notices};

use crate::App;
use crate::Error;
use crate::mail::{self, SignInFailuresEmail};

/// After this many failures for one account from one address, that pair pauses.
pub const MAX_FAILURES_PER_PAIR: i64 = 5;
/// After this many failures from one address (any accounts), that address pauses.
pub const MAX_FAILURES_PER_IP: i64 = 50;
pub const WINDOW_MINUTES: i64 = 15;
/// The owner is told once their account has seen this many failures in the window.
pub const NOTICE_AFTER_FAILURES: i64 = 5;
/// At most one notice per account in this long.
pub const NOTICE_GAP_MS: i64 = 24 * 3_600_000;

fn window_start(now: i64) -> i64 {
    now - WINDOW_MINUTES * 60_000
}

/// Whether this address may try this account now.
pub async fn may_try(state: &App, email: &EmailAddress, ip: &str) -> Result<bool, Error> {
    let since = window_start(revans_storage::now_ms());
    let mut conn = state.store.conn().await?;
    let pair =
        sign_in_attempts::recent_failures_for_pair(&mut conn, email.as_str(), ip, since).await?;
    if pair >= MAX_FAILURES_PER_PAIR {
        return Ok(false);
    }
    let from_ip = sign_in_attempts::recent_failures_from_ip(&mut conn, ip, since).await?;
    Ok(from_ip < MAX_FAILURES_PER_IP)
}

pub async fn record_success(state: &App, email: &EmailAddress, ip: &str) -> Result<(), Error> {
    let mut conn = state.store.conn().await?;
    sign_in_attempts::record(&mut conn, email.as_str(), ip, true).await?;
    Ok(())
}

/// Records a failure and, when the account (if there is one) has now seen repeated failures
/// and its owner has not been told today, enqueues a notice in the same transaction.
pub async fn record_failure(
    state: &App,
    email: &EmailAddress,
    ip: &str,
    person: Option<&Person>,
) -> Result<(), Error> {
    let now = revans_storage::now_ms();
    let mut tx = state.store.begin().await?;
    sign_in_attempts::record(&mut tx, email.as_str(), ip, false).await?;
    // Counted whether or not the account exists, so the time taken does not say which.
    let failures =
        sign_in_attempts::recent_failures_for_email(&mut tx, email.as_str(), window_start(now))
            .await?;
    if let Some(person) = person.filter(|_| failures >= NOTICE_AFTER_FAILURES)
        && sign_in_notices::claim(&mut tx, &person.id, now, NOTICE_GAP_MS).await?
    {
        let notice = SignInFailuresEmail {
            tenant: state.settings.tenant_name.clone(),
            name: person.name.clone(),
            failures,
            minutes: WINDOW_MINUTES,
            reset_link: format!("{}/password-reset", state.settings.base_url()),
        };
        mail::enqueue(&mut tx, &person.email, &notice).await?;
    }
    revans_storage::commit(tx).await?;
    Ok(())
}
