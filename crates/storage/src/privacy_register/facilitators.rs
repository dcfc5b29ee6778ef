use super::Data::*;
use super::{Entry, OnErasure};

pub const FACILITATOR_PROFILES: Entry = Entry {
    table: "facilitator_profiles",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("person_id", Identifies),
        ("years_facilitating", Activity),
        ("online_confidence", Activity),
        ("languages", Activity),
        ("training_history", OwnWords),
        ("updated_at", Activity),
    ],
    why: "To show leads what a facilitator brings when they choose one.",
    kept: "Until the facilitator changes it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const FACILITATOR_QUALIFICATIONS: Entry = Entry {
    table: "facilitator_qualifications",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("person_id", Identifies),
        ("name", Activity),
        ("level", Activity),
        ("awarded_on", Activity),
        ("expires_on", Activity),
        ("evidence", OwnWords),
        ("cohort_id", Activity),
        ("created_at", Activity),
    ],
    why: "To show the qualifications a facilitator holds.",
    kept: "Until the facilitator removes it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const POOL_MEMBERS: Entry = Entry {
    table: "pool_members",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("person_id", Identifies),
        ("region_id", Activity),
        ("home_organisation_id", Activity),
        ("capacity", Activity),
        ("outside_own_org", Activity),
        ("timezone", Activity),
        ("joined_at", Activity),
        ("left_at", Activity),
    ],
    why: "To let a region's leads find facilitators in its pool.",
    kept: "Until the facilitator is erased; leaving the pool keeps the row so past proposals still read.",
    on_erasure: OnErasure::Delete,
};

pub const POOL_AVAILABILITY: Entry = Entry {
    table: "pool_availability",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("person_id", Identifies),
        ("region_id", Activity),
        ("weekday", Activity),
        ("from_minute", Activity),
        ("to_minute", Activity),
    ],
    why: "To propose facilitators who are free when a set meets.",
    kept: "Until the facilitator changes it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const FACILITATOR_ABSENCES: Entry = Entry {
    table: "facilitator_absences",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("person_id", Identifies),
        ("first_day", Activity),
        ("last_day", Activity),
        ("recorded_by", Identifies),
        ("created_at", Activity),
    ],
    why: "To avoid proposing a facilitator who is away; no reason is kept.",
    kept: "Until the facilitator removes it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const FACILITATOR_REQUESTS: Entry = Entry {
    table: "facilitator_requests",
    subject: Some("person_id"),
    through: None,
    also_about: &["replaces_id"],
    columns: &[
        ("id", NotPersonal),
        ("token_hash", Secret),
        ("set_id", Activity),
        ("circle_id", Activity),
        ("person_id", Identifies),
        ("replaces_id", Identifies),
        ("region_id", Activity),
        ("asked_by", Identifies),
        ("status", Activity),
        ("created_at", Activity),
        ("answered_at", Activity),
    ],
    why: "To ask a pool facilitator to run a set or circle and record their answer.",
    kept: "For the life of the set or circle.",
    on_erasure: OnErasure::FormerMember,
};

pub const SUPERVISION_SESSIONS: Entry = Entry {
    table: "supervision_sessions",
    subject: Some("facilitator_id"),
    through: None,
    also_about: &["supervisor_id"],
    columns: &[
        ("id", NotPersonal),
        ("facilitator_id", Identifies),
        ("supervisor_id", Identifies),
        ("held_on", Activity),
        ("minutes", Activity),
        ("kind", Activity),
        ("recorded_by", Identifies),
        ("created_at", Activity),
    ],
    why: "To count a facilitator's supervised hours.",
    kept: "For the life of the tenant.",
    on_erasure: OnErasure::FormerMember,
};

pub const SUPERVISION_GROUPS: Entry = Entry {
    table: "supervision_groups",
    subject: Some("marked_by"),
    through: None,
    also_about: &[],
    columns: &[
        ("set_id", NotPersonal),
        ("marked_by", Identifies),
        ("marked_at", Activity),
    ],
    why: "To know which sets are supervision groups.",
    kept: "For the life of the set.",
    on_erasure: OnErasure::FormerMember,
};

pub const MENTOR_PAIRINGS: Entry = Entry {
    table: "mentor_pairings",
    subject: Some("mentee_id"),
    through: None,
    also_about: &["mentor_id"],
    columns: &[
        ("id", NotPersonal),
        ("mentor_id", Identifies),
        ("mentee_id", Identifies),
        ("cohort_id", Activity),
        ("from_cohort_id", Activity),
        ("recorded_by", Identifies),
        ("created_at", Activity),
    ],
    why: "To pair someone who completed a cohort with a mentee in a later one.",
    kept: "For the life of the cohort.",
    on_erasure: OnErasure::FormerMember,
};
