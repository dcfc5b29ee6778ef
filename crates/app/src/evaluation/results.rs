//! Results a lead or evaluator reads: per wave, the mean of each scored question by group;
//! participants against the comparison group; the change between a first wave and a later one
//! for the same people (paired by pseudonym, never by name); culture profiles by group; and
//! free-text answers people agreed to share. Every figure rests on 8 or more people (the
//! small-number rule); counts are published as the domain rounds them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use revans_domain::evaluation::{
    AnswerValue, Answers, CultureScores, CvfResponse, Instrument, QuestionKind, cvf_by_group,
    group_difference, paired_change, summarise,
};
use revans_domain::{Id, publish_count};
use revans_storage::evaluation::{self as store, ResponseRow};
use serde::Serialize;

use super::instruments::load;
use super::plan::{Anonymity, COMPARISON, PARTICIPANTS};
use crate::{App, Error, Viewer};

/// The fewest people any shown figure rests on.
pub const MIN_GROUP: usize = 8;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvaluationResults {
    pub programme_id: String,
    pub programme: String,
    pub waves: Vec<WaveResults>,
    /// Before/after changes of the same people between a first wave and a later one.
    pub changes: Vec<WaveChange>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WaveResults {
    pub id: String,
    pub name: String,
    pub instrument: String,
    pub anonymity: Anonymity,
    /// Responses, published (hidden below 8, rounded to 5).
    pub responses: Option<u32>,
    pub scores: Vec<QuestionScores>,
    pub comparison: Vec<Comparison>,
    pub profiles: Vec<ProfileGroup>,
    pub free_text: Vec<FreeText>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionScores {
    pub key: String,
    pub text: String,
    /// "all" first, then each respondent group.
    pub groups: Vec<GroupScore>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupScore {
    pub group: String,
    pub n: Option<u32>,
    /// `None` below 8 answers.
    pub mean: Option<f64>,
    pub sd: Option<f64>,
}

/// Participants against the comparison group on one question (both groups 8 or more).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    pub key: String,
    pub text: String,
    pub participants_mean: f64,
    pub comparison_mean: f64,
    /// participants - comparison.
    pub difference: f64,
    pub ci95: Option<[f64; 2]>,
    /// Hedges' g.
    pub effect_size: Option<f64>,
}

/// The four cultures of the Competing Values Framework, each a mean of points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Cultures {
    pub clan: f64,
    pub adhocracy: f64,
    pub market: f64,
    pub hierarchy: f64,
}

impl From<CultureScores> for Cultures {
    fn from(c: CultureScores) -> Self {
        Cultures {
            clan: round2(c.clan),
            adhocracy: round2(c.adhocracy),
            market: round2(c.market),
            hierarchy: round2(c.hierarchy),
        }
    }
}

/// One group's culture profile: the whole sample (attribute "all"), a respondent group
/// (board, managers, participants) or an organisation.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProfileGroup {
    pub attribute: String,
    pub value: String,
    pub n: Option<u32>,
    /// `None` (with now, preferred and change) when the group has fewer than 8 people.
    pub now: Option<Cultures>,
    pub preferred: Option<Cultures>,
    pub change: Option<Cultures>,
}

/// Free-text answers to one question, from people who agreed they may be shown, only when 8
/// or more did; in alphabetical order, so the order says nothing about who wrote which.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FreeText {
    pub key: String,
    pub text: String,
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WaveChange {
    pub before: String,
    pub after: String,
    pub instrument: String,
    /// The respondent group paired (participants, comparison, ...).
    pub group: String,
    pub questions: Vec<PairedQuestion>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PairedQuestion {
    pub key: String,
    pub text: String,
    /// People who answered both, published.
    pub pairs: Option<u32>,
    pub mean_change: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// Cohen's d_z.
    pub effect_size: Option<f64>,
}

/// Two decimals, as every mean is shown.
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

struct Parsed<'a> {
    row: &'a ResponseRow,
    answers: Answers,
}

pub async fn results(
    app: &App,
    viewer: &Viewer,
    programme: &Id,
) -> Result<EvaluationResults, Error> {
    let mut conn = app.store.conn().await?;
    let programme = super::access::for_reader(&mut conn, viewer, programme).await?;
    let waves = store::waves_of(&mut conn, &programme.id).await?;
    let instruments: HashMap<String, Instrument> =
        store::instruments_of(&mut conn, &programme.organisation_id)
            .await?
            .into_iter()
            .filter(|i| waves.iter().any(|w| w.instrument_id == i.id))
            .map(|i| load(i).map(|l| (l.row.id.clone(), l.instrument)))
            .collect::<Result<_, _>>()?;
    let rows = store::responses_of(&mut conn, &programme.id).await?;
    let parsed: Vec<Parsed> = rows
        .iter()
        .map(|row| {
            serde_json::from_str(&row.answers)
                .map(|answers| Parsed { row, answers })
                .map_err(Error::internal)
        })
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for wave in &waves {
        let Some(instrument) = instruments.get(&wave.instrument_id) else {
            continue;
        };
        let answers: Vec<&Parsed> = parsed.iter().filter(|p| p.row.wave_id == wave.id).collect();
        out.push(WaveResults {
            id: wave.id.clone(),
            name: wave.name.clone(),
            instrument: instrument.title.clone(),
            anonymity: Anonymity::parse(&wave.anonymity).unwrap_or(Anonymity::Anonymous),
            responses: publish_count(answers.len()),
            scores: scores(instrument, &answers),
            comparison: comparison(instrument, &answers),
            profiles: profiles(instrument, &answers),
            free_text: free_text(instrument, &answers),
        });
    }
    let changes = changes(&waves, &instruments, &parsed);
    Ok(EvaluationResults {
        programme_id: programme.id.to_string(),
        programme: programme.fields.title.clone(),
        waves: out,
        changes,
    })
}

fn groups_of(answers: &[&Parsed]) -> Vec<String> {
    let set: BTreeSet<&str> = answers
        .iter()
        .map(|p| p.row.respondent_group.as_str())
        .collect();
    set.into_iter().map(str::to_owned).collect()
}

fn group_score(group: &str, values: &[f64]) -> GroupScore {
    let shown = values.len() >= MIN_GROUP;
    let summary = summarise(values);
    GroupScore {
        group: group.to_owned(),
        n: publish_count(values.len()),
        mean: summary.filter(|_| shown).map(|s| round2(s.mean)),
        sd: summary.filter(|_| shown).and_then(|s| s.sd).map(round2),
    }
}

fn scores(instrument: &Instrument, answers: &[&Parsed]) -> Vec<QuestionScores> {
    let groups = groups_of(answers);
    instrument
        .scored_questions()
        .into_iter()
        .map(|q| {
            let of = |group: Option<&str>| -> Vec<f64> {
                answers
                    .iter()
                    .filter(|p| group.is_none_or(|g| p.row.respondent_group == g))
                    .filter_map(|p| instrument.score(&p.answers, &q.key))
                    .collect()
            };
            let mut row = vec![group_score("all", &of(None))];
            if groups.len() > 1 {
                row.extend(groups.iter().map(|g| group_score(g, &of(Some(g)))));
            }
            QuestionScores {
                key: q.key.clone(),
                text: q.text.clone(),
                groups: row,
            }
        })
        .collect()
}

fn comparison(instrument: &Instrument, answers: &[&Parsed]) -> Vec<Comparison> {
    instrument
        .scored_questions()
        .into_iter()
        .filter_map(|q| {
            let of = |group: &str| -> Vec<f64> {
                answers
                    .iter()
                    .filter(|p| p.row.respondent_group == group)
                    .filter_map(|p| instrument.score(&p.answers, &q.key))
                    .collect()
            };
            let (a, b) = (of(PARTICIPANTS), of(COMPARISON));
            if a.len() < MIN_GROUP || b.len() < MIN_GROUP {
                return None;
            }
            let d = group_difference(&a, &b)?;
            Some(Comparison {
                key: q.key.clone(),
                text: q.text.clone(),
                participants_mean: round2(summarise(&a)?.mean),
                comparison_mean: round2(summarise(&b)?.mean),
                difference: round2(d.mean_difference),
                ci95: d.ci95.map(|(lo, hi)| [round2(lo), round2(hi)]),
                effect_size: d.effect_size.map(round2),
            })
        })
        .collect()
}

fn profiles(instrument: &Instrument, answers: &[&Parsed]) -> Vec<ProfileGroup> {
    if instrument.profile.is_none() {
        return Vec::new();
    }
    let rows: Vec<(BTreeMap<String, String>, CvfResponse)> = answers
        .iter()
        .filter_map(|p| {
            let response = CvfResponse::from_answers(instrument, &p.answers)?;
            let mut attributes = BTreeMap::new();
            attributes.insert("group".to_owned(), p.row.respondent_group.clone());
            attributes.insert(
                "organisation".to_owned(),
                p.row
                    .organisation_name
                    .clone()
                    .unwrap_or_else(|| "Not recorded".to_owned()),
            );
            Some((attributes, response))
        })
        .collect();
    let mut out = Vec::new();
    for (i, attribute) in ["group", "organisation"].into_iter().enumerate() {
        for g in cvf_by_group(&rows, &[attribute.to_owned()], MIN_GROUP) {
            let whole = g.group.is_empty();
            if whole && i > 0 {
                continue;
            }
            let n = rows
                .iter()
                .filter(|(attrs, _)| g.group.iter().all(|(k, v)| attrs.get(k) == Some(v)))
                .count();
            out.push(ProfileGroup {
                attribute: if whole {
                    "all".into()
                } else {
                    attribute.into()
                },
                value: g
                    .group
                    .get(attribute)
                    .cloned()
                    .unwrap_or_else(|| "Everyone".into()),
                n: publish_count(n),
                now: g.profile.as_ref().map(|p| p.now.into()),
                preferred: g.profile.as_ref().map(|p| p.preferred.into()),
                change: g.profile.as_ref().map(|p| p.change.into()),
            });
        }
    }
    out
}

fn free_text(instrument: &Instrument, answers: &[&Parsed]) -> Vec<FreeText> {
    instrument
        .questions()
        .filter(|q| matches!(q.kind, QuestionKind::FreeText { .. }))
        .filter_map(|q| {
            let mut texts: Vec<String> = answers
                .iter()
                .filter(|p| p.row.free_text_consent == 1)
                .filter_map(|p| match p.answers.0.get(&q.key) {
                    Some(AnswerValue::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_owned()),
                    _ => None,
                })
                .collect();
            if texts.len() < MIN_GROUP {
                return None;
            }
            texts.sort();
            Some(FreeText {
                key: q.key.clone(),
                text: q.text.clone(),
                answers: texts,
            })
        })
        .collect()
}

fn paired_questions(
    instrument: &Instrument,
    first: &BTreeMap<&str, &Answers>,
    later: &BTreeMap<&str, &Answers>,
) -> Vec<PairedQuestion> {
    instrument
        .scored_questions()
        .into_iter()
        .map(|q| {
            let pairs: Vec<(f64, f64)> = first
                .iter()
                .filter_map(|(who, a)| {
                    Some((
                        instrument.score(a, &q.key)?,
                        instrument.score(later.get(who)?, &q.key)?,
                    ))
                })
                .collect();
            let change = (pairs.len() >= MIN_GROUP)
                .then(|| paired_change(&pairs))
                .flatten();
            PairedQuestion {
                key: q.key.clone(),
                text: q.text.clone(),
                pairs: publish_count(pairs.len()),
                mean_change: change.map(|c| round2(c.mean_change)),
                ci95: change
                    .and_then(|c| c.ci95)
                    .map(|(lo, hi)| [round2(lo), round2(hi)]),
                effect_size: change.and_then(|c| c.effect_size).map(round2),
            }
        })
        .collect()
}

/// Each later wave against the first wave of the same cohort with the same instrument, paired
/// by pseudonym (both waves must keep one: named or pseudonymous), within each respondent
/// group.
fn changes(
    waves: &[store::Wave],
    instruments: &HashMap<String, Instrument>,
    parsed: &[Parsed],
) -> Vec<WaveChange> {
    let paired_kind = |w: &store::Wave| w.anonymity != Anonymity::Anonymous.as_str();
    let mut out = Vec::new();
    for (i, after) in waves.iter().enumerate() {
        let Some(instrument) = instruments.get(&after.instrument_id) else {
            continue;
        };
        if !paired_kind(after) {
            continue;
        }
        let Some(before) = waves[..i].iter().find(|b| {
            paired_kind(b)
                && b.cohort_id == after.cohort_id
                && instruments
                    .get(&b.instrument_id)
                    .is_some_and(|bi| bi.key == instrument.key)
        }) else {
            continue;
        };
        // Each respondent group is paired within itself: participants, and a comparison
        // group answering both waves gives the control group's change beside theirs.
        let groups: BTreeSet<&str> = parsed
            .iter()
            .filter(|p| p.row.wave_id == after.id)
            .map(|p| p.row.respondent_group.as_str())
            .collect();
        for group in groups {
            let by_pseudonym = |wave: &str| -> BTreeMap<&str, &Answers> {
                parsed
                    .iter()
                    .filter(|p| p.row.wave_id == wave && p.row.respondent_group == group)
                    .filter_map(|p| Some((p.row.pseudonym.as_deref()?, &p.answers)))
                    .collect()
            };
            let (first, later) = (by_pseudonym(&before.id), by_pseudonym(&after.id));
            if first.is_empty() {
                continue;
            }
            out.push(WaveChange {
                before: before.name.clone(),
                after: after.name.clone(),
                instrument: instrument.title.clone(),
                group: group.to_owned(),
                questions: paired_questions(instrument, &first, &later),
            });
        }
    }
    out
}
