use super::Data::*;
use super::{Entry, OnErasure};

pub const CIRCLES: Entry = Entry {
    table: "circles",
    subject: Some("created_by"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("region_id", NotPersonal),
        ("organisation_id", NotPersonal),
        ("cohort_id", NotPersonal),
        ("title", NotPersonal),
        ("description", NotPersonal),
        ("topics", NotPersonal),
        ("min_places", NotPersonal),
        ("max_places", NotPersonal),
        ("booked", NotPersonal),
        ("delivery_mode", NotPersonal),
        ("delivery_detail", NotPersonal),
        ("timezone", NotPersonal),
        ("confirm_hours", NotPersonal),
        ("cancel_hours", NotPersonal),
        ("status", NotPersonal),
        ("merged_into", NotPersonal),
        ("decided_at", Activity),
        ("merge_offered_at", Activity),
        ("sequence", NotPersonal),
        ("created_by", Identifies),
        ("created_at", Activity),
        ("updated_at", Activity),
    ],
    why: "To offer support circles across a region.",
    kept: "For the life of the tenant.",
    on_erasure: OnErasure::FormerMember,
};

pub const CIRCLE_SESSIONS: Entry = Entry {
    table: "circle_sessions",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("circle_id", NotPersonal),
        ("ordinal", NotPersonal),
        ("starts_at", NotPersonal),
        ("ends_at", NotPersonal),
        ("reminded_at", NotPersonal),
    ],
    why: "To list a circle's sessions.",
    kept: "For the life of the circle.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const CIRCLE_FACILITATORS: Entry = Entry {
    table: "circle_facilitators",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("circle_id", Activity),
        ("person_id", Identifies),
        ("added_at", Activity),
    ],
    why: "To know who facilitates a circle.",
    kept: "For the life of the circle.",
    on_erasure: OnErasure::FormerMember,
};

pub const CIRCLE_BOOKINGS: Entry = Entry {
    table: "circle_bookings",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("circle_id", Activity),
        ("person_id", Identifies),
        ("status", Activity),
        ("waiting_since", Activity),
        ("offer_expires_at", Activity),
        ("created_at", Activity),
        ("updated_at", Activity),
    ],
    why: "To hold the person's place or their place on the waiting list.",
    kept: "For the life of the circle; on erasure the circle's counts keep a former member.",
    on_erasure: OnErasure::FormerMember,
};

pub const CIRCLE_ATTENDANCE: Entry = Entry {
    table: "circle_attendance",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("circle_id", Activity),
        ("ordinal", Activity),
        ("person_id", Identifies),
        ("present", Activity),
        ("recorded_by", Identifies),
        ("recorded_at", Activity),
    ],
    why: "To record who came to a circle's sessions.",
    kept: "For the life of the circle; on erasure the totals keep a former member.",
    on_erasure: OnErasure::FormerMember,
};
