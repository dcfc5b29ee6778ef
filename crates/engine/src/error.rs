//! Why a formation cannot be made, in sentences a programme lead understands.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    NoPeople,
    NoSets,
    MoreSetsThanPeople {
        sets: usize,
        people: usize,
    },
    DuplicateId {
        id: String,
    },
    BadBounds {
        set: usize,
        min: usize,
        max: usize,
    },
    SizesCannotHold {
        people: usize,
        min_total: usize,
        max_total: usize,
    },
    SizeRangeCannotHold {
        people: usize,
        min: usize,
        max: usize,
    },
    UnitTooLarge {
        unit: String,
        size: usize,
        largest: usize,
    },
    BadAttribute {
        rule: String,
        reason: String,
    },
    MinPerImpossible {
        attr: String,
        value: String,
        k: usize,
        sets: usize,
        available: usize,
    },
    MaxPerImpossible {
        attr: String,
        value: String,
        k: usize,
        sets: usize,
        count: usize,
    },
    MinPerTooMany {
        needed: usize,
        largest: usize,
    },
    ManagerCycle {
        chain: Vec<String>,
    },
    NeverInsideUnit {
        a: String,
        b: String,
        reason: String,
    },
    PinOutOfRange {
        person: String,
        set: usize,
        sets: usize,
    },
    PinSplitsUnit {
        a: String,
        b: String,
    },
    PinnedTogether {
        a: String,
        b: String,
        set: usize,
        reason: String,
    },
    BadPerson {
        index: usize,
    },
    Infeasible {
        reason: String,
    },
}

fn plural(k: usize, word: &str) -> String {
    if k == 1 {
        format!("1 {word}")
    } else {
        format!("{k} {word}s")
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ModelError::*;
        match self {
            NoPeople => write!(f, "There is nobody to place in sets."),
            NoSets => write!(f, "No sets were asked for."),
            MoreSetsThanPeople { sets, people } => write!(
                f,
                "{sets} sets were asked for, but there are only {people} people: some sets would be empty."
            ),
            DuplicateId { id } => write!(f, "The id '{id}' is used by more than one person."),
            BadBounds { set, min, max } => {
                write!(
                    f,
                    "Set {set} has a minimum size {min} above its maximum {max}."
                )
            }
            SizesCannotHold {
                people,
                min_total,
                max_total,
            } => write!(
                f,
                "The sets hold between {min_total} and {max_total} people in total, but there are {people} people."
            ),
            SizeRangeCannotHold { people, min, max } => write!(
                f,
                "No number of sets of {min} to {max} people holds exactly {people} people."
            ),
            UnitTooLarge {
                unit,
                size,
                largest,
            } => write!(
                f,
                "Unit '{unit}' has {size} people who must stay together, but the largest set holds {largest}."
            ),
            BadAttribute { rule, reason } => write!(f, "Rule {rule}: {reason}."),
            MinPerImpossible {
                attr,
                value,
                k,
                sets,
                available,
            } => write!(
                f,
                "{} need {} each, but there {} only {} (column '{attr}').",
                plural(*sets, "set"),
                if *k == 1 {
                    format!("a {value}")
                } else {
                    format!("{k} {value}s")
                },
                if *available == 1 { "is" } else { "are" },
                plural(*available, value)
            ),
            MaxPerImpossible {
                attr,
                value,
                k,
                sets,
                count,
            } => write!(
                f,
                "There are {count} people with {attr} '{value}', but at most {k} per set in {} places only {}.",
                plural(*sets, "set"),
                k * sets
            ),
            MinPerTooMany { needed, largest } => write!(
                f,
                "The at-least rules need {needed} people in every set, but the sets hold at most {largest}."
            ),
            ManagerCycle { chain } => {
                write!(
                    f,
                    "The management chain goes round in a circle: {}.",
                    chain.join(" reports to ")
                )
            }
            NeverInsideUnit { a, b, reason } => write!(
                f,
                "'{a}' and '{b}' must stay together in one unit, but may never share a set ({reason})."
            ),
            PinOutOfRange { person, set, sets } => write!(
                f,
                "'{person}' is pinned to set {set}, but there are only {}.",
                plural(*sets, "set")
            ),
            PinSplitsUnit { a, b } => write!(
                f,
                "'{a}' and '{b}' are in one unit but pinned to different sets."
            ),
            PinnedTogether { a, b, set, reason } => write!(
                f,
                "'{a}' and '{b}' are both pinned to set {set}, but may never share a set ({reason})."
            ),
            BadPerson { index } => write!(
                f,
                "A rule refers to person number {index}, who does not exist."
            ),
            Infeasible { reason } => write!(f, "No formation satisfies every hard rule: {reason}."),
        }
    }
}

impl std::error::Error for ModelError {}
