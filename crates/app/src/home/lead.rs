//! A programme lead's task lines, from one row per cohort in their scope.

use revans_storage::home::LeadCohortRow;

use super::{HomeTask, HomeTaskKind, LeadHome, when};

const DAY_MS: i64 = 86_400_000;
/// Applications closing within this many days are worth a reminder.
const CLOSING_SOON_DAYS: i64 = 14;

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub fn tasks(rows: &[LeadCohortRow], now: i64) -> LeadHome {
    let mut tasks = Vec::new();
    // Applications are counted per programme; the row repeats it on each cohort.
    let mut programmes_seen = std::collections::HashSet::new();
    for r in rows {
        if programmes_seen.insert(r.programme_id.as_str()) && r.applications_to_review > 0 {
            tasks.push(HomeTask {
                kind: HomeTaskKind::ApplicationsToReview,
                count: r.applications_to_review,
                text: format!(
                    "{} to review",
                    plural(r.applications_to_review, "application", "applications")
                ),
                context: r.programme.clone(),
                href: format!("/admin/programmes/{}/applications", r.programme_id),
            });
        }
    }
    for r in rows {
        let context = format!("{}: {}", r.programme, r.cohort);
        let sets = format!("/admin/cohorts/{}/sets", r.cohort_id);
        if r.waiting_for_sets > 0 {
            tasks.push(HomeTask {
                kind: HomeTaskKind::WaitingForSets,
                count: r.waiting_for_sets,
                text: format!(
                    "{} with a confirmed place {} waiting for a set",
                    plural(r.waiting_for_sets, "person", "people"),
                    if r.waiting_for_sets == 1 { "is" } else { "are" }
                ),
                context: context.clone(),
                href: sets.clone(),
            });
        }
        if r.sets_without_facilitator > 0 {
            tasks.push(HomeTask {
                kind: HomeTaskKind::SetsWithoutFacilitator,
                count: r.sets_without_facilitator,
                text: format!(
                    "{} without a facilitator",
                    plural(r.sets_without_facilitator, "set", "sets")
                ),
                context: context.clone(),
                href: sets,
            });
        }
        if r.offers_unanswered > 0 {
            tasks.push(HomeTask {
                kind: HomeTaskKind::OffersUnanswered,
                count: r.offers_unanswered,
                text: format!(
                    "{} of a place not answered yet",
                    plural(r.offers_unanswered, "offer", "offers")
                ),
                context: context.clone(),
                href: format!("/admin/programmes/{}/applications", r.programme_id),
            });
        }
        let open = r.programme_status == "published" && r.opens_at <= now && now < r.closes_at;
        if open && r.closes_at - now <= CLOSING_SOON_DAYS * DAY_MS {
            let days = (r.closes_at - now).div_euclid(DAY_MS);
            tasks.push(HomeTask {
                kind: HomeTaskKind::ApplicationsClosing,
                count: days,
                text: format!(
                    "Applications close {}, on {}",
                    match days {
                        0 => "in less than a day".to_owned(),
                        n => format!("in {}", plural(n, "day", "days")),
                    },
                    when::moment(r.closes_at, &r.timezone)
                ),
                context,
                href: format!("/admin/programmes/{}", r.programme_id),
            });
        }
    }
    LeadHome { tasks }
}
