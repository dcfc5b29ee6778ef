//! The plan of a nation: who and what exists and how it hangs together, as indices, made from
//! the scale and the seed alone (no I/O, no clock). The writers turn it into rows.

use revans_domain::{ApplicationState, ProgrammeKind, Role};

use super::names::{FIRST, LAST, MEMBER_KINDS, PLACES, TOPICS};
use super::rng::Rng;
use crate::Error;

/// Regions (integrated care systems), as in England.
pub const REGIONS: usize = 42;
pub const COHORTS_PER_PROGRAMME: usize = 10;
pub const SET_SIZE: usize = 7;
pub const MEETINGS_PER_SET: usize = 11;
/// The smallest nation that still has every role in every region.
pub const MIN_PEOPLE: u32 = 1_000;

/// The figures of issue 13 for 100,000 people, scaled to `people`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub people: u32,
    pub programmes: usize,
    /// Sets in the cohort with the most sets.
    pub big_cohort_sets: usize,
    /// Accepted people in the cohort left unformed (for measuring a formation run).
    pub forming_people: usize,
    /// Meetings of the set with the most meetings.
    pub big_set_meetings: usize,
    /// Diary entries of the participant with the most.
    pub heavy_diary: usize,
    /// Audit log entries, at least.
    pub audit_entries: usize,
}

impl Scale {
    pub fn for_people(people: u32) -> Result<Scale, Error> {
        if people < MIN_PEOPLE {
            return Err(Error::field(
                "people",
                format!("A nation needs at least {MIN_PEOPLE} people"),
            ));
        }
        let n = f64::from(people);
        let scaled =
            |at_100k: f64, min: usize| ((at_100k * n / 100_000.0).round() as usize).max(min);
        Ok(Scale {
            people,
            programmes: scaled(300.0, 7),
            big_cohort_sets: scaled(500.0, 10),
            forming_people: scaled(5_000.0, 100),
            big_set_meetings: 2 * MEETINGS_PER_SET,
            heavy_diary: scaled(500.0, 20),
            audit_entries: scaled(1_000_000.0, 10_000),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    /// Index of the parent in `Plan::orgs` (the root has none).
    pub parent: Option<usize>,
    /// The region (0..42), or `None` for the national root.
    pub region: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub org: usize,
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone)]
pub struct Programme {
    pub kind: ProgrammeKind,
    pub title: String,
    pub sponsor_approval: bool,
    /// Draft programmes take no applications.
    pub draft: bool,
    pub lottery: bool,
}

#[derive(Debug, Clone)]
pub struct Cohort {
    pub programme: usize,
    pub name: String,
    /// Days from today to the first session (negative: already running).
    pub starts_in_days: i64,
    pub capacity: i64,
    pub confirmed: i64,
}

#[derive(Debug, Clone)]
pub struct Set {
    pub cohort: usize,
    pub members: Vec<usize>,
    pub facilitator: usize,
    pub meetings: usize,
}

#[derive(Debug, Clone)]
pub struct Application {
    pub programme: usize,
    pub cohort: usize,
    pub person: usize,
    pub state: ApplicationState,
    /// The sponsor who nominated the applicant, for programmes that need one.
    pub nominated_by: Option<usize>,
    pub waitlist_position: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub seed: u64,
    pub scale: Scale,
    pub orgs: Vec<Org>,
    pub people: Vec<Person>,
    /// (person, manager).
    pub reporting_lines: Vec<(usize, usize)>,
    pub programmes: Vec<Programme>,
    pub cohorts: Vec<Cohort>,
    pub sets: Vec<Set>,
    pub applications: Vec<Application>,
    pub facilitators: Vec<usize>,
    pub lead: usize,
    pub evaluator: usize,
    /// The region sponsor whose region has the most people.
    pub busiest_sponsor: usize,
    /// The participant with the most diary entries (a member of `sets[0]`).
    pub heavy: usize,
    /// The cohort with the most sets; `sets[0]` is its first set, the one with most meetings.
    pub big_cohort: usize,
    /// An action learning cohort whose accepted people have no sets yet (none when the
    /// nation has too few action learning cohorts to spare one).
    pub forming_cohort: Option<usize>,
    pub largest_programme: usize,
}

const KINDS: [ProgrammeKind; 6] = [
    ProgrammeKind::ActionLearning,
    ProgrammeKind::LeadershipModule,
    ProgrammeKind::FacilitatorTraining,
    ProgrammeKind::TrainTheTrainer,
    ProgrammeKind::SupportCircles,
    ProgrammeKind::ImmersionEvent,
];

/// States of the applications beyond each member's place, with their weights.
const STATES: [(ApplicationState, u64); 10] = [
    (ApplicationState::Draft, 8),
    (ApplicationState::Submitted, 20),
    (ApplicationState::Approved, 10),
    (ApplicationState::Waitlisted, 10),
    (ApplicationState::Offered, 10),
    (ApplicationState::Accepted, 15),
    (ApplicationState::Declined, 5),
    (ApplicationState::Expired, 5),
    (ApplicationState::Withdrawn, 5),
    (ApplicationState::Rejected, 12),
];

fn weighted_state(rng: &mut Rng) -> ApplicationState {
    let total: u64 = STATES.iter().map(|(_, w)| w).sum();
    let mut x = rng.next() % total;
    for (state, w) in STATES {
        if x < w {
            return state;
        }
        x -= w;
    }
    ApplicationState::Submitted
}

fn person(org: usize, i: usize, rng: &mut Rng, domain: &str, roles: Vec<Role>) -> Person {
    let first = rng.pick(&FIRST);
    let last = rng.pick(&LAST);
    Person {
        org,
        name: format!("{first} {last}"),
        email: format!(
            "{}.{}.{i}@{domain}",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        roles,
    }
}

impl Plan {
    pub fn make(scale: &Scale, seed: u64) -> Plan {
        let mut rng = Rng::fork(seed, 1);
        // Organisations: the national academy, 42 regions, 5-15 members each.
        let mut orgs = vec![Org {
            name: "National Leadership Academy".into(),
            parent: None,
            region: None,
        }];
        for (r, place) in PLACES.iter().enumerate() {
            orgs.push(Org {
                name: format!("{place} ICS"),
                parent: Some(0),
                region: Some(r),
            });
        }
        let mut members = Vec::new();
        for (r, place) in PLACES.iter().enumerate() {
            let count = rng.between(5, 15);
            for k in 0..count {
                let kind = MEMBER_KINDS[k % MEMBER_KINDS.len()];
                let name = match k / MEMBER_KINDS.len() {
                    0 => format!("{place} {kind}"),
                    n => format!("{place} {kind} {}", n + 1),
                };
                members.push(orgs.len());
                orgs.push(Org {
                    name,
                    parent: Some(1 + r),
                    region: Some(r),
                });
            }
        }
        let domain = |org: usize, orgs: &[Org]| match orgs[org].region {
            Some(r) => format!("{}.nhs.example", PLACES[r].to_lowercase()),
            None => "nation.example".to_owned(),
        };
        // Staff: the national lead and evaluator, an admin, sponsor and evaluator per region,
        // a sponsor per member organisation.
        let mut people = Vec::new();
        let mut sponsor_of = vec![None; orgs.len()];
        let lead = people.len();
        people.push(Person {
            org: 0,
            name: "Priya Lead".into(),
            email: "lead@nation.example".into(),
            roles: vec![Role::Admin],
        });
        let evaluator = people.len();
        people.push(Person {
            org: 0,
            name: "Eve Evaluator".into(),
            email: "evaluator@nation.example".into(),
            roles: vec![Role::Evaluator],
        });
        for r in 0..REGIONS {
            let org = 1 + r;
            let d = domain(org, &orgs);
            for roles in [
                vec![Role::Admin],
                vec![Role::Sponsor],
                vec![Role::Evaluator],
            ] {
                let sponsor = roles == [Role::Sponsor];
                let i = people.len();
                if sponsor {
                    sponsor_of[org] = Some(i);
                }
                people.push(person(org, i, &mut rng, &d, roles));
            }
        }
        for &org in &members {
            let i = people.len();
            sponsor_of[org] = Some(i);
            let d = domain(org, &orgs);
            people.push(person(org, i, &mut rng, &d, vec![Role::Sponsor]));
        }
        // Facilitators (one for about three sets; every other one also a participant), then
        // participants spread over the member organisations by size.
        let rest = (scale.people as usize).saturating_sub(people.len());
        let facilitator_count = (rest / (SET_SIZE * 3 + 1)).max(1);
        let weights: Vec<usize> = members.iter().map(|_| rng.between(1, 6)).collect();
        let total_weight: usize = weights.iter().sum();
        let pick_member = |rng: &mut Rng| {
            let mut x = rng.below(total_weight);
            for (k, w) in weights.iter().enumerate() {
                if x < *w {
                    return members[k];
                }
                x -= w;
            }
            members[0]
        };
        let mut facilitators = Vec::new();
        for f in 0..facilitator_count {
            let org = members[f % members.len()];
            let roles = if f % 2 == 0 {
                vec![Role::Facilitator, Role::Participant]
            } else {
                vec![Role::Facilitator]
            };
            let i = people.len();
            let d = domain(org, &orgs);
            facilitators.push(i);
            people.push(person(org, i, &mut rng, &d, roles));
        }
        let mut pool = Vec::new();
        while people.len() < scale.people as usize {
            let org = pick_member(&mut rng);
            let i = people.len();
            let d = domain(org, &orgs);
            pool.push(i);
            people.push(person(org, i, &mut rng, &d, vec![Role::Participant]));
        }
        // Reporting lines inside each organisation: a tree six wide.
        let mut by_org: Vec<Vec<usize>> = vec![Vec::new(); orgs.len()];
        for &p in &pool {
            by_org[people[p].org].push(p);
        }
        let mut reporting_lines = Vec::new();
        for list in &by_org {
            for j in 1..list.len() {
                reporting_lines.push((list[j], list[(j - 1) / 6]));
            }
        }
        // Programmes: every kind in turn; the first is the largest action learning programme.
        let programmes: Vec<Programme> = (0..scale.programmes)
            .map(|p| {
                let kind = KINDS[p % KINDS.len()];
                Programme {
                    kind,
                    title: format!(
                        "{}: {} {}",
                        TOPICS[(p / KINDS.len()) % TOPICS.len()],
                        kind.label(),
                        p / KINDS.len() + 1
                    ),
                    sponsor_approval: matches!(
                        kind,
                        ProgrammeKind::FacilitatorTraining | ProgrammeKind::TrainTheTrainer
                    ),
                    draft: p + 1 == scale.programmes,
                    lottery: p % 4 == 3,
                }
            })
            .collect();
        let mut cohorts = Vec::new();
        for (p, prog) in programmes.iter().enumerate() {
            for c in 0..COHORTS_PER_PROGRAMME {
                let running = prog.kind == ProgrammeKind::ActionLearning;
                let starts_in_days = if p == 0 && c == 0 {
                    -(scale.big_set_meetings as i64 / 2) * 28 - 7
                } else if running {
                    -30 - (c as i64 % 8) * 14
                } else {
                    14 + ((p + c) as i64 % 20) * 7
                };
                cohorts.push(Cohort {
                    programme: p,
                    name: format!("Cohort {}", c + 1),
                    starts_in_days,
                    capacity: 0,
                    confirmed: 0,
                });
            }
        }
        // Places in action learning cohorts: the big cohort first, the rest in turn.
        let mut al_cohorts: Vec<usize> = (0..cohorts.len())
            .filter(|&c| {
                let p = &programmes[cohorts[c].programme];
                p.kind == ProgrammeKind::ActionLearning && !p.draft
            })
            .collect();
        // The last action learning cohort is kept back to be formed: accepted people, no sets.
        let forming_cohort = if al_cohorts.len() > 2 {
            al_cohorts.pop()
        } else {
            None
        };
        // The end of the pool waits in the forming cohort; the rest is placed in sets.
        let reserved = if forming_cohort.is_some() {
            scale.forming_people.min(pool.len() / 10)
        } else {
            0
        };
        let (placed, waiting) = pool.split_at(pool.len() - reserved);
        let others = al_cohorts.len().saturating_sub(1).max(1);
        let average_sets = placed.len() / SET_SIZE / others;
        let big_people =
            (scale.big_cohort_sets.max(2 * average_sets) * SET_SIZE).min(placed.len() / 2);
        let mut cohort_members: Vec<Vec<usize>> = vec![Vec::new(); cohorts.len()];
        for (k, &p) in placed.iter().enumerate() {
            let c = if k < big_people || al_cohorts.len() == 1 {
                al_cohorts[0]
            } else {
                al_cohorts[1 + (k - big_people) % (al_cohorts.len() - 1)]
            };
            cohort_members[c].push(p);
        }
        let mut sets = Vec::new();
        for (c, list) in cohort_members.iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let n = (list.len() / SET_SIZE).max(1);
            let mut groups = vec![Vec::new(); n];
            for (j, &p) in list.iter().enumerate() {
                groups[j % n].push(p);
            }
            for members in groups {
                let s = sets.len();
                sets.push(Set {
                    cohort: c,
                    members,
                    facilitator: facilitators[s % facilitators.len()],
                    meetings: if s == 0 {
                        scale.big_set_meetings
                    } else {
                        MEETINGS_PER_SET
                    },
                });
            }
        }
        // Applications: each member's accepted place, then two more each (and two for each
        // facilitator who is also a participant) in every state.
        let mut applications = Vec::new();
        let mut member_programme = vec![usize::MAX; people.len()];
        for (c, list) in cohort_members.iter().enumerate() {
            for &p in list {
                member_programme[p] = cohorts[c].programme;
                applications.push(Application {
                    programme: cohorts[c].programme,
                    cohort: c,
                    person: p,
                    state: ApplicationState::Accepted,
                    nominated_by: None,
                    waitlist_position: None,
                });
            }
        }
        // The forming cohort's people: accepted, in no set yet.
        let mut forming_member = vec![false; people.len()];
        if let Some(c) = forming_cohort {
            let programme = cohorts[c].programme;
            for &p in waiting {
                forming_member[p] = true;
                applications.push(Application {
                    programme,
                    cohort: c,
                    person: p,
                    state: ApplicationState::Accepted,
                    nominated_by: None,
                    waitlist_position: None,
                });
            }
        }
        let open: Vec<usize> = (0..programmes.len())
            .filter(|&p| !programmes[p].draft)
            .collect();
        let applicants: Vec<usize> = facilitators
            .iter()
            .copied()
            .filter(|&f| people[f].roles.contains(&Role::Participant))
            .chain(pool.iter().copied())
            .collect();
        let mut rng = Rng::fork(seed, 2);
        let mut waitlists = vec![0i64; cohorts.len()];
        for (k, &p) in applicants.iter().enumerate() {
            let mut chosen = vec![member_programme[p]];
            if forming_member[p] {
                chosen.extend(forming_cohort.map(|c| cohorts[c].programme));
            }
            for extra in 0..2 {
                let programme = if extra == 0 && k % 20 == 0 && !chosen.contains(&0) {
                    0
                } else {
                    let mut x = *rng.pick(&open);
                    let mut tries = 0;
                    while chosen.contains(&x) && tries < 10 {
                        x = *rng.pick(&open);
                        tries += 1;
                    }
                    if chosen.contains(&x) {
                        continue;
                    }
                    x
                };
                chosen.push(programme);
                let cohort = programme * COHORTS_PER_PROGRAMME + rng.below(COHORTS_PER_PROGRAMME);
                let state = weighted_state(&mut rng);
                let waitlist_position = (state == ApplicationState::Waitlisted).then(|| {
                    waitlists[cohort] += 1;
                    waitlists[cohort]
                });
                let nominated_by = if programmes[programme].sponsor_approval {
                    sponsor_of[people[p].org]
                } else {
                    None
                };
                applications.push(Application {
                    programme,
                    cohort,
                    person: p,
                    state,
                    nominated_by,
                    waitlist_position,
                });
            }
        }
        for a in &applications {
            if a.state == ApplicationState::Accepted {
                cohorts[a.cohort].confirmed += 1;
            }
        }
        for (c, cohort) in cohorts.iter_mut().enumerate() {
            cohort.capacity = if waitlists[c] > 0 {
                cohort.confirmed.max(1)
            } else {
                (cohort.confirmed + 10).max(30)
            };
        }
        let mut per_programme = vec![0usize; programmes.len()];
        for a in &applications {
            per_programme[a.programme] += 1;
        }
        let largest_programme = (0..programmes.len())
            .max_by_key(|&p| (per_programme[p], std::cmp::Reverse(p)))
            .unwrap_or(0);
        let mut region_people = [0usize; REGIONS];
        for p in &people {
            if let Some(r) = orgs[p.org].region {
                region_people[r] += 1;
            }
        }
        let busiest = (0..REGIONS)
            .max_by_key(|&r| (region_people[r], std::cmp::Reverse(r)))
            .unwrap_or(0);
        let busiest_sponsor = sponsor_of[1 + busiest].unwrap_or(lead);
        let heavy = sets
            .first()
            .and_then(|s| s.members.first().copied())
            .unwrap_or(lead);
        let big_cohort = sets.first().map_or(0, |s| s.cohort);
        Plan {
            seed,
            scale: scale.clone(),
            orgs,
            people,
            reporting_lines,
            programmes,
            cohorts,
            sets,
            applications,
            facilitators,
            lead,
            evaluator,
            busiest_sponsor,
            heavy,
            big_cohort,
            forming_cohort,
            largest_programme,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(n: u32) -> Plan {
        Plan::make(&Scale::for_people(n).unwrap(), 1)
    }

    #[test]
    fn the_plan_has_the_people_asked_for_in_every_role() {
        let p = plan(2_000);
        assert_eq!(p.people.len(), 2_000);
        for role in Role::ALL {
            assert!(p.people.iter().any(|x| x.roles.contains(&role)), "{role:?}");
        }
        assert!(p.people.iter().any(|x| x.roles.len() > 1));
        let emails: std::collections::HashSet<&str> =
            p.people.iter().map(|x| x.email.as_str()).collect();
        assert_eq!(emails.len(), 2_000, "emails are unique");
    }

    #[test]
    fn one_cohort_holds_five_percent_accepted_and_unformed() {
        for (n, want) in [(2_000u32, 100usize), (20_000, 1_000)] {
            let p = plan(n);
            let c = p.forming_cohort.expect("a forming cohort");
            let programme = p.cohorts[c].programme;
            assert_eq!(p.programmes[programme].kind, ProgrammeKind::ActionLearning);
            assert!(!p.sets.iter().any(|s| s.cohort == c), "no sets yet");
            let accepted: Vec<usize> = p
                .applications
                .iter()
                .filter(|a| a.cohort == c && a.state == ApplicationState::Accepted)
                .map(|a| a.person)
                .collect();
            // The waiting people, plus the odd other application accepted there at random.
            assert!(
                (want..=want + want / 10).contains(&accepted.len()),
                "{} at {n}",
                accepted.len()
            );
            // One application per person and programme, as the database demands.
            let mut pairs: Vec<(usize, usize)> = p
                .applications
                .iter()
                .map(|a| (a.programme, a.person))
                .collect();
            pairs.sort_unstable();
            let all = pairs.len();
            pairs.dedup();
            assert_eq!(pairs.len(), all, "at {n}");
            assert!(p.cohorts[c].capacity >= accepted.len() as i64);
        }
    }

    #[test]
    fn forty_two_regions_of_five_to_fifteen_members() {
        let p = plan(2_000);
        let regions: Vec<usize> = (1..=REGIONS).collect();
        for r in regions {
            let members = p.orgs.iter().filter(|o| o.parent == Some(r)).count();
            assert!((5..=15).contains(&members), "{members}");
        }
        let names: std::collections::HashSet<&str> =
            p.orgs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names.len(), p.orgs.len(), "organisation names are unique");
    }

    #[test]
    fn the_figures_scale_with_the_people() {
        let p = plan(20_000);
        let n = 20_000usize;
        assert!(
            p.applications.len() >= 5 * n / 2,
            "{}",
            p.applications.len()
        );
        let largest = p
            .applications
            .iter()
            .filter(|a| a.programme == p.largest_programme)
            .count();
        assert!(largest * 20 >= n, "largest programme {largest}");
        let big = p.sets.iter().filter(|s| s.cohort == p.big_cohort).count();
        assert!(big >= p.scale.big_cohort_sets, "{big}");
        assert!(p.sets.len() * 100 >= n * 12, "{} sets", p.sets.len());
        let max_meetings = p.sets.iter().map(|s| s.meetings).max().unwrap();
        assert_eq!(p.sets[0].meetings, max_meetings);
        for state in ApplicationState::ALL {
            assert!(p.applications.iter().any(|a| a.state == state), "{state:?}");
        }
        for kind in KINDS {
            assert!(p.programmes.iter().any(|x| x.kind == kind), "{kind:?}");
        }
    }

    #[test]
    fn each_person_applies_to_a_programme_once_and_capacity_holds() {
        let p = plan(2_000);
        let mut seen = std::collections::HashSet::new();
        for a in &p.applications {
            assert!(seen.insert((a.programme, a.person)));
            assert_eq!(p.cohorts[a.cohort].programme, a.programme);
        }
        for c in &p.cohorts {
            assert!(c.confirmed <= c.capacity && c.capacity >= 1);
        }
    }

    #[test]
    fn the_same_seed_makes_the_same_plan() {
        let a = plan(1_000);
        let b = plan(1_000);
        let emails = |p: &Plan| p.people.iter().map(|x| x.email.clone()).collect::<Vec<_>>();
        assert_eq!(emails(&a), emails(&b));
        assert_eq!(a.applications.len(), b.applications.len());
        let c = Plan::make(&Scale::for_people(1_000).unwrap(), 2);
        assert_ne!(emails(&a), emails(&c));
    }
}
