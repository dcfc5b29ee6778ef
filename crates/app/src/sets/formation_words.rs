//! A cohort's sets in a lead's words (issue 11): what each set is like ("6 people from 4
//! organisations; 3 professions; no one with their manager"), which wishes could not all be
//! met and why, and the rules a change would break, named by person and set. Pure: built from
//! the engine's model of the stored rules, never from the engine's own vocabulary.

use std::collections::BTreeMap;

use revans_engine::{AttrValues, Broken, Model, Rule};

/// One set described for its lead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetInWords {
    /// "6 people from 4 organisations".
    pub headline: String,
    /// What the set is like and the lead's rules it keeps, one plain sentence each.
    pub facts: Vec<String>,
    /// Wishes that could not all be met, each with why.
    pub unmet: Vec<String>,
    /// The lead's rules this set breaks now (after someone left, say), in words.
    pub broken: Vec<String>,
}

/// Who and what the words name: people and sets by name, in the model's order.
pub struct Names<'a> {
    pub people: &'a [String],
    pub sets: &'a [String],
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "profession" -> "professions"; "grade" -> "grades".
fn plural_of(word: &str) -> String {
    if word.ends_with('s') {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    }
}

fn categorical(model: &Model, attr: usize) -> Option<&[Option<String>]> {
    match &model.attributes.get(attr)?.values {
        AttrValues::Categorical(v) => Some(v),
        AttrValues::Numeric(_) => None,
    }
}

fn value(v: &[Option<String>], p: usize) -> Option<&str> {
    v[p].as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn counts<'a>(v: &'a [Option<String>], members: &[usize]) -> BTreeMap<&'a str, usize> {
    let mut out = BTreeMap::new();
    for &p in members {
        if let Some(x) = value(v, p) {
            *out.entry(x).or_insert(0) += 1;
        }
    }
    out
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Each set of the formation in words, in set order. `dropped_pairs` are pairs the lead listed
/// who cannot come together (one manages the other).
pub fn describe(
    model: &Model,
    set_of: &[usize],
    names: &Names<'_>,
    dropped_pairs: &[(usize, usize)],
) -> Vec<SetInWords> {
    let orgs = categorical(model, 0);
    let broken = revans_engine::broken(model, set_of);
    (0..model.sets.len())
        .map(|g| {
            let members: Vec<usize> = (0..set_of.len()).filter(|&p| set_of[p] == g).collect();
            let org_counts = orgs.map(|v| counts(v, &members)).unwrap_or_default();
            let headline = format!(
                "{} from {}",
                plural(members.len(), "person", "people"),
                plural(org_counts.len(), "organisation", "organisations")
            );
            let mut words = SetInWords {
                headline,
                ..SetInWords::default()
            };
            facts_of(model, &members, &mut words);
            unmet_of(model, set_of, g, &members, names, dropped_pairs, &mut words);
            words.broken = broken
                .iter()
                .filter(|b| breaks_in(b, set_of) == Some(g))
                .map(|b| broken_in_words(model, names, b))
                .collect();
            words
        })
        .collect()
}

/// The set a broken rule is about.
fn breaks_in(b: &Broken, set_of: &[usize]) -> Option<usize> {
    match b {
        Broken::Unassigned => None,
        Broken::Size { set, .. } | Broken::Count { set, .. } => Some(*set),
        Broken::UnitSplit { person } | Broken::NotPinned { person, .. } => Some(set_of[*person]),
        Broken::Together { a, .. } => Some(set_of[*a]),
    }
}

fn facts_of(model: &Model, members: &[usize], words: &mut SetInWords) {
    for rule in &model.rules {
        match rule {
            Rule::Diverse { attr, .. } if *attr > 0 => {
                let a = &model.attributes[*attr];
                match &a.values {
                    AttrValues::Categorical(v) => {
                        let c = counts(v, members);
                        let list: Vec<String> = c
                            .iter()
                            .map(|(x, n)| {
                                if *n > 1 {
                                    format!("{x} ({n})")
                                } else {
                                    (*x).to_owned()
                                }
                            })
                            .collect();
                        words.facts.push(format!(
                            "{} {}: {}",
                            c.len(),
                            if c.len() == 1 {
                                a.name.clone()
                            } else {
                                plural_of(&a.name)
                            },
                            list.join(", ")
                        ));
                    }
                    AttrValues::Numeric(v) => {
                        if let Some((lo, hi)) = range(v, members) {
                            words.facts.push(format!("{} from {lo} to {hi}", a.name));
                        }
                    }
                }
            }
            Rule::Similar { attr, .. } => {
                let a = &model.attributes[*attr];
                match &a.values {
                    AttrValues::Numeric(v) => {
                        if let Some((lo, hi)) = range(v, members) {
                            words.facts.push(if lo == hi {
                                format!("Everyone's {} is {lo}", a.name)
                            } else {
                                format!("{} from {lo} to {hi}", capitalised(&a.name))
                            });
                        }
                    }
                    AttrValues::Categorical(v) => {
                        let c = counts(v, members);
                        words.facts.push(format!(
                            "{}: {}",
                            capitalised(&plural_of(&a.name)),
                            c.keys().copied().collect::<Vec<_>>().join(", ")
                        ));
                    }
                }
            }
            Rule::MaxPer { attr, k } => {
                if let Some(v) = categorical(model, *attr) {
                    let top = counts(v, members).into_values().max().unwrap_or(0);
                    if top <= *k {
                        let what = if *attr == 0 {
                            "one organisation".to_owned()
                        } else {
                            format!("one {}", model.attributes[*attr].name)
                        };
                        words
                            .facts
                            .push(format!("No more than {k} from {what}, as you asked"));
                    }
                }
            }
            Rule::MinPer {
                attr,
                value: want,
                k,
            } => {
                if let Some(v) = categorical(model, *attr) {
                    let c = counts(v, members).get(want.trim()).copied().unwrap_or(0);
                    if c >= *k {
                        words
                            .facts
                            .push(format!("{} {want} (you asked for at least {k})", c));
                    }
                }
            }
            _ => {}
        }
    }
    let chain = model
        .never
        .iter()
        .any(|x| members.contains(&x.a) || members.contains(&x.b))
        || !model.managers.is_empty();
    let together = model
        .never
        .iter()
        .any(|x| members.contains(&x.a) && members.contains(&x.b));
    if chain && !together {
        words.facts.push("No one with their manager".into());
    }
    let met = model
        .history
        .iter()
        .any(|(a, b)| a != b && members.contains(a) && members.contains(b));
    if !model.history.is_empty() && !met {
        words
            .facts
            .push("No two people who shared a set before".into());
    }
}

fn range(v: &[Option<f64>], members: &[usize]) -> Option<(f64, f64)> {
    let xs: Vec<f64> = members.iter().filter_map(|&p| v[p]).collect();
    if xs.is_empty() {
        return None;
    }
    let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((lo, hi))
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn unmet_of(
    model: &Model,
    set_of: &[usize],
    g: usize,
    members: &[usize],
    names: &Names<'_>,
    dropped_pairs: &[(usize, usize)],
    words: &mut SetInWords,
) {
    let who = |p: usize| names.people[p].as_str();
    for &(a, b) in dropped_pairs {
        if set_of[a] == g {
            let elsewhere = names.sets[set_of[b]].as_str();
            words.unmet.push(format!(
                "{} and {} asked to come as a pair, but one manages the other, so {} is in {elsewhere}",
                who(a),
                who(b),
                who(b)
            ));
        }
    }
    // Organisations are mixed as widely as the rules allow; where possible nobody is the only
    // one from their organisation (a default aim, explained on the rules form, not a rule).
    if model
        .rules
        .iter()
        .any(|r| matches!(r, Rule::DontIsolate { attr: 0, .. }))
        && let Some(v) = categorical(model, 0)
    {
        let c = counts(v, members);
        let alone: Vec<String> = members
            .iter()
            .filter_map(|&p| {
                let org = value(v, p)?;
                (c.get(org) == Some(&1)).then(|| format!("{} ({org})", who(p)))
            })
            .collect();
        if !alone.is_empty() && c.len() > 1 {
            words.unmet.push(format!(
                "{} {} the only one from their organisation here: mixing organisations as widely as your rules allow left no one else from it to join {}",
                and_list(&alone),
                if alone.len() == 1 { "is" } else { "are" },
                if alone.len() == 1 { "them" } else { "each of them" }
            ));
        }
    }
    let met: Vec<String> = model
        .history
        .iter()
        .filter(|(a, b)| a != b && set_of[*a] == g && set_of[*b] == g)
        .map(|&(a, b)| format!("{} and {}", who(a), who(b)))
        .collect();
    if !met.is_empty() {
        words.unmet.push(format!(
            "{} shared a set before: keeping everyone who met apart would break one of your rules",
            and_list(&met)
        ));
    }
}

/// A broken rule in a lead's words, naming people and sets.
pub fn broken_in_words(model: &Model, names: &Names<'_>, b: &Broken) -> String {
    let who = |p: usize| names.people[p].as_str();
    let set = |g: usize| names.sets[g].as_str();
    match b {
        Broken::Unassigned => "not everyone would be in a set".into(),
        Broken::Size {
            set: g,
            people,
            min,
            max,
        } => {
            if people > max {
                format!(
                    "{} would have {people} people, more than the {max} a set may have",
                    set(*g)
                )
            } else {
                format!(
                    "{} would have {}, fewer than the {min} a set needs",
                    set(*g),
                    plural(*people, "person", "people")
                )
            }
        }
        Broken::UnitSplit { person } => {
            let partner = model
                .units
                .iter()
                .find(|u| u.contains(person))
                .and_then(|u| u.iter().find(|&&q| q != *person))
                .map_or("their pair", |&q| who(q));
            format!(
                "{} and {partner} come as a pair and would be split",
                who(*person)
            )
        }
        Broken::Together { a, b, .. } => format!(
            "{} and {} would be in one set, and one manages the other",
            who(*a),
            who(*b)
        ),
        Broken::NotPinned { person, set: g } => {
            format!("{} must stay in {}", who(*person), set(*g))
        }
        Broken::Count { set: g, rule } => match &model.rules[*rule] {
            Rule::MaxPer { attr: 0, k } => format!(
                "{} would have more than {k} people from one organisation",
                set(*g)
            ),
            Rule::MaxPer { attr, k } => format!(
                "{} would have more than {k} people with the same {}",
                set(*g),
                model.attributes[*attr].name
            ),
            Rule::MinPer { value, k, .. } => {
                format!("{} would have fewer than {k} {value}", set(*g))
            }
            _ => format!("{} would break one of your rules", set(*g)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use revans_engine::{Attribute, Never, SetBounds};

    fn model() -> Model {
        let mut m = Model::new((0..4).map(|i| format!("p{i}")).collect());
        m.attributes.push(Attribute {
            name: "organisation".into(),
            values: AttrValues::Categorical(
                ["A", "A", "B", "C"]
                    .iter()
                    .map(|s| Some(s.to_string()))
                    .collect(),
            ),
        });
        m.rules.push(Rule::Diverse {
            attr: 0,
            weight: 1.0,
        });
        m.rules.push(Rule::DontIsolate {
            attr: 0,
            weight: 0.5,
        });
        m.rules.push(Rule::MaxPer { attr: 0, k: 2 });
        m.sets = vec![SetBounds { min: 2, max: 2 }; 2];
        m.never.push(Never {
            a: 0,
            b: 2,
            reason: "one manages the other".into(),
        });
        m
    }

    #[test]
    fn sets_are_described_without_the_engines_words() {
        let people: Vec<String> = ["Ana", "Ben", "Cai", "Dee"].map(String::from).to_vec();
        let sets: Vec<String> = ["Set 1", "Set 2"].map(String::from).to_vec();
        let names = Names {
            people: &people,
            sets: &sets,
        };
        let words = describe(&model(), &[0, 1, 1, 0], &names, &[(0, 2)]);
        assert_eq!(words[0].headline, "2 people from 2 organisations");
        assert!(
            words[0]
                .facts
                .contains(&"No one with their manager".to_string())
        );
        assert!(
            words[0]
                .facts
                .iter()
                .any(|f| f == "No more than 2 from one organisation, as you asked")
        );
        assert_eq!(
            words[0].unmet[0],
            "Ana and Cai asked to come as a pair, but one manages the other, so Cai is in Set 2"
        );
        assert!(
            words[1]
                .unmet
                .iter()
                .any(|u| u.starts_with("Ben (A) and Cai (B) are the only one"))
        );
        let all = format!("{words:?}");
        for engine in ["isolate", "..", "score", "Breaks"] {
            assert!(!all.contains(engine), "{engine} in {all}");
        }
        // Ana and Cai together: the reporting line is named.
        let words = describe(&model(), &[0, 1, 0, 1], &names, &[]);
        assert_eq!(
            words[0].broken,
            ["Ana and Cai would be in one set, and one manages the other"]
        );
        assert!(
            !words[0]
                .facts
                .contains(&"No one with their manager".to_string())
        );
        let words = describe(&model(), &[0, 0, 0, 1], &names, &[]);
        assert!(
            words[0]
                .broken
                .contains(&"Set 1 would have 3 people, more than the 2 a set may have".to_string())
        );
        assert!(
            words[1]
                .broken
                .contains(&"Set 2 would have 1 person, fewer than the 2 a set needs".to_string())
        );
    }
}
