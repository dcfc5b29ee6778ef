//! Visit allocation (C8, seed 004): in each of K time slots every person visits one host
//! organisation, a different one each slot. A host is closed for the whole event or open, and
//! then receives between its minimum and maximum visitors in every slot. People rank hosts
//! (1 = most wanted) and visit only hosts they ranked.
//!
//! The allocation minimises the sum over all visits of rank squared (one person's 5th choice,
//! 25, costs more than two people's 2nd, 4 + 4: fair, not merely efficient) and says whether it
//! is proven optimal. It is solved in two exact steps:
//! 1. which K hosts each person visits and which hosts open: a branch and bound over the hosts
//!    whose opening is in doubt, each node a minimum-cost flow (people to hosts, a host taking
//!    between K x min and K x max visits when open). The flow is integral, so a node whose
//!    doubtful hosts all get none or at least their minimum is an allocation, and the node's
//!    cost bounds every allocation below it;
//! 2. which slot each visit falls in: an equitable edge colouring of the person-host graph
//!    ([`slots`]), which always exists, so every open host gets between its minimum and maximum
//!    in every slot.

mod branch;
mod explain;
mod flow;
mod generate;
mod model;
mod slots;

pub use branch::{Outcome, solve};
pub use explain::{
    HostReport, Missed, PersonReport, closed_hosts, explain_host, explain_person, visits_by_rank,
};
pub use generate::generate;
pub use model::{Allocation, Host, Violation, VisitError, VisitProblem, check, objective};
