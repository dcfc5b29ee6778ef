//! `revans sets generate --count N --out people.csv`: a realistic synthetic cohort for timing
//! runs: organisations with an org chart (manager column), roles by depth, professions,
//! locations, time zones, and manager + clinician project pairs (units) who are not in each
//! other's reporting line. Deterministic for a seed.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::output::write_atomic;

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    #[arg(long, default_value_t = 5000)]
    pub count: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long)]
    pub out: PathBuf,
}

struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

const ORGS: usize = 12;
const PROFESSIONS: [&str; 8] = [
    "Nursing",
    "Medicine",
    "Allied Health",
    "Social Work",
    "Finance",
    "HR",
    "Estates",
    "Digital",
];
const PLACES: [&str; 10] = [
    "Leeds",
    "York",
    "Hull",
    "Bradford",
    "Wakefield",
    "Harrogate",
    "Halifax",
    "Sheffield",
    "Doncaster",
    "Scarborough",
];
const ZONES: [f64; 6] = [0.0, 0.0, 0.0, 1.0, 1.0, -5.0];

pub fn people_csv(count: usize, seed: u64) -> String {
    let mut rng = SplitMix(seed);
    let mut manager: Vec<Option<usize>> = Vec::with_capacity(count);
    let mut depth = Vec::with_capacity(count);
    let mut org_of = Vec::with_capacity(count);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ORGS];
    for p in 0..count {
        let o = p % ORGS;
        let k = members[o].len();
        // Managers come from the first fifth of the organisation: a chart 4-6 levels deep.
        let mgr = (k > 0).then(|| members[o][rng.below((k / 5).max(1))]);
        depth.push(mgr.map_or(0, |m: usize| depth[m] + 1));
        manager.push(mgr);
        org_of.push(o);
        members[o].push(p);
    }
    let chain = |mut p: usize| {
        let mut up = vec![p];
        while let Some(m) = manager[p] {
            up.push(m);
            p = m;
        }
        up
    };
    // About 5% of people come as a pair from one project, never in one reporting line.
    let mut project = vec![String::new(); count];
    let mut pairs = 0;
    let mut tries = 0;
    while pairs < count / 40 && tries < count * 10 {
        tries += 1;
        let o = rng.below(ORGS);
        if members[o].len() < 2 {
            continue;
        }
        let a = members[o][rng.below(members[o].len())];
        let b = members[o][rng.below(members[o].len())];
        if a == b
            || !project[a].is_empty()
            || !project[b].is_empty()
            || chain(a).contains(&b)
            || chain(b).contains(&a)
        {
            continue;
        }
        pairs += 1;
        project[a] = format!("P{pairs}");
        project[b] = format!("P{pairs}");
    }
    let mut out = String::from("id,organisation,profession,role,location,tz,project,manager\n");
    for p in 0..count {
        let role = match depth[p] {
            0 | 1 => "Director",
            2 => "Senior Manager",
            3 => "Manager",
            _ => "Practitioner",
        };
        out.push_str(&format!(
            "E{:05},Trust {},{},{},{},{},{},{}\n",
            p + 1,
            (b'A' + org_of[p] as u8) as char,
            PROFESSIONS[rng.below(PROFESSIONS.len())],
            role,
            PLACES[rng.below(PLACES.len())],
            ZONES[rng.below(ZONES.len())],
            project[p],
            manager[p].map_or(String::new(), |m| format!("E{:05}", m + 1)),
        ));
    }
    out
}

pub fn run(args: GenerateArgs) -> Result<()> {
    if args.count == 0 {
        bail!("--count must be at least 1");
    }
    write_atomic(&args.out, &people_csv(args.count, args.seed))?;
    println!("written: {} ({} people)", args.out.display(), args.count);
    Ok(())
}
