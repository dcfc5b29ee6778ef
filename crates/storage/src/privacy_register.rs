//! The privacy register: every table and column of the schema, what personal data it holds,
//! why, how long it is kept and what erasing a person does to it. A storage test compares it
//! with the migrated schema on both backends, so a migration that adds a table or column
//! without declaring it here fails CI (the Moodle privacy API idea). Subject access export
//! and erasure are driven by it, and `docs/PRIVACY.md` is rendered from it.

/// One table of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub table: &'static str,
    /// How a row names the person it is about: a column such as "person_id" or "author_id";
    /// None when no row can be tied to a person (a column may still be personal in itself:
    /// the network address of an anonymous password reset request, a lead's name typed into
    /// a programme's description).
    pub subject: Option<&'static str>,
    /// When `subject` does not name a person but a row of another table (an application's
    /// cohort preferences name the application), that table: the row is about the person
    /// its row is about. `subject` then holds that row's `id`.
    pub through: Option<&'static str>,
    /// Other columns naming a person the row is also about (the manager in a reporting line,
    /// the supervisor of a supervision, the person an audit entry is about): that person's
    /// export includes the row too. Columns that only say who recorded something are not
    /// listed (a facilitator's export does not hold the attendance of their whole set).
    pub also_about: &'static [&'static str],
    /// Every column of the table, each with what it holds.
    pub columns: &'static [(&'static str, Data)],
    /// Why it is held, in one plain sentence (the lawful purpose).
    pub why: &'static str,
    /// How long it is kept, in one plain sentence.
    pub kept: &'static str,
    /// What erasing the subject does to their rows.
    pub on_erasure: OnErasure,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// Nothing about a person (ids of things, settings, counts).
    NotPersonal,
    /// Names a person: their id, name or a reference to them.
    Identifies,
    /// A way to reach them: an email address, an IP address. A subject column holding
    /// Contact matches the person's email address rather than their id.
    Contact,
    /// Words they wrote themselves: reflections, answers, notes.
    OwnWords,
    /// What they did and when: times, choices, attendance, results.
    Activity,
    /// A credential or its hash (password, session or link token): never exported or shown.
    Secret,
}

/// What erasing the subject does to their rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnErasure {
    /// The rows are deleted.
    Delete,
    /// The rows stay because others' records need them (a set's problem list, attendance
    /// totals, the audit log), but name "Former member" with no way back to the person (their
    /// name, contact details and secrets in them are cleared).
    FormerMember,
    /// Free text that may name them is cleared; the row stays.
    Scrub,
    /// The table holds nobody's data.
    NotAboutAPerson,
}

mod accounts;
mod circles;
mod evaluation;
mod events;
mod export;
mod facilitators;
mod markdown;
mod programmes;
mod records;
mod sets;

pub(crate) use export::where_about;
pub use export::{TableRows, rows_about};
pub use markdown::{label, render_markdown};

/// Every table of the schema, grouped by capability.
pub static REGISTER: &[Entry] = &[
    accounts::ORGANISATIONS,
    accounts::PEOPLE,
    accounts::ROLE_GRANTS,
    accounts::SESSIONS,
    accounts::EMAIL_TOKENS,
    accounts::API_TOKENS,
    accounts::SIGN_IN_ATTEMPTS,
    accounts::SIGN_IN_NOTICES,
    accounts::PASSWORD_RESET_REQUESTS,
    accounts::AUDIT_LOG,
    accounts::JOBS,
    accounts::PERSON_PREFERENCES,
    accounts::PERSON_LOCALES,
    accounts::SSO_LINKS,
    accounts::SSO_PENDING_LOGINS,
    accounts::REPORTING_LINES,
    accounts::CALENDAR_FEEDS,
    programmes::PROGRAMMES,
    programmes::NOMINATION_CAPS,
    programmes::COHORTS,
    programmes::COHORT_SESSIONS,
    programmes::APPLICATIONS,
    programmes::APPLICATION_PREFERENCES,
    programmes::CERTIFICATES,
    programmes::COHORT_SESSION_ATTENDANCE,
    programmes::COMPLETION_EXCEPTIONS,
    sets::FORMATION_RULES,
    sets::FORMATION_RUNS,
    sets::ACTION_SETS,
    sets::SET_MEMBERS,
    sets::SET_FACILITATORS,
    sets::SET_LEAVERS,
    sets::MEETINGS,
    sets::ATTENDANCE,
    sets::MEETING_APOLOGIES,
    sets::THEME_VOCABULARIES,
    sets::PROBLEMS,
    sets::ACTIONS,
    sets::DIARY_ENTRIES,
    sets::SUPERVISIONS,
    evaluation::INSTRUMENTS,
    evaluation::EVALUATION_PLANS,
    evaluation::EVALUATION_WAVES,
    evaluation::WAVE_INVITATIONS,
    evaluation::WAVE_RESPONSES,
    evaluation::EVALUATION_TARGETS,
    evaluation::FEEDBACK_OFFERS,
    facilitators::FACILITATOR_PROFILES,
    facilitators::FACILITATOR_QUALIFICATIONS,
    facilitators::POOL_MEMBERS,
    facilitators::POOL_AVAILABILITY,
    facilitators::FACILITATOR_ABSENCES,
    facilitators::FACILITATOR_REQUESTS,
    facilitators::SUPERVISION_SESSIONS,
    facilitators::SUPERVISION_GROUPS,
    facilitators::MENTOR_PAIRINGS,
    circles::CIRCLES,
    circles::CIRCLE_SESSIONS,
    circles::CIRCLE_FACILITATORS,
    circles::CIRCLE_BOOKINGS,
    circles::CIRCLE_ATTENDANCE,
    records::FRAMEWORKS,
    records::PORTFOLIO_EVIDENCE,
    records::PORTFOLIO_EVIDENCE_DIMENSIONS,
    records::MASTERCLASS_INTERESTS,
    records::MASTERCLASS_OFFERS,
    records::MASTERCLASS_INVITATIONS,
    events::EVENT_PLANS,
    events::EVENT_HOSTS,
    events::EVENT_CHOICES,
    events::EVENT_RANKINGS,
    events::EVENT_VISITS,
    events::EVENT_CAFE_GUESTS,
    events::EVENT_CAFE_ROTAS,
    events::EVENT_CAFE_SEATS,
];

/// The entry for a table, if the register declares it.
pub fn entry(table: &str) -> Option<&'static Entry> {
    REGISTER.iter().find(|e| e.table == table)
}
