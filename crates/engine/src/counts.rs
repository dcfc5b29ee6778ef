//! The count rules (at most k per value, at least k of a value, don't isolate), grouped per
//! attribute and encoded per unit, with the impossibility checks that can be made up front.

use std::collections::HashMap;

use crate::ModelError;
use crate::compile::rule_name;
use crate::model::{AttrValues, Model, Rule};
use crate::problem::Counted;

/// Counted attributes and, for each, the model attribute and its value names by code.
pub(crate) type CountRules = (Vec<Counted>, Vec<(usize, Vec<String>)>);

pub(crate) fn count_rules(
    model: &Model,
    unit_of: &[usize],
    nu: usize,
) -> Result<CountRules, ModelError> {
    let m = model.sets.len();
    let mut counted: Vec<Counted> = Vec::new();
    let mut counted_attr: Vec<(usize, Vec<String>)> = Vec::new();
    let mut slot_of: HashMap<usize, usize> = HashMap::new();
    for rule in &model.rules {
        let (attr, label) = match rule {
            Rule::MaxPer { attr, .. }
            | Rule::MinPer { attr, .. }
            | Rule::DontIsolate { attr, .. } => (*attr, rule_name(model, rule)),
            _ => continue,
        };
        let values = categorical(model, attr, &label)?;
        let slot = *slot_of.entry(attr).or_insert_with(|| {
            let (codes, names) = encode(values);
            let mut contrib = vec![Vec::<(u32, u32)>::new(); nu];
            for (p, &c) in codes.iter().enumerate() {
                if c == 0 {
                    continue;
                }
                let list = &mut contrib[unit_of[p]];
                match list.iter_mut().find(|x| x.0 == c - 1) {
                    Some(x) => x.1 += 1,
                    None => list.push((c - 1, 1)),
                }
            }
            counted.push(Counted {
                nvals: names.len(),
                contrib,
                max: None,
                min: vec![0; names.len()],
                isolate: 0.0,
            });
            counted_attr.push((attr, names));
            counted.len() - 1
        });
        let c = &mut counted[slot];
        let names = &counted_attr[slot].1;
        let attr_name = model.attributes[attr].name.clone();
        let count_of = |code: usize| {
            values
                .iter()
                .filter(|v| v.as_deref().map(str::trim) == Some(names[code].as_str()))
                .count()
        };
        match rule {
            Rule::MaxPer { k, .. } => {
                c.max = Some(c.max.map_or(*k as u32, |x| x.min(*k as u32)));
                for (code, name) in names.iter().enumerate() {
                    let count = count_of(code);
                    if count > k * m {
                        return Err(ModelError::MaxPerImpossible {
                            attr: attr_name,
                            value: name.clone(),
                            k: *k,
                            sets: m,
                            count,
                        });
                    }
                }
                let smallest = model.sets.iter().map(|b| b.min).min().unwrap_or(0);
                let blanks = values
                    .iter()
                    .filter(|v| v.as_deref().is_none_or(|s| s.trim().is_empty()))
                    .count();
                if blanks == 0 && names.len() * k < smallest {
                    return Err(ModelError::Infeasible {
                        reason: format!(
                            "with at most {k} per set, the {} values of '{attr_name}' fill only {} places, but every set needs at least {smallest} people",
                            names.len(),
                            names.len() * k
                        ),
                    });
                }
            }
            Rule::MinPer { value, k, .. } => {
                let code = names.iter().position(|x| x == value.trim());
                let available = code.map_or(0, count_of);
                if available < k * m {
                    return Err(ModelError::MinPerImpossible {
                        attr: attr_name,
                        value: value.clone(),
                        k: *k,
                        sets: m,
                        available,
                    });
                }
                if let Some(code) = code {
                    c.min[code] = c.min[code].max(*k as u32);
                }
                let needed: u32 = c.min.iter().sum();
                let smallest_max = model.sets.iter().map(|b| b.max).min().unwrap_or(0);
                if needed as usize > smallest_max {
                    return Err(ModelError::MinPerTooMany {
                        needed: needed as usize,
                        largest: smallest_max,
                    });
                }
            }
            Rule::DontIsolate { weight, .. } => c.isolate += weight,
            _ => {}
        }
    }

    Ok((counted, counted_attr))
}

pub(crate) fn categorical<'a>(
    model: &'a Model,
    attr: usize,
    rule: &str,
) -> Result<&'a [Option<String>], ModelError> {
    let a = model
        .attributes
        .get(attr)
        .ok_or_else(|| ModelError::BadAttribute {
            rule: rule.to_string(),
            reason: format!("there is no attribute number {attr}"),
        })?;
    match &a.values {
        AttrValues::Categorical(v) if v.len() == model.ids.len() => Ok(v),
        AttrValues::Categorical(_) => Err(ModelError::BadAttribute {
            rule: rule.to_string(),
            reason: format!("column '{}' does not have one value per person", a.name),
        }),
        AttrValues::Numeric(_) => Err(ModelError::BadAttribute {
            rule: rule.to_string(),
            reason: format!(
                "column '{}' holds numbers; this rule needs categories",
                a.name
            ),
        }),
    }
}

/// Codes per person (0 = blank) and the value names by code - 1.
pub(crate) fn encode(values: &[Option<String>]) -> (Vec<u32>, Vec<String>) {
    let mut map: HashMap<&str, u32> = HashMap::new();
    let mut names = Vec::new();
    let codes = values
        .iter()
        .map(
            |v| match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => 0,
                Some(s) => *map.entry(s).or_insert_with(|| {
                    names.push(s.to_string());
                    names.len() as u32
                }),
            },
        )
        .collect();
    (codes, names)
}
