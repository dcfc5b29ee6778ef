//! A programme lead's task lines, from one row per cohort in their scope.

use revans_storage::home::LeadCohortRow;

use super::{HomeTask, HomeTaskKind, LeadHome, MoreTasks, when};

const DAY_MS: i64 = 86_400_000;
/// Applications closing within this many days are worth a reminder.
const CLOSING_SOON_DAYS: i64 = 14;
/// Tasks of one kind the home lists; the rest are counted ("And 40 more like this").
pub const TASKS_PER_KIND: usize = 5;

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
    cap(tasks)
}

/// Keeps the first `TASKS_PER_KIND` tasks of each kind, in order, and counts the rest.
fn cap(all: Vec<HomeTask>) -> LeadHome {
    let mut tasks = Vec::new();
    let mut more: Vec<MoreTasks> = Vec::new();
    for task in all {
        let listed = tasks
            .iter()
            .filter(|t: &&HomeTask| t.kind == task.kind)
            .count();
        if listed < TASKS_PER_KIND {
            tasks.push(task);
        } else if let Some(m) = more.iter_mut().find(|m| m.kind == task.kind) {
            m.count += 1;
        } else {
            more.push(MoreTasks {
                kind: task.kind,
                count: 1,
                text: String::new(),
            });
        }
    }
    for m in &mut more {
        m.text = format!(
            "And {} more {}.",
            revans_domain::thousands(usize::try_from(m.count).unwrap_or_default()),
            what_more(m.kind)
        );
    }
    LeadHome { tasks, more }
}

/// What the tasks of a kind are about, after "And 40 more".
fn what_more(kind: HomeTaskKind) -> &'static str {
    match kind {
        HomeTaskKind::ApplicationsToReview => "programmes with applications to review",
        HomeTaskKind::WaitingForSets => "cohorts with people waiting for a set",
        HomeTaskKind::SetsWithoutFacilitator => "cohorts with sets without a facilitator",
        HomeTaskKind::OffersUnanswered => "cohorts with offers not answered yet",
        HomeTaskKind::ApplicationsClosing => "cohorts whose applications close soon",
        _ => "like this",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(kind: HomeTaskKind, n: i64) -> HomeTask {
        HomeTask {
            kind,
            count: n,
            text: format!("{n}"),
            context: String::new(),
            href: String::new(),
        }
    }

    #[test]
    fn each_kind_lists_its_first_tasks_and_counts_the_rest() {
        let mut all: Vec<HomeTask> = (0..8)
            .map(|n| task(HomeTaskKind::WaitingForSets, n))
            .collect();
        all.push(task(HomeTaskKind::OffersUnanswered, 99));
        all.extend((8..2_010).map(|n| task(HomeTaskKind::WaitingForSets, n)));
        let home = cap(all);
        let waiting: Vec<i64> = home
            .tasks
            .iter()
            .filter(|t| t.kind == HomeTaskKind::WaitingForSets)
            .map(|t| t.count)
            .collect();
        assert_eq!(waiting, vec![0, 1, 2, 3, 4], "the first five, in order");
        assert!(
            home.tasks
                .iter()
                .any(|t| t.kind == HomeTaskKind::OffersUnanswered)
        );
        assert_eq!(home.more.len(), 1);
        assert_eq!(home.more[0].kind, HomeTaskKind::WaitingForSets);
        assert_eq!(home.more[0].count, 2_005);
        assert_eq!(
            home.more[0].text,
            "And 2,005 more cohorts with people waiting for a set."
        );
    }
}
