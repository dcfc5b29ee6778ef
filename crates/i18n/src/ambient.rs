//! The locale of what is being served now: a request, or one email being written.

use std::cell::Cell;
use std::future::Future;

use revans_domain::Locale;

tokio::task_local! {
    static CURRENT: Cell<Locale>;
}

/// Runs `work` with `locale` as the current one (a request's handler, one email's rendering).
pub async fn scope<F: Future>(locale: Locale, work: F) -> F::Output {
    CURRENT.scope(Cell::new(locale), work).await
}

/// The same for synchronous work (a test, a CLI command rendering a document).
pub fn sync_scope<R>(locale: Locale, work: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(Cell::new(locale), work)
}

/// Work for another thread (`spawn_blocking`), carrying the current locale with it: a task's
/// locale does not cross threads by itself.
pub fn carried<R>(work: impl FnOnce() -> R + Send) -> impl FnOnce() -> R + Send {
    let locale = current();
    move || sync_scope(locale, work)
}

/// The locale of what is being served; English outside any scope (start-up, the CLI).
pub fn current() -> Locale {
    CURRENT.try_with(Cell::get).unwrap_or_default()
}

/// Switches the current scope to the person's own choice, once they are known (the session is
/// read after the request's scope began). Outside a scope it does nothing.
pub fn prefer(locale: Locale) {
    let _ = CURRENT.try_with(|c| c.set(locale));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_sets_and_a_preference_changes_it() {
        assert_eq!(current(), Locale::EnGb);
        sync_scope(Locale::De, || {
            assert_eq!(current(), Locale::De);
            prefer(Locale::EnGb);
            assert_eq!(current(), Locale::EnGb);
        });
        prefer(Locale::De);
        assert_eq!(current(), Locale::EnGb, "outside a scope nothing changes");
    }
}
