//! Facilitators in a region's pool (C6, issue 15): opting in with capacity, availability and
//! dates away; the pool as every lead of the region reads it; proposals ranked by fit for a
//! set (by `revans_domain::rank`); asking a facilitator by emailed link; and replacing one who
//! becomes unavailable. A region is a tenant: the root of an organisation's tree.

pub mod opt_in;
pub mod pool_view;
pub mod proposals;
pub mod requests;
pub mod subject;

/// Whether a request or proposal is for a set or a circle (the faces name it by type).
pub use revans_storage::facilitator_requests::Target;

use revans_domain::{Id, Role};
use revans_storage::{Conn, pool};

use crate::{Error, Viewer};

/// The region (tenant) of the viewer's own organisation.
pub(crate) async fn own_region(conn: &mut Conn, viewer: &Viewer) -> Result<Id, Error> {
    pool::region_of(conn, &viewer.person.organisation_id)
        .await?
        .ok_or(Error::NotFound)
}

/// The regions the viewer leads in: the tenant of each organisation they administer.
pub(crate) async fn led_regions(conn: &mut Conn, viewer: &Viewer) -> Result<Vec<Id>, Error> {
    let mut out: Vec<Id> = Vec::new();
    for grant in viewer.roles.iter().filter(|g| g.role == Role::Admin) {
        if let Some(r) = pool::region_of(conn, &grant.organisation_id).await?
            && !out.contains(&r)
        {
            out.push(r);
        }
    }
    if out.is_empty() {
        return Err(Error::Forbidden);
    }
    Ok(out)
}

/// "Tuesday" for weekday 2.
pub fn weekday_name(day: i64) -> &'static str {
    match day {
        1 => "Monday",
        2 => "Tuesday",
        3 => "Wednesday",
        4 => "Thursday",
        5 => "Friday",
        6 => "Saturday",
        _ => "Sunday",
    }
}

/// "09:30" for 570 minutes.
pub fn clock(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// "Tuesday 09:00 to 12:00; Thursday 13:00 to 17:00".
pub fn describe_windows(windows: &[pool::Window]) -> String {
    use revans_i18n::{Arg, t, t_args};
    if windows.is_empty() {
        return t("pool-none-given");
    }
    windows
        .iter()
        .map(|w| {
            // The weekday in the reader's language (the catalogue's `pool-monday` and so on).
            let day = t(match w.weekday {
                1 => "pool-monday",
                2 => "pool-tuesday",
                3 => "pool-wednesday",
                4 => "pool-thursday",
                5 => "pool-friday",
                6 => "pool-saturday",
                _ => "pool-sunday",
            });
            t_args(
                "pool-window",
                &[
                    ("day", Arg::from(day)),
                    ("from", Arg::from(clock(w.from_minute))),
                    ("to", Arg::from(clock(w.to_minute))),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
