//! Leads create and run support circles (C7, issue 15). A lead of any organisation in a region
//! (a tenant's tree) sees the region's circles; they change only those of the organisations
//! they administer; a lead of another tenant sees none (404). A circle starts as a draft, is
//! published for booking, and can be cancelled by hand (everyone booked is told).

use revans_domain::{FieldErrors, Id, Role, Schedule, ValidationError, describe_session};
use revans_storage::circle_admin::{self as store, ListingRow, PoolFacilitator};
use revans_storage::circles::{self, Circle, CircleFields, CircleSession};
use revans_storage::{Conn, Organisation, organisations, people};

use crate::mail::{self, CircleEmail, Text};
use crate::{Actor, App, Error, Viewer, admin_scope};

/// Places a circle has unless the lead says otherwise.
pub const DEFAULT_MIN_PLACES: i64 = 6;
pub const DEFAULT_MAX_PLACES: i64 = 25;
/// The most places any circle can have.
pub const MOST_PLACES: i64 = 200;
pub const DEFAULT_CONFIRM_HOURS: i64 = 48;
pub const DEFAULT_CANCEL_HOURS: i64 = 24;
/// A short series: at most this many sessions.
pub const MOST_SESSIONS: usize = 12;
const MOST_TOPICS: usize = 5;

/// Where a viewer stands among circles: the regions they see and the organisations whose
/// circles they may change.
pub struct LeadScope {
    pub regions: Vec<Id>,
    pub organisations: Vec<Organisation>,
}

impl LeadScope {
    pub fn can_change(&self, organisation: &Id) -> bool {
        self.organisations.iter().any(|o| &o.id == organisation)
    }

    pub fn sees(&self, region: &Id) -> bool {
        self.regions.contains(region)
    }
}

/// The regions of the viewer's grants of `roles`, each once.
pub(crate) async fn regions_of(
    conn: &mut Conn,
    viewer: &Viewer,
    roles: &[Role],
) -> Result<Vec<Id>, Error> {
    let mut regions: Vec<Id> = Vec::new();
    for grant in viewer.roles.iter().filter(|g| roles.contains(&g.role)) {
        if let Some(region) = store::region_of(conn, &grant.organisation_id).await?
            && !regions.contains(&region)
        {
            regions.push(region);
        }
    }
    regions.sort();
    Ok(regions)
}

/// A lead's scope; 403 for someone who leads nothing.
pub async fn lead_scope(conn: &mut Conn, viewer: &Viewer) -> Result<LeadScope, Error> {
    if !viewer.is_admin() {
        return Err(Error::Forbidden);
    }
    Ok(LeadScope {
        regions: regions_of(conn, viewer, &[Role::Admin]).await?,
        organisations: admin_scope(conn, viewer).await?,
    })
}

/// A circle as a lead reads it: 404 outside their regions.
async fn circle_for(conn: &mut Conn, scope: &LeadScope, id: &Id) -> Result<Circle, Error> {
    let circle = circles::get(conn, id).await?.ok_or(Error::NotFound)?;
    if !scope.sees(&circle.region_id) {
        return Err(Error::NotFound);
    }
    Ok(circle)
}

/// A circle the actor may change: 404 outside their regions, 403 for another organisation's.
pub(crate) async fn circle_to_change(
    conn: &mut Conn,
    viewer: &Viewer,
    id: &Id,
) -> Result<(Circle, LeadScope), Error> {
    let scope = lead_scope(conn, viewer).await?;
    let circle = circle_for(conn, &scope, id).await?;
    if !scope.can_change(&circle.fields.organisation_id) {
        return Err(Error::ForbiddenBecause(
            "Only a lead of the organisation that runs this circle can change it".into(),
        ));
    }
    Ok((circle, scope))
}

/// One circle in the lead's list.
#[derive(Debug, Clone)]
pub struct CircleRow {
    pub row: ListingRow,
    pub can_change: bool,
}

/// The region's circles, soonest first, each with whether the viewer may change it.
pub async fn circle_list(app: &App, viewer: &Viewer) -> Result<Vec<CircleRow>, Error> {
    let mut conn = app.store.conn().await?;
    let scope = lead_scope(&mut conn, viewer).await?;
    let mut rows = Vec::new();
    for region in &scope.regions {
        for row in store::list_in_region(&mut conn, region).await? {
            let can_change = scope.can_change(&Id::from_trusted(row.organisation_id.clone()));
            rows.push(CircleRow { row, can_change });
        }
    }
    Ok(rows)
}

/// What a lead may choose from on the circle form.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// The organisations they lead, which may run a circle.
    pub organisations: Vec<(Id, String)>,
    pub pool: Vec<PoolFacilitator>,
    pub cohorts: Vec<(Id, String)>,
}

/// The organisations, pool facilitators and cohorts of the lead's regions.
pub async fn choices(app: &App, viewer: &Viewer) -> Result<Choices, Error> {
    let mut conn = app.store.conn().await?;
    let scope = lead_scope(&mut conn, viewer).await?;
    choices_in(&mut conn, &scope).await
}

async fn choices_in(conn: &mut Conn, scope: &LeadScope) -> Result<Choices, Error> {
    let mut c = Choices {
        organisations: scope
            .organisations
            .iter()
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect(),
        ..Choices::default()
    };
    for region in &scope.regions {
        c.pool.extend(store::pool_in_region(conn, region).await?);
        c.cohorts
            .extend(store::cohorts_in_region(conn, region).await?);
    }
    Ok(c)
}

/// A circle as its admin page shows it.
#[derive(Debug, Clone)]
pub struct CircleDetail {
    pub circle: Circle,
    pub organisation_name: String,
    pub facilitator_names: Vec<String>,
    pub cohort_label: Option<String>,
    pub can_change: bool,
    /// When a merge is on offer: the circle the bookings would move to (id, title).
    pub merge_target: Option<(Id, String)>,
}

/// One circle for a lead of its region.
pub async fn circle_detail(app: &App, viewer: &Viewer, id: &Id) -> Result<CircleDetail, Error> {
    let mut conn = app.store.conn().await?;
    let scope = lead_scope(&mut conn, viewer).await?;
    let circle = circle_for(&mut conn, &scope, id).await?;
    let organisation_name = organisations::get(&mut conn, &circle.fields.organisation_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let pool = store::pool_in_region(&mut conn, &circle.region_id).await?;
    let mut facilitator_names = Vec::new();
    for person in &circle.fields.facilitators {
        match pool.iter().find(|p| &p.person_id == person) {
            Some(p) => facilitator_names.push(p.name.clone()),
            None => {
                if let Some(p) = people::get(&mut conn, person).await? {
                    facilitator_names.push(p.name);
                }
            }
        }
    }
    let cohort_label = match &circle.fields.cohort_id {
        Some(cohort) => store::cohorts_in_region(&mut conn, &circle.region_id)
            .await?
            .into_iter()
            .find(|(id, _)| id == cohort)
            .map(|(_, label)| label),
        None => None,
    };
    let merge_target = if circle.merge_offered_at.is_some() && circle.decided_at.is_none() {
        super::sweep::merge_target(&mut conn, &circle, crate::now_ms())
            .await?
            .map(|t| (Id::from_trusted(t.id), t.title))
    } else {
        None
    };
    Ok(CircleDetail {
        can_change: scope.can_change(&circle.fields.organisation_id),
        circle,
        organisation_name,
        facilitator_names,
        cohort_label,
        merge_target,
    })
}

/// One session as typed: a date (day first or `YYYY-MM-DD`) and 24-hour times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionInput {
    pub date: String,
    pub start_time: String,
    pub end_time: String,
}

/// A circle as typed into the form or sent to the API, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CircleInput {
    pub organisation_id: String,
    /// Empty for a circle that stands alone.
    pub cohort_id: String,
    pub title: String,
    pub description: String,
    /// Tags separated by commas: "burnout, hybrid working".
    pub topics: String,
    pub min_places: String,
    pub max_places: String,
    /// `virtual` or `in_person`.
    pub delivery_mode: String,
    pub delivery_detail: String,
    pub timezone: String,
    pub confirm_hours: String,
    pub cancel_hours: String,
    /// The first session, then any more (a short series).
    pub first: SessionInput,
    /// Further sessions, one a line: `12/3/2027 09:30-11:00`.
    pub more_sessions: String,
    /// One or two pool members' ids.
    pub facilitators: Vec<String>,
}

impl Default for CircleInput {
    fn default() -> Self {
        Self {
            organisation_id: String::new(),
            cohort_id: String::new(),
            title: String::new(),
            description: String::new(),
            topics: String::new(),
            min_places: DEFAULT_MIN_PLACES.to_string(),
            max_places: DEFAULT_MAX_PLACES.to_string(),
            delivery_mode: String::new(),
            delivery_detail: String::new(),
            timezone: crate::DEFAULT_ZONE.to_owned(),
            confirm_hours: DEFAULT_CONFIRM_HOURS.to_string(),
            cancel_hours: DEFAULT_CANCEL_HOURS.to_string(),
            first: SessionInput::default(),
            more_sessions: String::new(),
            facilitators: Vec::new(),
        }
    }
}

/// A stored circle back as the form shows it, to change.
pub fn input_from(c: &Circle) -> CircleInput {
    let f = &c.fields;
    let tz = jiff::tz::TimeZone::get(&f.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let local = |ms: i64| {
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| t.to_zoned(tz.clone()))
            .ok()
    };
    let line = |s: &CircleSession| match (local(s.starts_at), local(s.ends_at)) {
        (Some(a), Some(b)) => (
            a.strftime("%Y-%m-%d").to_string(),
            a.strftime("%H:%M").to_string(),
            b.strftime("%H:%M").to_string(),
        ),
        _ => Default::default(),
    };
    let mut sessions = f.sessions.iter().map(line);
    let (date, start_time, end_time) = sessions.next().unwrap_or_default();
    CircleInput {
        organisation_id: f.organisation_id.to_string(),
        cohort_id: f.cohort_id.as_ref().map(Id::to_string).unwrap_or_default(),
        title: f.title.clone(),
        description: f.description.clone(),
        topics: f.topics.join(", "),
        min_places: f.min_places.to_string(),
        max_places: f.max_places.to_string(),
        delivery_mode: f.delivery_mode.clone(),
        delivery_detail: f.delivery_detail.clone(),
        timezone: f.timezone.clone(),
        confirm_hours: f.confirm_hours.to_string(),
        cancel_hours: f.cancel_hours.to_string(),
        first: SessionInput {
            date,
            start_time,
            end_time,
        },
        more_sessions: sessions
            .map(|(d, s, e)| format!("{d} {s}-{e}"))
            .collect::<Vec<_>>()
            .join("\n"),
        facilitators: f.facilitators.iter().map(Id::to_string).collect(),
    }
}

fn number(
    raw: &str,
    field: &'static str,
    label: &str,
    range: (i64, i64),
) -> Result<i64, ValidationError> {
    let (low, high) = range;
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (low..=high).contains(n))
        .ok_or_else(|| {
            ValidationError::new(
                field,
                format!("Enter {label} as a whole number from {low} to {high}"),
            )
        })
}

/// Topic tags: lower case, words joined by hyphens ("hybrid working" becomes `hybrid-working`).
pub fn parse_topics(raw: &str) -> Result<Vec<String>, ValidationError> {
    let mut tags: Vec<String> = Vec::new();
    for piece in raw.split(',') {
        let words: Vec<String> = piece.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            continue;
        }
        let tag = words.join("-");
        if tag.chars().count() > 40 || !tag.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Err(ValidationError::new(
                "topics",
                "Each topic can have only letters, numbers and spaces, up to 40 characters",
            ));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.is_empty() {
        return Err(ValidationError::new(
            "topics",
            "Enter at least one topic, like burnout or hybrid working",
        ));
    }
    if tags.len() > MOST_TOPICS {
        return Err(ValidationError::new(
            "topics",
            format!("Enter at most {MOST_TOPICS} topics"),
        ));
    }
    Ok(tags)
}

fn text(
    raw: &str,
    field: &'static str,
    label: &str,
    most: usize,
) -> Result<String, ValidationError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(ValidationError::new(field, format!("Enter {label}")));
    }
    if t.chars().count() > most {
        return Err(ValidationError::new(
            field,
            format!("{} must be {most} characters or fewer", capitalised(label)),
        ));
    }
    Ok(t.to_owned())
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The sessions in the circle's zone: the first from its boxes, any more from their lines.
fn parse_sessions(i: &CircleInput, now: i64) -> Result<Vec<CircleSession>, Vec<ValidationError>> {
    let zone = i.timezone.trim();
    let date = revans_domain::parse_uk_date(&i.first.date, "date").map_err(|e| vec![e])?;
    for (field, raw) in [
        ("start_time", &i.first.start_time),
        ("end_time", &i.first.end_time),
    ] {
        if raw.trim().parse::<jiff::civil::Time>().is_err() {
            return Err(vec![ValidationError::new(
                field,
                "Enter a time on the 24-hour clock, like 09:30",
            )]);
        }
    }
    let first = format!(
        "{date} {}-{}",
        i.first.start_time.trim(),
        i.first.end_time.trim()
    );
    Schedule::explicit(&first, zone, now).map_err(|e| {
        vec![ValidationError::new(
            if e.field == "timezone" {
                "timezone"
            } else {
                "end_time"
            },
            e.message.replace("Line 1", "The first session"),
        )]
    })?;
    let all = format!("{first}\n{}", i.more_sessions);
    let schedule = Schedule::explicit(&all, zone, now).map_err(|e| {
        vec![ValidationError::new(
            "more_sessions",
            e.message.replace("A cohort", "A circle"),
        )]
    })?;
    if schedule.sessions().len() > MOST_SESSIONS {
        return Err(vec![ValidationError::new(
            "more_sessions",
            format!("A circle can have at most {MOST_SESSIONS} sessions"),
        )]);
    }
    Ok(schedule
        .sessions()
        .iter()
        .map(|s| CircleSession {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        })
        .collect())
}

/// Checks everything that needs no database; the region's checks come after.
pub fn parse_circle(i: &CircleInput, now: i64) -> Result<CircleFields, Error> {
    let mut errors = FieldErrors::default();
    let organisation = Id::parse(i.organisation_id.trim());
    if organisation.is_none() {
        errors.add(
            "organisation_id",
            "Select the organisation that runs the circle",
        );
    }
    let cohort = if i.cohort_id.trim().is_empty() {
        Some(None)
    } else {
        match Id::parse(i.cohort_id.trim()) {
            Some(id) => Some(Some(id)),
            None => {
                errors.add(
                    "cohort_id",
                    "Select a cohort, or none for a circle on its own",
                );
                None
            }
        }
    };
    let title = errors.take(text(&i.title, "title", "a title", 120));
    let description = errors.take(text(&i.description, "description", "a description", 2000));
    let topics = errors.take(parse_topics(&i.topics));
    let min = errors.take(number(
        &i.min_places,
        "min_places",
        "the fewest places",
        (1, MOST_PLACES),
    ));
    let max = errors.take(number(
        &i.max_places,
        "max_places",
        "the most places",
        (1, MOST_PLACES),
    ));
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        errors.add(
            "min_places",
            "The fewest places must be the same as or less than the most places",
        );
    }
    let mode = match i.delivery_mode.trim() {
        m @ ("virtual" | "in_person") => Some(m.to_owned()),
        _ => {
            errors.add("delivery_mode", "Select virtual or in person");
            None
        }
    };
    let detail = match mode.as_deref() {
        Some("virtual") => {
            let link = i.delivery_detail.trim();
            if link.starts_with("https://") && link.len() > 8 && link.len() <= 500 {
                Some(link.to_owned())
            } else {
                errors.add(
                    "delivery_detail",
                    "Enter the link to join, starting with https://",
                );
                None
            }
        }
        Some(_) => errors.take(text(
            &i.delivery_detail,
            "delivery_detail",
            "the place",
            300,
        )),
        None => None,
    };
    let zone_ok = errors
        .take(revans_domain::parse_zone(&i.timezone))
        .is_some();
    let confirm = errors.take(number(
        &i.confirm_hours,
        "confirm_hours",
        "the hours before to confirm",
        (0, 720),
    ));
    let cancel = errors.take(number(
        &i.cancel_hours,
        "cancel_hours",
        "the hours before to stop cancelling",
        (0, 720),
    ));
    let sessions = if zone_ok {
        match parse_sessions(i, now) {
            Ok(s) => Some(s),
            Err(es) => {
                for e in es {
                    errors.take::<()>(Err(e));
                }
                None
            }
        }
    } else {
        None
    };
    let mut facilitators: Vec<Id> = Vec::new();
    for raw in i
        .facilitators
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
    {
        match Id::parse(raw) {
            Some(id) if !facilitators.contains(&id) => facilitators.push(id),
            Some(_) => {}
            None => errors.add("facilitators", "Select facilitators from the pool"),
        }
    }
    if facilitators.is_empty() || facilitators.len() > 2 {
        errors.add(
            "facilitators",
            "Select one or two facilitators from the pool",
        );
    }
    match (
        organisation,
        cohort,
        title,
        description,
        topics,
        min,
        max,
        mode,
        detail,
        confirm,
        cancel,
        sessions,
    ) {
        (
            Some(organisation_id),
            Some(cohort_id),
            Some(title),
            Some(description),
            Some(topics),
            Some(min_places),
            Some(max_places),
            Some(delivery_mode),
            Some(delivery_detail),
            Some(confirm_hours),
            Some(cancel_hours),
            Some(sessions),
        ) if !errors.any() => Ok(CircleFields {
            organisation_id,
            cohort_id,
            title,
            description,
            topics,
            min_places,
            max_places,
            delivery_mode,
            delivery_detail,
            timezone: i.timezone.trim().to_owned(),
            confirm_hours,
            cancel_hours,
            sessions,
            facilitators,
        }),
        _ => Err(Error::Invalid(errors.0)),
    }
}

/// The checks that need the region: the organisation is the lead's, the facilitators are in
/// its pool, the cohort is of one of its programmes. Returns the region.
async fn check_in_region(
    conn: &mut Conn,
    scope: &LeadScope,
    f: &CircleFields,
) -> Result<Id, Error> {
    if !scope.can_change(&f.organisation_id) {
        return Err(Error::field(
            "organisation_id",
            "Select an organisation you lead",
        ));
    }
    let region = store::region_of(conn, &f.organisation_id)
        .await?
        .ok_or(Error::NotFound)?;
    let pool = store::pool_in_region(conn, &region).await?;
    if f.facilitators
        .iter()
        .any(|p| !pool.iter().any(|m| &m.person_id == p))
    {
        return Err(Error::field(
            "facilitators",
            "Select facilitators from the region's pool",
        ));
    }
    if let Some(cohort) = &f.cohort_id
        && !store::cohorts_in_region(conn, &region)
            .await?
            .iter()
            .any(|(id, _)| id == cohort)
    {
        return Err(Error::field(
            "cohort_id",
            "Select a cohort of one of the region's programmes",
        ));
    }
    Ok(region)
}

/// Adds a circle as a draft (only leads see it until it is published).
pub async fn create(app: &App, actor: &Actor<'_>, input: &CircleInput) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    let scope = lead_scope(&mut tx, actor.viewer).await?;
    let fields = parse_circle(input, crate::now_ms())?;
    let region = check_in_region(&mut tx, &scope, &fields).await?;
    let id = circles::insert(
        &mut tx,
        &region,
        &fields,
        "draft",
        Some(&actor.viewer.person.id),
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "circle.created",
            "circle",
            id.as_str(),
            &format!("Created the circle \"{}\" as a draft", fields.title),
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// Changes a circle still running. Fewer places than are booked is refused; changed sessions
/// bump the calendar's sequence and tell everyone booked.
pub async fn change(
    app: &App,
    actor: &Actor<'_>,
    id: &Id,
    input: &CircleInput,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let (circle, scope) = circle_to_change(&mut tx, actor.viewer, id).await?;
    let fields = parse_circle(input, crate::now_ms())?;
    let region = check_in_region(&mut tx, &scope, &fields).await?;
    if region != circle.region_id {
        return Err(Error::field(
            "organisation_id",
            "Select an organisation in the circle's region",
        ));
    }
    if fields.max_places < circle.booked {
        return Err(Error::field(
            "max_places",
            format!(
                "{} places are already booked; the most places cannot be fewer",
                circle.booked
            ),
        ));
    }
    let sessions_changed = fields.sessions != circle.fields.sessions;
    if !store::update(&mut tx, id, &fields, sessions_changed).await? {
        return Err(Error::Conflict(
            "This circle has been cancelled or merged, so it cannot be changed".into(),
        ));
    }
    if sessions_changed && circle.status != "draft" {
        let when: Vec<Text> = fields
            .sessions
            .iter()
            .map(|s| mail::session_line(s.starts_at, s.ends_at, &fields.timezone))
            .collect();
        for c in store::contacts(&mut tx, id).await? {
            let email = circle_email(
                app,
                &c.name,
                &fields.title,
                Text::new("email-circle-times-changed"),
                when.clone(),
                id,
            );
            mail::enqueue(&mut tx, &c.email, &email).await?;
        }
    }
    actor
        .audit(
            &mut tx,
            "circle.changed",
            "circle",
            id.as_str(),
            &format!("Changed the circle \"{}\"", fields.title),
            &region,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Opens a draft for booking.
pub async fn publish(app: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let (circle, _) = circle_to_change(&mut tx, actor.viewer, id).await?;
    if !store::publish(&mut tx, id).await? {
        return Err(Error::Conflict(
            "Only a draft circle can be published".into(),
        ));
    }
    actor
        .audit(
            &mut tx,
            "circle.published",
            "circle",
            id.as_str(),
            &format!("Published the circle \"{}\"", circle.fields.title),
            &circle.region_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// Cancels a circle by hand and tells everyone booked, waiting or facilitating.
pub async fn cancel(app: &App, actor: &Actor<'_>, id: &Id) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    let (circle, _) = circle_to_change(&mut tx, actor.viewer, id).await?;
    if !store::cancel_by_hand(&mut tx, id, crate::now_ms()).await? {
        return Err(Error::Conflict(
            "This circle has already been cancelled or merged".into(),
        ));
    }
    if circle.status != "draft" {
        super::sweep::tell_cancelled(app, &mut tx, &circle, LEAD_CANCELLED).await?;
    }
    actor
        .audit(
            &mut tx,
            "circle.cancelled",
            "circle",
            id.as_str(),
            &format!("Cancelled the circle \"{}\"", circle.fields.title),
            &circle.region_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(())
}

/// The reason a circle cancelled by hand gives.
pub(crate) const LEAD_CANCELLED: &str = "The lead cancelled it.";

/// A session as people read it, with the zone named.
pub fn describe(s: &CircleSession, zone: &str) -> String {
    format!(
        "{} ({zone})",
        describe_session(
            &revans_domain::Session {
                starts_at: s.starts_at,
                ends_at: s.ends_at,
            },
            zone,
        )
    )
}

/// An email about a circle: one shape for every step (confirmed, cancelled, moved, changed).
pub(crate) fn circle_email(
    app: &App,
    name: &str,
    title: &str,
    headline: Text,
    lines: Vec<Text>,
    circle: &Id,
) -> CircleEmail {
    CircleEmail {
        tenant: app.settings.tenant_name.clone(),
        name: name.to_owned(),
        circle: title.to_owned(),
        headline,
        lines,
        link: format!("{}/circles/{circle}", app.settings.base_url()),
        link_label: Text::new("email-see-the-circle"),
    }
}
