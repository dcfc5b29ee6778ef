//! Circles in figures for leads and evaluators (C7, issue 15): circles run, places booked and
//! the attendance rate, by topic and by organisation. Counts of people follow the small-number
//! rule (`revans_domain::small_numbers`: 1-7 hidden, the rest rounded to the nearest 5, totals
//! added after suppression), and a rate over fewer than 8 attendance marks is not shown.

use std::collections::BTreeMap;

use revans_domain::{HIDDEN_UP_TO, Published, Role, publish};
use revans_storage::circle_admin::{self as store, ReportRow};
use revans_storage::circles::split_topics;
use revans_storage::organisations;

use super::manage::regions_of;
use crate::{App, Error, Viewer};

/// One line of the report: a topic or an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub name: String,
    /// Circles confirmed to run (not people, so never hidden).
    pub circles_run: u32,
    /// Circles cancelled or merged for want of bookings.
    pub circles_not_run: u32,
    /// Places booked, published under the small-number rule.
    pub bookings: Published,
    /// Whole per cent present of the attendance recorded; `None` under 8 marks.
    pub attendance_percent: Option<u32>,
}

/// The region's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CircleReport {
    pub region_name: String,
    pub by_topic: Vec<ReportLine>,
    pub by_organisation: Vec<ReportLine>,
    pub total: ReportLine,
}

#[derive(Default)]
struct Tally {
    run: u32,
    not_run: u32,
    bookings: u32,
    marks: u32,
    present: u32,
}

impl Tally {
    fn add(&mut self, r: &ReportRow) {
        match r.status.as_str() {
            "confirmed" => self.run += 1,
            "cancelled" | "merged" => self.not_run += 1,
            _ => {}
        }
        self.bookings += u32::try_from(r.bookings).unwrap_or(0);
        self.marks += u32::try_from(r.marks).unwrap_or(0);
        self.present += u32::try_from(r.present).unwrap_or(0);
    }

    fn line(&self, name: String) -> ReportLine {
        ReportLine {
            name,
            circles_run: self.run,
            circles_not_run: self.not_run,
            bookings: publish(self.bookings),
            attendance_percent: (self.marks > HIDDEN_UP_TO)
                .then(|| (self.present * 100 + self.marks / 2) / self.marks),
        }
    }
}

/// The report a lead or an evaluator reads for their region (the first, for someone with
/// grants in several): 403 for anyone with neither role.
pub async fn report(app: &App, viewer: &Viewer) -> Result<CircleReport, Error> {
    let mut conn = app.store.conn().await?;
    let regions = regions_of(&mut conn, viewer, &[Role::Admin, Role::Evaluator]).await?;
    let Some(region) = regions.first() else {
        return Err(Error::Forbidden);
    };
    let region_name = organisations::get(&mut conn, region)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let rows = store::report_rows(&mut conn, region).await?;
    Ok(build(region_name, &rows))
}

/// The report from the region's rows: pure, so the rule is tested without a database.
pub fn build(region_name: String, rows: &[ReportRow]) -> CircleReport {
    let mut topics: BTreeMap<String, Tally> = BTreeMap::new();
    let mut orgs: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for r in rows {
        for t in split_topics(&r.topics) {
            topics.entry(t).or_default().add(r);
        }
        orgs.entry((r.organisation_name.clone(), r.organisation_id.clone()))
            .or_default()
            .add(r);
        total.add(r);
    }
    let by_topic: Vec<ReportLine> = topics
        .iter()
        .map(|(t, tally)| tally.line(t.replace('-', " ")))
        .collect();
    let by_organisation: Vec<ReportLine> = orgs
        .iter()
        .map(|((name, _), tally)| tally.line(name.clone()))
        .collect();
    // The total adds the published organisation cells, so no hidden cell can be recovered.
    let mut total_line = total.line("All circles".into());
    total_line.bookings = Published::Count(
        by_organisation
            .iter()
            .fold(0u32, |sum, l| sum.saturating_add(l.bookings.value())),
    );
    CircleReport {
        region_name,
        by_topic,
        by_organisation,
        total: total_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        org: &str,
        topics: &str,
        status: &str,
        bookings: i64,
        marks: i64,
        present: i64,
    ) -> ReportRow {
        ReportRow {
            organisation_id: org.into(),
            organisation_name: org.into(),
            topics: topics.into(),
            status: status.into(),
            bookings,
            marks,
            present,
        }
    }

    #[test]
    fn small_groups_are_hidden_and_totals_add_what_is_shown() {
        let rows = [
            row("Trust", "burnout", "confirmed", 12, 20, 15),
            row("Trust", "burnout,hybrid-working", "confirmed", 9, 5, 5),
            row("Hospice", "agile-working", "cancelled", 3, 0, 0),
        ];
        let r = build("ICS".into(), &rows);
        let hospice = &r.by_organisation[0];
        assert_eq!(
            (hospice.name.as_str(), hospice.bookings),
            ("Hospice", Published::Hidden)
        );
        assert_eq!(hospice.circles_not_run, 1);
        let trust = &r.by_organisation[1];
        assert_eq!(trust.bookings, Published::Count(20));
        assert_eq!(trust.attendance_percent, Some(80));
        // 3 bookings hidden for the hospice: the total does not include them.
        assert_eq!(r.total.bookings, Published::Count(20));
        let hybrid = r
            .by_topic
            .iter()
            .find(|l| l.name == "hybrid working")
            .unwrap();
        assert_eq!(
            (hybrid.bookings, hybrid.attendance_percent),
            (Published::Count(10), None)
        );
    }
}
