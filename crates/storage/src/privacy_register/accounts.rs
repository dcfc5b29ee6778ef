use super::Data::*;
use super::{Entry, OnErasure};

pub const ORGANISATIONS: Entry = Entry {
    table: "organisations",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("name", NotPersonal),
        ("parent_id", NotPersonal),
        ("created_at", NotPersonal),
    ],
    why: "To know which organisations take part and how they sit in their region's tree.",
    kept: "While the organisation takes part.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const PEOPLE: Entry = Entry {
    table: "people",
    subject: Some("id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", Identifies),
        ("organisation_id", Activity),
        ("email", Contact),
        ("name", Identifies),
        ("password_hash", Secret),
        ("created_at", Activity),
        ("updated_at", Activity),
        // Migration 0031: when the person was erased (the row then names a former member).
        ("erased_at", Activity),
    ],
    why: "To let the person sign in and to show who they are to the people they work with.",
    kept: "While the person has an account, until they or a lead erase it.",
    on_erasure: OnErasure::FormerMember,
};

pub const ROLE_GRANTS: Entry = Entry {
    table: "role_grants",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("person_id", Identifies),
        ("organisation_id", Activity),
        ("role", Activity),
        ("granted_at", Activity),
    ],
    why: "To decide what the person may see and do in each organisation.",
    kept: "Until the role is removed or the person is erased.",
    on_erasure: OnErasure::Delete,
};

pub const SESSIONS: Entry = Entry {
    table: "sessions",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("token_hash", Secret),
        ("person_id", Identifies),
        ("csrf_token", Secret),
        ("created_at", Activity),
        ("expires_at", Activity),
    ],
    why: "To keep the person signed in.",
    kept: "Until the session expires, the person signs out or their password changes.",
    on_erasure: OnErasure::Delete,
};

pub const EMAIL_TOKENS: Entry = Entry {
    table: "email_tokens",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("token_hash", Secret),
        ("purpose", Activity),
        ("person_id", Identifies),
        ("created_at", Activity),
        ("expires_at", Activity),
        ("used_at", Activity),
    ],
    why: "To check the single-use links emailed to the person (invitations, password resets).",
    kept: "Until the person is erased; a used or expired link no longer works.",
    on_erasure: OnErasure::Delete,
};

pub const API_TOKENS: Entry = Entry {
    table: "api_tokens",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("person_id", Identifies),
        ("name", OwnWords),
        ("token_hash", Secret),
        ("created_at", Activity),
        ("last_used_at", Activity),
        ("revoked_at", Activity),
        ("expires_at", Activity),
    ],
    why: "To let the person's own programs use the API in their name.",
    kept: "Until the person is erased; a token stops working when it expires or is revoked.",
    on_erasure: OnErasure::Delete,
};

pub const SIGN_IN_ATTEMPTS: Entry = Entry {
    table: "sign_in_attempts",
    subject: Some("email"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("email", Contact),
        ("ip", Contact),
        ("succeeded", Activity),
        ("at", NotPersonal),
    ],
    why: "To slow down password guessing against an address and from a network address.",
    kept: "A day, then the sweep deletes them.",
    on_erasure: OnErasure::Delete,
};

pub const SIGN_IN_NOTICES: Entry = Entry {
    table: "sign_in_notices",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[("person_id", Identifies), ("sent_at", Activity)],
    why: "To tell the person about repeated failed sign-ins no more than once a day.",
    kept: "Until the person is erased.",
    on_erasure: OnErasure::Delete,
};

pub const PASSWORD_RESET_REQUESTS: Entry = Entry {
    table: "password_reset_requests",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[("id", NotPersonal), ("ip", Contact), ("at", NotPersonal)],
    why: "To limit password reset requests per network address; the address asked for is not kept, so no row can be tied to a person.",
    kept: "A day, then the sweep deletes them.",
    on_erasure: OnErasure::NotAboutAPerson,
};

pub const AUDIT_LOG: Entry = Entry {
    table: "audit_log",
    subject: Some("actor_id"),
    through: None,
    also_about: &["subject_id"],
    columns: &[
        ("id", NotPersonal),
        ("at", NotPersonal),
        ("actor_id", Identifies),
        ("actor_name", Identifies),
        ("action", Activity),
        ("subject_type", Activity),
        ("subject_id", Identifies),
        ("detail", Activity),
        ("ip", Contact),
        ("organisation_id", Activity),
    ],
    why: "To show who changed what and when, so a tenant can account for its decisions.",
    kept: "For the life of the tenant; entries are never edited.",
    on_erasure: OnErasure::FormerMember,
};

pub const JOBS: Entry = Entry {
    table: "jobs",
    subject: Some("recipient"),
    through: None,
    also_about: &[],
    columns: &[
        ("id", NotPersonal),
        ("kind", Activity),
        ("payload", Activity),
        ("run_at", Activity),
        ("attempts", NotPersonal),
        ("max_attempts", NotPersonal),
        ("locked_by", NotPersonal),
        ("locked_until", NotPersonal),
        ("last_error", NotPersonal),
        ("done_at", Activity),
        ("created_at", Activity),
        ("recipient", Contact),
    ],
    why: "To send emails and run background work reliably, retrying when a step fails.",
    kept: "Until the person is erased; sent emails stay as a record of what Revans told whom.",
    on_erasure: OnErasure::Delete,
};

pub const PERSON_PREFERENCES: Entry = Entry {
    table: "person_preferences",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("person_id", Identifies),
        ("timezone", Activity),
        ("updated_at", Activity),
    ],
    why: "To show times in the person's own time zone.",
    kept: "Until the person changes it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const PERSON_LOCALES: Entry = Entry {
    table: "person_locales",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("person_id", Identifies),
        ("locale", Activity),
        ("updated_at", Activity),
    ],
    why: "To show pages and emails in the language the person chose.",
    kept: "Until the person changes it or is erased.",
    on_erasure: OnErasure::Delete,
};

pub const REPORTING_LINES: Entry = Entry {
    table: "reporting_lines",
    subject: Some("person_id"),
    through: None,
    also_about: &["manager_id"],
    columns: &[
        ("person_id", Identifies),
        ("manager_id", Identifies),
        ("updated_at", Activity),
    ],
    why: "To let a manager see and sponsor the people who report to them.",
    kept: "Until the reporting line changes or either person is erased.",
    on_erasure: OnErasure::Delete,
};

pub const CALENDAR_FEEDS: Entry = Entry {
    table: "calendar_feeds",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("token_hash", Secret),
        ("person_id", Identifies),
        ("created_at", Activity),
        ("revoked_at", Activity),
    ],
    why: "To give the person a private calendar feed of their sessions.",
    kept: "Until the person revokes the feed or is erased.",
    on_erasure: OnErasure::Delete,
};

// Migration 0030: single sign-on.
pub const SSO_LINKS: Entry = Entry {
    table: "sso_links",
    subject: Some("person_id"),
    through: None,
    also_about: &[],
    columns: &[
        ("issuer", NotPersonal),
        ("subject", Identifies),
        ("person_id", Identifies),
        ("provider_id", NotPersonal),
        ("created_at", Activity),
    ],
    why: "To know which account at the employer's sign-in provider is this person's.",
    kept: "Until the person is erased.",
    on_erasure: OnErasure::Delete,
};

pub const SSO_PENDING_LOGINS: Entry = Entry {
    table: "sso_pending_logins",
    subject: None,
    through: None,
    also_about: &[],
    columns: &[
        ("state_hash", Secret),
        ("provider_id", NotPersonal),
        ("nonce", Secret),
        ("pkce_verifier", Secret),
        ("next_path", NotPersonal),
        ("created_at", NotPersonal),
        ("consumed_at", NotPersonal),
    ],
    why: "To finish a sign-in begun at a provider, once, from the browser that began it; nobody is known until it finishes.",
    kept: "Ten minutes; old rows are deleted.",
    on_erasure: OnErasure::NotAboutAPerson,
};
