//! Small builders for test models.

use revans_engine::{AttrValues, Attribute, Budget, Model, SolveOptions};

pub fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("p{i}")).collect()
}

pub fn cat(name: &str, values: &[&str]) -> Attribute {
    Attribute {
        name: name.into(),
        values: AttrValues::Categorical(values.iter().map(|v| Some(v.to_string())).collect()),
    }
}

pub fn cat_idx(name: &str, codes: &[usize]) -> Attribute {
    Attribute {
        name: name.into(),
        values: AttrValues::Categorical(codes.iter().map(|c| Some(format!("v{c}"))).collect()),
    }
}

pub fn num(name: &str, values: &[f64]) -> Attribute {
    Attribute {
        name: name.into(),
        values: AttrValues::Numeric(values.iter().map(|&v| Some(v)).collect()),
    }
}

/// A budget in rounds only: deterministic and quick in debug builds.
pub fn quick(seed: u64) -> SolveOptions {
    SolveOptions {
        seed,
        budget: Budget::rounds(3),
        ..SolveOptions::default()
    }
}

pub fn model(n: usize, m: usize) -> Model {
    let mut model = Model::new(ids(n));
    model.sets = Model::sets_by_count(n, m).expect("sets");
    model
}
