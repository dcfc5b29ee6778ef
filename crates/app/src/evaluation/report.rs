//! The evaluation report a funder reads: the same aggregates as the results page (response
//! rates, targets against what was measured, before/after changes, scores by group, participants against the comparison group,
//! culture profiles drawn as charts) laid out as a document, which the web layer serves as a
//! PDF, and as one CSV table. Built only from the read models, so it shows nothing the pages
//! do not.

use revans_documents::{BarChart, Block, Chart, Document, KiteChart, Series, Table};
use revans_domain::Id;

use super::plan::{EvaluationPlan, evaluation_plan};
use super::results::{Cultures, EvaluationResults, ProfileGroup, results};
use super::targets::{ProgrammeTargets, programme_targets};
use crate::{App, Error, Viewer};

fn count(n: Option<u32>) -> String {
    n.map_or_else(|| "Fewer than 8".to_owned(), |v| v.to_string())
}

fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "Not shown".to_owned(), |v| format!("{v:.2}"))
}

fn values(c: &Cultures) -> Vec<f64> {
    vec![c.clan, c.adhocracy, c.market, c.hierarchy]
}

const CULTURES: [&str; 4] = ["Clan", "Adhocracy", "Market", "Hierarchy"];

fn group_label(p: &ProfileGroup) -> String {
    if p.attribute == "organisation" {
        format!("{} (organisation)", p.value)
    } else {
        p.value.clone()
    }
}

/// The culture-profile charts of one wave: the shown groups now, preferred, and the change.
pub fn profile_charts(wave: &str, profiles: &[ProfileGroup]) -> Vec<Chart> {
    let shown: Vec<&ProfileGroup> = profiles.iter().filter(|p| p.now.is_some()).collect();
    if shown.is_empty() {
        return Vec::new();
    }
    let kite = |caption: String, pick: fn(&ProfileGroup) -> Option<Cultures>| {
        Chart::Kite(KiteChart {
            caption,
            axes: CULTURES.map(str::to_owned),
            series: shown
                .iter()
                .filter_map(|p| {
                    Some(Series {
                        label: group_label(p),
                        values: values(&pick(p)?),
                    })
                })
                .collect(),
            max: 50.0,
        })
    };
    vec![
        kite(
            format!("{wave}: the culture now, by group (mean points of 100)"),
            |p| p.now,
        ),
        kite(format!("{wave}: the culture preferred, by group"), |p| {
            p.preferred
        }),
        Chart::Bars(BarChart {
            caption: format!("{wave}: change wanted (preferred minus now), by group"),
            categories: CULTURES.map(str::to_owned).to_vec(),
            series: shown
                .iter()
                .filter_map(|p| {
                    Some(Series {
                        label: group_label(p),
                        values: values(&p.change?),
                    })
                })
                .collect(),
            max: 30.0,
        }),
    ]
}

fn rates_table(plan: &EvaluationPlan) -> Table {
    let mut rows = Vec::new();
    for w in &plan.waves {
        for r in &w.rates {
            rows.push(vec![
                w.name.clone(),
                r.group.clone(),
                count(r.invited),
                count(r.responded),
                r.percent
                    .map_or_else(|| "Not shown".to_owned(), |p| format!("{p}%")),
            ]);
        }
    }
    Table {
        caption: "Response rates".into(),
        header: ["Wave", "Group", "Invited", "Answered", "Rate"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    }
}

fn targets_table(targets: &ProgrammeTargets) -> Table {
    let with_unit = |f: String, t: &super::targets::TargetView| match &t.unit {
        Some(u) if u == "%" => format!("{f}%"),
        Some(u) => format!("{f} {u}"),
        None => f,
    };
    Table {
        caption: "Targets set at scoping, and what was measured".into(),
        header: ["Measure", "Baseline", "Target", "By", "Measured", "Result"]
            .map(str::to_owned)
            .to_vec(),
        rows: targets
            .targets
            .iter()
            .map(|t| {
                vec![
                    t.measure.clone(),
                    with_unit(t.baseline.to_string(), t),
                    with_unit(t.target_value.to_string(), t),
                    t.target_date.to_string(),
                    t.measured.as_ref().map_or_else(
                        || "Not yet".to_owned(),
                        |m| format!("{} on {}", with_unit(m.value.to_string(), t), m.on),
                    ),
                    t.status.label().to_owned(),
                ]
            })
            .collect(),
    }
}

/// Everything in the report, in reading order.
pub fn document(
    plan: &EvaluationPlan,
    r: &EvaluationResults,
    targets: &ProgrammeTargets,
    made_on: &str,
) -> Document {
    let mut blocks = vec![
        Block::Paragraph(
            "Every figure rests on 8 or more people. Counts of 1 to 7 are not shown and the rest are rounded to the nearest 5 (NHS Digital's small-number rule). Scores are means on each question's scale; before and after are paired for the same people without names.".into(),
        ),
        Block::Heading("Response rates".into()),
        Block::Table(rates_table(plan)),
    ];
    if !targets.targets.is_empty() {
        blocks.push(Block::Heading("Targets".into()));
        blocks.push(Block::Table(targets_table(targets)));
    }
    for c in &r.changes {
        blocks.push(Block::Heading(format!(
            "{}: {} to {} ({})",
            c.instrument, c.before, c.after, c.group
        )));
        blocks.push(Block::Table(Table {
            caption: format!("Change from {} to {}, {}", c.before, c.after, c.group),
            header: [
                "Question",
                "Pairs",
                "Mean change",
                "95% CI",
                "Effect size (dz)",
            ]
            .map(str::to_owned)
            .to_vec(),
            rows: c
                .questions
                .iter()
                .map(|q| {
                    vec![
                        q.text.clone(),
                        count(q.pairs),
                        figure(q.mean_change),
                        q.ci95.map_or_else(
                            || "Not shown".into(),
                            |[lo, hi]| format!("{lo:.2} to {hi:.2}"),
                        ),
                        figure(q.effect_size),
                    ]
                })
                .collect(),
        }));
    }
    for w in &r.waves {
        blocks.push(Block::Heading(format!("{}: {}", w.name, w.instrument)));
        blocks.push(Block::Paragraph(format!(
            "Answers: {}.",
            count(w.responses)
        )));
        blocks.extend(
            profile_charts(&w.name, &w.profiles)
                .into_iter()
                .map(Block::Chart),
        );
        if let Some(first) = w.scores.first() {
            let mut header = vec!["Question".to_owned()];
            header.extend(first.groups.iter().map(|g| g.group.clone()));
            blocks.push(Block::Table(Table {
                caption: format!("{}: mean scores", w.name),
                header,
                rows: w
                    .scores
                    .iter()
                    .map(|q| {
                        let mut row = vec![q.text.clone()];
                        row.extend(q.groups.iter().map(|g| figure(g.mean)));
                        row
                    })
                    .collect(),
            }));
        }
        if !w.comparison.is_empty() {
            blocks.push(Block::Table(Table {
                caption: format!("{}: participants and the comparison group", w.name),
                header: [
                    "Question",
                    "Participants",
                    "Comparison",
                    "Difference",
                    "95% CI",
                    "Effect size (g)",
                ]
                .map(str::to_owned)
                .to_vec(),
                rows: w
                    .comparison
                    .iter()
                    .map(|c| {
                        vec![
                            c.text.clone(),
                            format!("{:.2}", c.participants_mean),
                            format!("{:.2}", c.comparison_mean),
                            format!("{:+.2}", c.difference),
                            c.ci95.map_or_else(
                                || "Not shown".into(),
                                |[lo, hi]| format!("{lo:.2} to {hi:.2}"),
                            ),
                            figure(c.effect_size),
                        ]
                    })
                    .collect(),
            }));
        }
    }
    Document {
        title: format!("Evaluation report: {}", r.programme),
        subtitle: format!("Made on {made_on}. Aggregates only."),
        blocks,
    }
}

/// Every score of the report as one table (wave, question, group, n, mean), for a spreadsheet.
pub fn scores_table(r: &EvaluationResults) -> Table {
    let mut rows = Vec::new();
    for w in &r.waves {
        for q in &w.scores {
            for g in &q.groups {
                rows.push(vec![
                    w.name.clone(),
                    q.key.clone(),
                    q.text.clone(),
                    g.group.clone(),
                    count(g.n),
                    figure(g.mean),
                ]);
            }
        }
        for p in &w.profiles {
            for (which, c) in [("now", p.now), ("preferred", p.preferred)] {
                for (i, culture) in CULTURES.iter().enumerate() {
                    rows.push(vec![
                        w.name.clone(),
                        format!("cvf_{which}_{}", culture.to_lowercase()),
                        format!("{culture} ({which})"),
                        group_label(p),
                        count(p.n),
                        figure(c.map(|c| values(&c)[i])),
                    ]);
                }
            }
        }
    }
    Table {
        caption: format!("Evaluation results: {}", r.programme),
        header: ["Wave", "Measure", "Text", "Group", "People", "Mean"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    }
}

/// The report as a PDF (for a lead or evaluator of the programme).
pub async fn pdf(app: &App, viewer: &Viewer, programme: &Id) -> Result<(String, Vec<u8>), Error> {
    let plan = evaluation_plan(app, viewer, programme).await?;
    let r = results(app, viewer, programme).await?;
    let targets = programme_targets(app, viewer, programme).await?;
    let today = revans_i18n::last_day(crate::now_ms() + 1, viewer.timezone());
    let doc = document(&plan, &r, &targets, &today);
    let title = r.programme.clone();
    // Laying out a long report takes tens of milliseconds: off the async workers.
    let bytes =
        tokio::task::spawn_blocking(revans_i18n::carried(move || revans_documents::to_pdf(&doc)))
            .await
            .map_err(Error::internal)?;
    Ok((title, bytes))
}

/// The scores as CSV.
pub async fn csv(app: &App, viewer: &Viewer, programme: &Id) -> Result<(String, String), Error> {
    let r = results(app, viewer, programme).await?;
    Ok((
        r.programme.clone(),
        revans_documents::table_csv(&scores_table(&r)),
    ))
}
