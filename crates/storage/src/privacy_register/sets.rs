use super::Data::*;
use super::{Entry, OnErasure};

pub const FORMATION_RULES: Entry = Entry {
    table: "formation_rules",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("cohort_id", NotPersonal),
        ("rules", NotPersonal),
        ("updated_at", NotPersonal),
    ],
    why: "To keep the rules a lead chose for forming a cohort's sets.",
    kept: "For the life of the cohort.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const FORMATION_RUNS: Entry = Entry {
    table: "formation_runs",
    subject: Some("started_by"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("cohort_id", NotPersonal),
        ("started_by", Identifies),
        ("started_ip", Contact),
        ("status", NotPersonal),
        ("input", NotPersonal),
        ("budget_ms", NotPersonal),
        ("best", NotPersonal),
        ("rounds", NotPersonal),
        ("elapsed_ms", NotPersonal),
        ("sets_formed", NotPersonal),
        ("error", NotPersonal),
        ("started_at", Activity),
        ("updated_at", Activity),
        ("finished_at", Activity),
        ("job_id", NotPersonal),
    ],
    why: "To show the lead the progress of forming a cohort's sets and audit who started it.",
    kept: "For the life of the cohort.",
    on_erasure: OnErasure::FormerMember,
};

pub const ACTION_SETS: Entry = Entry {
    table: "action_sets",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("cohort_id", NotPersonal),
        ("name", NotPersonal),
        ("position", NotPersonal),
        ("status", NotPersonal),
        ("review_every", NotPersonal),
        ("timezone", NotPersonal),
        ("delivery_mode", NotPersonal),
        ("delivery_detail", NotPersonal),
        ("self_facilitated", NotPersonal),
        ("created_at", NotPersonal),
        ("updated_at", NotPersonal),
    ],
    why: "To run action learning sets.",
    kept: "For the life of the cohort.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const SET_MEMBERS: Entry = Entry {
    table: "set_members",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("set_id", Activity),
        ("person_id", Identifies),
        ("unit_key", Identifies),
        ("rota_position", Activity),
        ("locked", Activity),
        ("joined_at", Activity),
        ("left_at", Activity),
    ],
    why: "To know who is in a set, since when, and whose turn it is to present.",
    kept: "For the life of the set; on erasure the set keeps a former member.",
    on_erasure: OnErasure::FormerMember,
};

pub const SET_FACILITATORS: Entry = Entry {
    table: "set_facilitators",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("set_id", Activity),
        ("person_id", Identifies),
        ("added_at", Activity),
    ],
    why: "To know who facilitates a set.",
    kept: "For the life of the set.",
    on_erasure: OnErasure::FormerMember,
};

pub const SET_LEAVERS: Entry = Entry {
    table: "set_leavers",
    subject: Some("membership_id"),
    through: Some("set_members"),
    also_about: &[],
    columns: &[
        ("membership_id", Identifies),
        ("application_id", Activity),
        ("left_at", Activity),
        ("recorded_by", Identifies),
    ],
    why: "To let a lead undo marking someone as having left a set.",
    kept: "As long as the membership.",
    on_erasure: OnErasure::FormerMember,
};

pub const MEETINGS: Entry = Entry {
    table: "meetings",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("set_id", NotPersonal),
        ("starts_at", NotPersonal),
        ("ends_at", NotPersonal),
        ("status", NotPersonal),
        ("held", NotPersonal),
        ("swap_to", Identifies),
        ("sequence", NotPersonal),
        ("reminded_at", NotPersonal),
        ("created_at", NotPersonal),
        ("updated_at", NotPersonal),
    ],
    why: "To schedule a set's meetings.",
    kept: "For the life of the set.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const ATTENDANCE: Entry = Entry {
    table: "attendance",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("meeting_id", Activity),
        ("person_id", Identifies),
        ("status", Activity),
        ("recorded_by", Identifies),
        ("recorded_at", Activity),
    ],
    why: "To record who came to a set's meetings, for the rota and completion.",
    kept: "For the life of the set; on erasure the totals keep a former member.",
    on_erasure: OnErasure::FormerMember,
};

pub const MEETING_APOLOGIES: Entry = Entry {
    table: "meeting_apologies",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("meeting_id", Activity),
        ("person_id", Identifies),
        ("note", OwnWords),
        ("sent_at", Activity),
    ],
    why: "To tell the facilitator the person cannot come to a meeting.",
    kept: "Until the person withdraws it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const THEME_VOCABULARIES: Entry = Entry {
    table: "theme_vocabularies",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("organisation_id", NotPersonal),
        ("themes", NotPersonal),
        ("updated_at", NotPersonal),
    ],
    why: "To tag problems with a tenant's own words for the themes report.",
    kept: "For the life of the tenant.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const PROBLEMS: Entry = Entry {
    table: "problems",
    subject: Some("author_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("set_id", Activity),
        ("unit_key", Identifies),
        ("author_id", Identifies),
        ("title", OwnWords),
        ("description", OwnWords),
        ("themes", Activity),
        ("created_at", Activity),
        ("updated_at", Activity),
    ],
    why: "To keep the problems a set works on.",
    kept: "For the life of the set; on erasure the set's problem list keeps its place as a former member's problem, without its words.",
    on_erasure: OnErasure::Scrub,
};

pub const ACTIONS: Entry = Entry {
    table: "actions",
    subject: Some("owner_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("set_id", Activity),
        ("meeting_id", Activity),
        ("owner_id", Identifies),
        ("problem_id", Activity),
        ("description", OwnWords),
        ("due_on", Activity),
        ("outcome", Activity),
        ("outcome_note", OwnWords),
        ("reviewed_meeting_id", Activity),
        ("created_at", Activity),
        ("updated_at", Activity),
    ],
    why: "To keep the actions a presenter commits to and their review.",
    kept: "For the life of the set, until the owner is erased.",
    on_erasure: OnErasure::Delete,
};

pub const DIARY_ENTRIES: Entry = Entry {
    table: "diary_entries",
    subject: Some("author_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("author_id", Identifies),
        ("kind", Activity),
        ("set_id", Activity),
        ("meeting_id", Activity),
        ("problem_id", Activity),
        ("sharing", Activity),
        ("body", OwnWords),
        ("created_at", Activity),
        ("updated_at", Activity),
        ("shared_at", Activity),
    ],
    why: "To let the person keep a learning diary or reflective log, shared only as they choose.",
    kept: "Until the author deletes it or is erased, or the tenant's retention period after the programme ends.",
    on_erasure: OnErasure::Delete,
};

pub const SUPERVISIONS: Entry = Entry {
    table: "supervisions",
    subject: Some("facilitator_id"),
    through: None,
    also_about: &["supervisor_id"],
    columns: &[
        ("facilitator_id", Identifies),
        ("supervisor_id", Identifies),
        ("started_at", Activity),
    ],
    why: "To let a facilitator's supervisor read the reflective log entries shared with them.",
    kept: "Until the supervision ends or either person is erased.",
    on_erasure: OnErasure::Delete,
};
