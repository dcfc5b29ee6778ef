use super::Data::*;
use super::{Entry, OnErasure};

pub const INSTRUMENTS: Entry = Entry {
    table: "instruments",
    subject: Some("created_by"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("organisation_id", NotPersonal),
        ("key", NotPersonal),
        ("version", NotPersonal),
        ("title", NotPersonal),
        ("format", NotPersonal),
        ("source", NotPersonal),
        ("created_by", Identifies),
        ("created_at", Activity),
    ],
    why: "To keep the questionnaires a tenant evaluates its programmes with.",
    kept: "For the life of the tenant.",
    on_erasure: OnErasure::FormerMember,
};

pub const EVALUATION_PLANS: Entry = Entry {
    table: "evaluation_plans",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("programme_id", NotPersonal),
        ("pseudonym_key", Secret),
        ("created_at", NotPersonal),
    ],
    why: "To pair a respondent's answers across waves under a pseudonym, without a name.",
    kept: "For the life of the programme.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const EVALUATION_WAVES: Entry = Entry {
    table: "evaluation_waves",
    subject: Some("subject_person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("programme_id", NotPersonal),
        ("cohort_id", NotPersonal),
        ("instrument_id", NotPersonal),
        ("name", NotPersonal),
        ("timing", NotPersonal),
        ("months_after", NotPersonal),
        ("opens_at", Activity),
        ("closes_at", Activity),
        ("anonymity", NotPersonal),
        ("auto_send", NotPersonal),
        ("sent_at", Activity),
        ("reminded_at", Activity),
        ("created_at", Activity),
        ("subject_person_id", Identifies),
    ],
    why: "To send questionnaires, including a person's own 360-degree feedback round.",
    kept: "For the life of the programme; a person's 360 round goes when they are erased.",
    on_erasure: OnErasure::Delete,
};

pub const WAVE_INVITATIONS: Entry = Entry {
    table: "wave_invitations",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("wave_id", Activity),
        ("person_id", Identifies),
        ("email", Contact),
        ("respondent_group", Activity),
        ("organisation_id", Activity),
        ("token_hash", Secret),
        ("draft", OwnWords),
        ("invited_at", Activity),
        ("reminded_at", Activity),
        ("responded_at", Activity),
    ],
    why: "To ask the person to answer a questionnaire and keep their draft until they submit.",
    kept: "For the life of the programme, until the person is erased.",
    on_erasure: OnErasure::Delete,
};

pub const WAVE_RESPONSES: Entry = Entry {
    table: "wave_responses",
    subject: Some("invitation_id"),
    through: Some("wave_invitations"),
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("wave_id", Activity),
        ("invitation_id", Identifies),
        ("pseudonym", Identifies),
        ("respondent_group", Activity),
        ("organisation_id", Activity),
        ("answers", OwnWords),
        ("free_text_consent", Activity),
        ("submitted_on", Activity),
    ],
    why: "To evaluate programmes from the answers people give; only a named wave links an answer to its invitation.",
    kept: "For the life of the programme, or the tenant's retention period after it ends; pseudonymous and anonymous answers name nobody.",
    on_erasure: OnErasure::Delete,
};

pub const EVALUATION_TARGETS: Entry = Entry {
    table: "evaluation_targets",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("organisation_id", NotPersonal),
        ("programme_id", NotPersonal),
        ("measure", NotPersonal),
        ("unit", NotPersonal),
        ("baseline", NotPersonal),
        ("target_value", NotPersonal),
        ("target_date", NotPersonal),
        ("measured_value", NotPersonal),
        ("measured_on", NotPersonal),
        ("measured_note", NotPersonal),
        ("created_at", NotPersonal),
        ("updated_at", NotPersonal),
    ],
    why: "To state what a programme should change and what it did.",
    kept: "For the life of the programme.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const FEEDBACK_OFFERS: Entry = Entry {
    table: "feedback_offers",
    subject: Some("offered_by"),
    through: None,
    also_about: &[],
    columns: &[
        ("programme_id", NotPersonal),
        ("instrument_id", NotPersonal),
        ("offered_by", Identifies),
        ("offered_at", Activity),
    ],
    why: "To offer a programme's participants 360-degree feedback.",
    kept: "For the life of the programme.",
    on_erasure: OnErasure::FormerMember,
};
