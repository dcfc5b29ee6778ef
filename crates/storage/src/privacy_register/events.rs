//! Events with choices (C8): hosts, rankings and the allocation of visits.

use super::Data::*;
use super::{Entry, OnErasure};

pub const EVENT_PLANS: Entry = Entry {
    table: "event_plans",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("programme_id", NotPersonal),
        ("slots", NotPersonal),
        ("rankings_close_at", NotPersonal),
        ("allocated_at", NotPersonal),
        ("objective", NotPersonal),
        ("bound", NotPersonal),
        ("published_at", NotPersonal),
        ("updated_at", NotPersonal),
    ],
    why: "To run an immersion event's visits: its time slots, closing date and allocation.",
    kept: "For the life of the programme.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const EVENT_HOSTS: Entry = Entry {
    table: "event_hosts",
    subject: Some("contact_person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("programme_id", NotPersonal),
        ("name", NotPersonal),
        ("description", NotPersonal),
        ("address", NotPersonal),
        ("min_per_slot", NotPersonal),
        ("max_per_slot", NotPersonal),
        ("contact_person_id", Identifies),
        ("created_at", NotPersonal),
    ],
    why: "To tell a host organisation's contact who is visiting them.",
    kept: "For the life of the programme.",
    on_erasure: OnErasure::FormerMember,
};

pub const EVENT_CHOICES: Entry = Entry {
    table: "event_choices",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("programme_id", Activity),
        ("person_id", Identifies),
        ("needs", OwnWords),
        ("submitted_at", Activity),
    ],
    why: "To allocate a participant's visits and tell their hosts what they need on the day.",
    kept: "For the life of the programme, or until the person is erased.",
    on_erasure: OnErasure::Delete,
};

pub const EVENT_RANKINGS: Entry = Entry {
    table: "event_rankings",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("programme_id", Activity),
        ("person_id", Identifies),
        ("host_id", Activity),
        ("rank", Activity),
    ],
    why: "To allocate visits by what each participant wants most.",
    kept: "For the life of the programme, or until the person is erased.",
    on_erasure: OnErasure::Delete,
};

pub const EVENT_VISITS: Entry = Entry {
    table: "event_visits",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("programme_id", Activity),
        ("person_id", Identifies),
        ("slot", Activity),
        ("host_id", Activity),
    ],
    why: "To give each participant and host their itinerary.",
    kept: "For the life of the programme, or until the person is erased.",
    on_erasure: OnErasure::Delete,
};

pub const EVENT_CAFE_GUESTS: Entry = Entry {
    table: "event_cafe_guests",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("programme_id", NotPersonal),
        ("name", NotPersonal),
        ("role", NotPersonal),
        ("created_at", NotPersonal),
    ],
    why: "To show participants which guest leader hosts each cafe table. A guest is a public figure named by the lead for the event, not an account holder.",
    kept: "For the life of the programme.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const EVENT_CAFE_ROTAS: Entry = Entry {
    table: "event_cafe_rotas",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("programme_id", NotPersonal),
        ("rounds", NotPersonal),
        ("repeats", NotPersonal),
        ("lower_bound", NotPersonal),
        ("made_at", NotPersonal),
    ],
    why: "To say how well the cafe rota mixes people.",
    kept: "For the life of the programme.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const EVENT_CAFE_SEATS: Entry = Entry {
    table: "event_cafe_seats",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("programme_id", Activity),
        ("round_no", Activity),
        ("person_id", Identifies),
        ("guest_id", Activity),
    ],
    why: "To tell each participant which cafe table to join in each round.",
    kept: "For the life of the programme, or until the person is erased.",
    on_erasure: OnErasure::Delete,
};
