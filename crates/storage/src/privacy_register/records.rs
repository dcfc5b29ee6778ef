use super::Data::*;
use super::{Entry, OnErasure};

pub const FRAMEWORKS: Entry = Entry {
    table: "frameworks",
    subject: Some("created_by"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("tenant_id", NotPersonal),
        ("key", NotPersonal),
        ("name", NotPersonal),
        ("source", NotPersonal),
        ("created_by", Identifies),
        ("created_at", Activity),
    ],
    why: "To let a tenant tag evidence against its own professional frameworks.",
    kept: "For the life of the tenant.",
    on_erasure: OnErasure::FormerMember,
};

pub const PORTFOLIO_EVIDENCE: Entry = Entry {
    table: "portfolio_evidence",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("person_id", Identifies),
        ("framework", Activity),
        ("diary_entry_id", Activity),
        ("action_id", Activity),
        ("meeting_id", Activity),
        ("cohort_id", Activity),
        ("cohort_ordinal", Activity),
        ("circle_id", Activity),
        ("circle_ordinal", Activity),
        ("note", OwnWords),
        ("created_at", Activity),
    ],
    why: "To let the person build a CPD portfolio from their own work.",
    kept: "Until the person removes it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const PORTFOLIO_EVIDENCE_DIMENSIONS: Entry = Entry {
    table: "portfolio_evidence_dimensions",
    subject: Some("evidence_id"),
    through: Some("portfolio_evidence"),
    also_about: &[],
    columns: &[("evidence_id", Identifies), ("dimension_key", Activity)],
    why: "To tag a piece of evidence with a framework's dimensions.",
    kept: "As long as the evidence.",
    on_erasure: OnErasure::Delete,
};

pub const MASTERCLASS_INTERESTS: Entry = Entry {
    table: "masterclass_interests",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("person_id", Identifies),
        ("set_id", Activity),
        ("circle_id", Activity),
        ("organisation_id", Activity),
        ("topic", OwnWords),
        ("created_at", Activity),
    ],
    why: "To count what people would like a masterclass on, never showing who asked.",
    kept: "Until the person removes it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const MASTERCLASS_OFFERS: Entry = Entry {
    table: "masterclass_offers",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("organisation_id", NotPersonal),
        ("topic", NotPersonal),
        ("programme_id", NotPersonal),
        ("offered_at", NotPersonal),
    ],
    why: "To remember which topics a lead turned into a masterclass.",
    kept: "For the life of the tenant.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const MASTERCLASS_INVITATIONS: Entry = Entry {
    table: "masterclass_invitations",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("topic", Activity),
        ("person_id", Identifies),
        ("programme_id", Activity),
        ("sent_at", Activity),
    ],
    why: "To invite each person who asked for a topic once.",
    kept: "Until the person is erased.",
    on_erasure: OnErasure::Delete,
};
