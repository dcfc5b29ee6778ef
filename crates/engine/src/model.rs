//! The formation model as a caller describes it: people, attributes, sets and rules.

use crate::ModelError;

#[derive(Debug, Clone, PartialEq)]
pub enum AttrValues {
    /// One value per person; None when blank.
    Categorical(Vec<Option<String>>),
    Numeric(Vec<Option<f64>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub values: AttrValues,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetBounds {
    pub min: usize,
    pub max: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Reward differences on the attribute inside a set (mismatch, or scaled numeric gap).
    Diverse { attr: usize, weight: f64 },
    /// Penalise differences on the attribute inside a set (similar time zones).
    Similar { attr: usize, weight: f64 },
    /// Hard: at most k people with the same value in one set.
    MaxPer { attr: usize, k: usize },
    /// Hard: at least k people with this value in every set.
    MinPer {
        attr: usize,
        value: String,
        k: usize,
    },
    /// Soft: a value present in a set should appear at least twice; `weight` per lone person.
    DontIsolate { attr: usize, weight: f64 },
}

/// Two people who may never share a set, and why (shown in messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Never {
    pub a: usize,
    pub b: usize,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    pub ids: Vec<String>,
    pub attributes: Vec<Attribute>,
    pub sets: Vec<SetBounds>,
    /// Groups of people who stay together; anyone not listed is a unit of one.
    pub units: Vec<Vec<usize>>,
    pub never: Vec<Never>,
    /// Direct manager of each person (empty, or one entry per person); the whole chain above
    /// and below a person is kept out of their set.
    pub managers: Vec<Option<usize>>,
    pub rules: Vec<Rule>,
    /// (person, set): the person must be in that set.
    pub pins: Vec<(usize, usize)>,
    /// Pairs who shared a set before (a pair listed twice met twice).
    pub history: Vec<(usize, usize)>,
    /// Penalty per earlier meeting of a pair now in the same set.
    pub history_weight: f64,
}

impl Model {
    pub fn new(ids: Vec<String>) -> Model {
        Model {
            ids,
            history_weight: 1.0,
            ..Model::default()
        }
    }

    pub fn attribute(&self, name: &str) -> Option<usize> {
        self.attributes.iter().position(|a| a.name == name)
    }

    /// `m` sets as equal as possible.
    pub fn sets_by_count(people: usize, m: usize) -> Result<Vec<SetBounds>, ModelError> {
        if m == 0 {
            return Err(ModelError::NoSets);
        }
        if m > people {
            return Err(ModelError::MoreSetsThanPeople { sets: m, people });
        }
        let lo = people / m;
        let hi = people.div_ceil(m);
        Ok(vec![SetBounds { min: lo, max: hi }; m])
    }

    /// The fewest sets of `min..=max` people that hold everyone, as equal in size as possible.
    pub fn sets_by_size(
        people: usize,
        min: usize,
        max: usize,
    ) -> Result<Vec<SetBounds>, ModelError> {
        if min > max || max == 0 {
            return Err(ModelError::BadBounds { set: 1, min, max });
        }
        let m = people.div_ceil(max).max(1);
        if m * min > people {
            return Err(ModelError::SizeRangeCannotHold { people, min, max });
        }
        let (lo, hi) = (people / m, people.div_ceil(m));
        Ok(vec![
            SetBounds {
                min: lo.max(min),
                max: hi.min(max)
            };
            m
        ])
    }
}
