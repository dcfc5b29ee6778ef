//! Reading `HOSTS.csv` (`host,min,max`) and `PREFS.csv` (`person,host,rank`) into a visit
//! problem. Every problem in the files is collected with its file and row (the header is row
//! 1), so one run lists them all.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use revans_events::visits::{Host, VisitError, VisitProblem};

/// Listing more than this many row errors helps nobody; the count of the rest is given.
const MAX_REPORTED: usize = 20;

/// A validated event with its names, people in the order they first appear.
pub struct Event {
    pub problem: VisitProblem,
    pub hosts: Vec<String>,
    pub people: Vec<String>,
}

pub fn read(hosts_path: &Path, prefs_path: &Path, slots: usize) -> Result<Event, Vec<String>> {
    let mut errors = Vec::new();
    let hosts_name = hosts_path.display().to_string();
    let prefs_name = prefs_path.display().to_string();
    let host_rows = rows(hosts_path, &["host", "min", "max"]).map_err(|e| vec![e])?;
    let pref_rows = rows(prefs_path, &["person", "host", "rank"]).map_err(|e| vec![e])?;

    let mut hosts = Vec::new();
    let mut names = Vec::new();
    let mut host_index: HashMap<String, (usize, usize)> = HashMap::new();
    for (row, fields) in &host_rows {
        let at = format!("{hosts_name} row {row}");
        let name = fields[0].clone();
        if name.is_empty() {
            errors.push(format!("{at}: the host has no name"));
            continue;
        }
        let min = number(&at, "min", &fields[1], &mut errors);
        let max = number(&at, "max", &fields[2], &mut errors);
        if let Some(&(_, first)) = host_index.get(&name) {
            errors.push(format!(
                "{at}: host `{name}` is listed again (first at row {first})"
            ));
            continue;
        }
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                errors.push(format!(
                    "{at}: host `{name}` has min {min} above its max {max}"
                ));
            }
            host_index.insert(name.clone(), (hosts.len(), *row));
            hosts.push(Host { min, max });
            names.push(name);
        }
    }
    if host_rows.is_empty() {
        errors.push(format!("{hosts_name} lists no hosts"));
    }

    // person -> rank -> (host, row)
    let mut ranked: Vec<BTreeMap<u32, (usize, usize)>> = Vec::new();
    let mut people: Vec<String> = Vec::new();
    let mut person_index: HashMap<String, (usize, usize)> = HashMap::new();
    for (row, fields) in &pref_rows {
        let at = format!("{prefs_name} row {row}");
        let (person, host) = (&fields[0], &fields[1]);
        if person.is_empty() {
            errors.push(format!("{at}: the person is empty"));
            continue;
        }
        let Some(rank) = number(&at, "rank", &fields[2], &mut errors) else {
            continue;
        };
        if rank == 0 {
            errors.push(format!("{at}: rank must be 1 or more (1 = most wanted)"));
            continue;
        }
        let Some(&(h, _)) = host_index.get(host.as_str()) else {
            errors.push(format!(
                "{at}: `{person}` ranks host `{host}`, which is not in {hosts_name}"
            ));
            continue;
        };
        let (p, _) = *person_index.entry(person.clone()).or_insert_with(|| {
            people.push(person.clone());
            ranked.push(BTreeMap::new());
            (people.len() - 1, *row)
        });
        if let Some((_, &(_, first))) = ranked[p].iter().find(|(_, (other, _))| *other == h) {
            errors.push(format!(
                "{at}: `{person}` ranks host `{host}` again (first at row {first})"
            ));
        } else if let Some(&(other, first)) = ranked[p].get(&rank) {
            errors.push(format!(
                "{at}: `{person}` gives rank {rank} twice (also to `{}` at row {first})",
                names[other]
            ));
        } else {
            ranked[p].insert(rank, (h, *row));
        }
    }
    if pref_rows.is_empty() {
        errors.push(format!("{prefs_name} has no preferences"));
    }
    for (p, ranks) in ranked.iter().enumerate() {
        let row = person_index[&people[p]].1;
        if let Some(gap) = (1..=ranks.len() as u32).find(|r| !ranks.contains_key(r)) {
            errors.push(format!(
                "{prefs_name} row {row}: `{}` has no rank {gap}; ranks run 1, 2, 3... without a gap",
                people[p]
            ));
        } else if ranks.len() < slots {
            errors.push(format!(
                "{prefs_name} row {row}: `{}` ranks {} host(s) but visits one in each of {slots} slots, so needs to rank at least {slots}",
                people[p],
                ranks.len()
            ));
        }
    }
    if !errors.is_empty() {
        return Err(capped(errors));
    }
    let rankings = ranked
        .iter()
        .map(|ranks| ranks.values().map(|&(h, _)| h).collect())
        .collect();
    VisitProblem::new(hosts, rankings, slots)
        .map(|problem| Event {
            problem,
            hosts: names,
            people,
        })
        .map_err(|e| vec![describe(&e)])
}

/// Problems the rows cannot show: the event as a whole.
fn describe(e: &VisitError) -> String {
    match e {
        VisitError::TooFewPlaces { people, places } => format!(
            "too few places: {people} people visit in every slot but the hosts' max add up to {places} per slot"
        ),
        VisitError::NoSlots => "--slots must be 1 or more".into(),
        other => other.to_string(),
    }
}

fn capped(mut errors: Vec<String>) -> Vec<String> {
    if errors.len() > MAX_REPORTED {
        let rest = errors.len() - MAX_REPORTED;
        errors.truncate(MAX_REPORTED);
        errors.push(format!("... and {rest} more problem(s)"));
    }
    errors
}

fn number(at: &str, column: &str, text: &str, errors: &mut Vec<String>) -> Option<u32> {
    match text.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(format!("{at}: {column} `{text}` is not a whole number"));
            None
        }
    }
}

/// The data rows (with their 1-based line numbers, header = 1) after checking the header is
/// exactly `columns`; fields are trimmed.
fn rows(path: &Path, columns: &[&str]) -> Result<Vec<(usize, Vec<String>)>, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{name}: cannot read the header: {e}"))?
        .iter()
        .map(str::to_owned)
        .collect();
    if header != columns {
        return Err(format!(
            "{name}: the header must be `{}`, not `{}`",
            columns.join(","),
            header.join(",")
        ));
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{name}: {e}"))?;
        let row = record.position().map_or(0, |p| p.line() as usize);
        out.push((row, record.iter().map(str::to_owned).collect()));
    }
    Ok(out)
}
