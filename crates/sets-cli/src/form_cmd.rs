//! `revans sets form --people FILE.csv (--sets M | --size A..B) [rules...] --out SETS.csv`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use revans_engine::{Budget, Model, Rule, SolveOptions, explain, form, repair};

use crate::output::write_atomic;
use crate::people::{Attributes, People, model_from};
use crate::progress::Reporter;
use crate::report::print_report;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("count").required(true).args(["sets", "size"])))]
pub struct FormArgs {
    /// People CSV with a header; `id` is required, other columns are attributes.
    #[arg(long)]
    pub people: PathBuf,
    /// Number of sets (sizes as equal as possible).
    #[arg(long)]
    pub sets: Option<usize>,
    /// Set size range, e.g. 5..8: the fewest sets that hold everyone, sizes as equal as possible.
    #[arg(long)]
    pub size: Option<String>,
    /// Reward different values of COL inside a set (numbers: larger gaps), weight 1 by default.
    #[arg(long, value_name = "COL[:WEIGHT]")]
    pub diverse: Vec<String>,
    /// Reward similar values of COL inside a set (e.g. time zone).
    #[arg(long, value_name = "COL[:WEIGHT]")]
    pub similar: Vec<String>,
    /// Hard: at most K people with the same value of COL in a set.
    #[arg(long, value_name = "COL=K")]
    pub max_per: Vec<String>,
    /// Hard: at least K people with COL = VALUE in every set.
    #[arg(long, value_name = "COL=VALUE:K")]
    pub min_per: Vec<String>,
    /// Soft: a value of COL present in a set should appear at least twice.
    #[arg(long, value_name = "COL[:WEIGHT]")]
    pub dont_isolate: Vec<String>,
    /// People with the same non-blank value in COL stay together.
    #[arg(long, value_name = "COL")]
    pub unit: Option<String>,
    /// COL holds each person's manager id; nobody shares a set with anyone in their chain.
    #[arg(long, value_name = "COL")]
    pub manager: Option<String>,
    /// CSV of id pairs (first two columns) who may never share a set.
    #[arg(long)]
    pub never: Option<PathBuf>,
    /// CSV `id,set`: person must be in that set (1-based).
    #[arg(long)]
    pub pin: Option<PathBuf>,
    /// Earlier formations as CSV `set,id` (optional `cycle`): pairs who met are kept apart.
    #[arg(long)]
    pub history: Option<PathBuf>,
    /// Penalty per earlier meeting of a pair placed together again.
    #[arg(long, default_value_t = 1.0)]
    pub history_weight: f64,
    /// Repair: the current formation as CSV `set,id`. People keep their sets where the rules
    /// allow; the fewest people move (newcomers are placed, leavers are simply absent).
    #[arg(long)]
    pub previous: Option<PathBuf>,
    #[arg(long, default_value_t = 2.0)]
    pub seconds: f64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output CSV `set,id` (sets numbered from 1).
    #[arg(long)]
    pub out: PathBuf,
}

/// "COL:2.5" -> ("COL", 2.5); a suffix that is not a number is part of the name.
fn col_weight(spec: &str) -> Result<(String, f64)> {
    if let Some((c, w)) = spec.rsplit_once(':')
        && let Ok(w) = w.trim().parse::<f64>()
    {
        if !w.is_finite() || w < 0.0 {
            bail!("weight '{w}' in '{spec}' must be a number of at least 0");
        }
        return Ok((c.trim().to_string(), w));
    }
    Ok((spec.trim().to_string(), 1.0))
}

fn parse_size(s: &str) -> Result<(usize, usize)> {
    let (a, b) = s
        .split_once("..")
        .with_context(|| format!("--size '{s}' must look like 5..8"))?;
    let a: usize = a
        .trim()
        .parse()
        .with_context(|| format!("--size '{s}': '{a}' is not a whole number"))?;
    let b: usize = b
        .trim()
        .parse()
        .with_context(|| format!("--size '{s}': '{b}' is not a whole number"))?;
    if a == 0 || a > b {
        bail!("--size '{s}': the range must be 1 or more and its start at most its end");
    }
    Ok((a, b))
}

pub fn build_model(args: &FormArgs) -> Result<(People, Model)> {
    let people = People::read(&args.people)?;
    let n = people.ids.len();
    let mut model = model_from(&people);
    model.sets = match (args.sets, &args.size) {
        (Some(m), _) => Model::sets_by_count(n, m)?,
        (None, Some(s)) => {
            let (a, b) = parse_size(s)?;
            Model::sets_by_size(n, a, b)?
        }
        (None, None) => bail!("give --sets M or --size A..B"),
    };
    let mut attrs = Attributes::new();
    for spec in &args.diverse {
        let (col, weight) = col_weight(spec)?;
        let c = people.column(&col, "--diverse")?;
        model.rules.push(Rule::Diverse {
            attr: attrs.get(&people, c, false),
            weight,
        });
    }
    for spec in &args.similar {
        let (col, weight) = col_weight(spec)?;
        let c = people.column(&col, "--similar")?;
        model.rules.push(Rule::Similar {
            attr: attrs.get(&people, c, false),
            weight,
        });
    }
    for spec in &args.max_per {
        let (col, k) = spec
            .split_once('=')
            .with_context(|| format!("--max-per '{spec}' must look like COL=K"))?;
        let k: usize = k
            .trim()
            .parse()
            .with_context(|| format!("--max-per '{spec}': '{k}' is not a whole number"))?;
        if k == 0 {
            bail!("--max-per '{spec}': K must be at least 1");
        }
        let c = people.column(col.trim(), "--max-per")?;
        model.rules.push(Rule::MaxPer {
            attr: attrs.get(&people, c, true),
            k,
        });
    }
    for spec in &args.min_per {
        let bad = || format!("--min-per '{spec}' must look like COL=VALUE:K");
        let (col, rest) = spec.split_once('=').with_context(bad)?;
        let (value, k) = rest.rsplit_once(':').with_context(bad)?;
        let k: usize = k
            .trim()
            .parse()
            .with_context(|| format!("--min-per '{spec}': '{k}' is not a whole number"))?;
        let c = people.column(col.trim(), "--min-per")?;
        model.rules.push(Rule::MinPer {
            attr: attrs.get(&people, c, true),
            value: value.trim().to_string(),
            k,
        });
    }
    for spec in &args.dont_isolate {
        let (col, weight) = col_weight(spec)?;
        let c = people.column(&col, "--dont-isolate")?;
        model.rules.push(Rule::DontIsolate {
            attr: attrs.get(&people, c, true),
            weight,
        });
    }
    model.attributes = attrs.list;
    if let Some(col) = &args.unit {
        model.units = people.units(people.column(col, "--unit")?);
    }
    if let Some(col) = &args.manager {
        model.managers = people.managers(people.column(col, "--manager")?, &args.people)?;
    }
    if let Some(path) = &args.never {
        model.never = people.never(path)?;
    }
    if let Some(path) = &args.pin {
        model.pins = people.pins(path)?;
    }
    if let Some(path) = &args.history {
        model.history = people.history(path)?;
        model.history_weight = args.history_weight;
    }
    Ok((people, model))
}

pub fn run(args: FormArgs) -> Result<()> {
    let (people, model) = build_model(&args)?;
    let begun = Instant::now();
    let opts = SolveOptions {
        seed: args.seed,
        budget: Budget::seconds(args.seconds),
        ..SolveOptions::default()
    };
    let previous = match &args.previous {
        Some(path) => Some(people.previous(path, model.sets.len())?),
        None => None,
    };
    let mut rep = Reporter::new(args.seconds, false);
    let result = match &previous {
        Some(prev) => repair(&model, prev, &opts, &mut rep).map(|r| (r.formation, Some(r.moves))),
        None => form(&model, &opts, &mut rep).map(|f| (f, None)),
    };
    rep.finish();
    let (formation, moves) = result?;
    let elapsed = begun.elapsed();
    let problems = revans_engine::violations(&model, &formation.set_of);
    if !problems.is_empty() {
        bail!(
            "internal error: the formation breaks a hard rule: {}",
            problems.join("; ")
        );
    }
    let mut csv = String::from("set,id\n");
    let mut order: Vec<usize> = (0..people.ids.len()).collect();
    order.sort_by_key(|&p| (formation.set_of[p], p));
    for p in order {
        let id = &people.ids[p];
        let quoted = if id.contains([',', '"', '\n']) {
            format!("\"{}\"", id.replace('"', "\"\""))
        } else {
            id.clone()
        };
        csv.push_str(&format!("{},{}\n", formation.set_of[p] + 1, quoted));
    }
    write_atomic(&args.out, &csv)?;
    let explanation = explain(&model, &formation.set_of);
    print_report(&model, &formation, &explanation, elapsed);
    if let Some(moves) = moves {
        let moved = moves.iter().filter(|m| m.from.is_some()).count();
        println!();
        println!(
            "Repair: {moved} people move, {} newcomers placed",
            moves.len() - moved
        );
        for m in &moves {
            match m.from {
                Some(f) => println!(
                    "  {} moves from set {} to set {}",
                    people.ids[m.person],
                    f + 1,
                    m.to + 1
                ),
                None => println!("  {} joins set {}", people.ids[m.person], m.to + 1),
            }
        }
    }
    println!("written: {}", args.out.display());
    Ok(())
}
