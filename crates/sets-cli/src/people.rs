//! Reading the people CSV and the side files (never, pin, history) into an engine [`Model`].
//! Every problem names the file, the row (as a spreadsheet shows it: header = row 1) and the
//! column or rule.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use revans_engine::{AttrValues, Attribute, Model, Never};

pub struct People {
    pub ids: Vec<String>,
    pub header: Vec<String>,
    /// Raw values per column (header order), trimmed.
    pub columns: Vec<Vec<String>>,
    pub index: HashMap<String, usize>,
}

fn label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}

fn read_csv(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_csv(&label(path), &bytes)
}

/// The header and rows of a CSV file called `name` (for messages), every cell trimmed; rows
/// must have as many cells as the header.
fn parse_csv(name: &str, bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header: Vec<String> = rdr
        .headers()
        .with_context(|| format!("{name}: cannot read the header row"))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{name} row {}: malformed CSV row", i + 2))?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok((header, rows))
}

impl People {
    pub fn read(path: &Path) -> Result<People> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        People::parse(&label(path), &bytes)
    }

    /// The people CSV's contents, from a file called `name` (for messages): an `id` column,
    /// unique non-blank ids, at least one person.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<People> {
        let (header, rows) = parse_csv(name, bytes)?;
        let Some(id_col) = header.iter().position(|h| h == "id") else {
            bail!(
                "{name}: there is no `id` column (columns: {})",
                header.join(", ")
            );
        };
        if let Some(dup) = header
            .iter()
            .enumerate()
            .find(|(i, h)| header[..*i].contains(h))
        {
            bail!("{name}: the column `{}` appears twice in the header", dup.1);
        }
        let mut index = HashMap::new();
        let mut ids = Vec::with_capacity(rows.len());
        let mut columns = vec![Vec::with_capacity(rows.len()); header.len()];
        for (i, row) in rows.iter().enumerate() {
            let id = row[id_col].clone();
            if id.is_empty() {
                bail!("{name} row {}: the `id` is empty", i + 2);
            }
            if let Some(first) = index.insert(id.clone(), ids.len()) {
                bail!(
                    "{name} row {}: the id '{id}' is already used on row {}",
                    i + 2,
                    first + 2
                );
            }
            ids.push(id);
            for (c, v) in row.iter().enumerate() {
                columns[c].push(v.clone());
            }
        }
        if ids.is_empty() {
            bail!("{name}: there are no people in the file");
        }
        Ok(People {
            ids,
            header,
            columns,
            index,
        })
    }

    pub fn column(&self, col: &str, flag: &str) -> Result<usize> {
        match self.header.iter().position(|h| h == col) {
            Some(c) => Ok(c),
            None => bail!(
                "{flag} names the unknown column '{col}' (columns: {})",
                self.header.join(", ")
            ),
        }
    }

    pub fn categorical(&self, c: usize) -> Attribute {
        let values = self.columns[c]
            .iter()
            .map(|v| (!v.is_empty()).then(|| v.clone()))
            .collect();
        Attribute {
            name: self.header[c].clone(),
            values: AttrValues::Categorical(values),
        }
    }

    /// Numeric when every non-blank value is a number, else categorical.
    pub fn auto(&self, c: usize) -> Attribute {
        let vals = &self.columns[c];
        let nums: Option<Vec<Option<f64>>> = vals
            .iter()
            .map(|v| {
                if v.is_empty() {
                    Some(None)
                } else {
                    v.parse::<f64>().ok().filter(|x| x.is_finite()).map(Some)
                }
            })
            .collect();
        match nums {
            Some(n) if n.iter().any(Option::is_some) => Attribute {
                name: self.header[c].clone(),
                values: AttrValues::Numeric(n),
            },
            _ => self.categorical(c),
        }
    }

    /// Units: people with the same non-blank value in `col` stay together.
    pub fn units(&self, c: usize) -> Vec<Vec<usize>> {
        let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
        for (p, v) in self.columns[c].iter().enumerate() {
            if !v.is_empty() {
                groups.entry(v.as_str()).or_default().push(p);
            }
        }
        let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
        out.sort();
        out
    }

    pub fn managers(&self, c: usize, file: &Path) -> Result<Vec<Option<usize>>> {
        let col = &self.header[c];
        self.columns[c]
            .iter()
            .enumerate()
            .map(|(row, v)| {
                if v.is_empty() {
                    return Ok(None);
                }
                match self.index.get(v) {
                    Some(&m) => Ok(Some(m)),
                    None => bail!(
                        "{} row {}: the manager '{v}' in column '{col}' is not an id in the file",
                        label(file),
                        row + 2
                    ),
                }
            })
            .collect()
    }

    fn lookup(&self, id: &str, file: &Path, row: usize) -> Result<usize> {
        match self.index.get(id) {
            Some(&p) => Ok(p),
            None => bail!("{} row {row}: unknown id '{id}'", label(file)),
        }
    }

    /// `a,b` pairs (the first two columns) who may never share a set.
    pub fn never(&self, path: &Path) -> Result<Vec<Never>> {
        let (header, rows) = read_csv(path)?;
        if header.len() < 2 {
            bail!("{}: needs two columns of ids (e.g. `a,b`)", label(path));
        }
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                let a = self.lookup(&r[0], path, i + 2)?;
                let b = self.lookup(&r[1], path, i + 2)?;
                if a == b {
                    bail!(
                        "{} row {}: '{}' is paired with themselves",
                        label(path),
                        i + 2,
                        r[0]
                    );
                }
                Ok(Never {
                    a,
                    b,
                    reason: format!("listed in {}", label(path)),
                })
            })
            .collect()
    }

    /// `id,set` rows: person must be in set (1-based).
    pub fn pins(&self, path: &Path) -> Result<Vec<(usize, usize)>> {
        let (header, rows) = read_csv(path)?;
        let (Some(ci), Some(cs)) = (
            header.iter().position(|h| h == "id"),
            header.iter().position(|h| h == "set"),
        ) else {
            bail!("{}: needs the columns `id` and `set`", label(path));
        };
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                let p = self.lookup(&r[ci], path, i + 2)?;
                let s: usize = r[cs].parse().ok().filter(|&s| s >= 1).with_context(|| {
                    format!(
                        "{} row {}: set '{}' is not a set number (1, 2, ...)",
                        label(path),
                        i + 2,
                        r[cs]
                    )
                })?;
                Ok((p, s - 1))
            })
            .collect()
    }

    /// The current formation for a repair: `set,id` rows (sets from 1); people not listed are
    /// newcomers, listed ids no longer in the people file have left.
    pub fn previous(&self, path: &Path, sets: usize) -> Result<Vec<Option<usize>>> {
        let (header, rows) = read_csv(path)?;
        let (Some(ci), Some(cs)) = (
            header.iter().position(|h| h == "id"),
            header.iter().position(|h| h == "set"),
        ) else {
            bail!("{}: needs the columns `set` and `id`", label(path));
        };
        let mut out = vec![None; self.ids.len()];
        for (i, r) in rows.iter().enumerate() {
            let s: usize = r[cs]
                .parse()
                .ok()
                .filter(|&s| s >= 1 && s <= sets)
                .with_context(|| {
                    format!(
                        "{} row {}: set '{}' is not a set number from 1 to {sets}",
                        label(path),
                        i + 2,
                        r[cs]
                    )
                })?;
            if let Some(&p) = self.index.get(&r[ci]) {
                out[p] = Some(s - 1);
            }
        }
        Ok(out)
    }

    /// Earlier formations, `set,id` rows (an optional `cycle` column separates rounds): every
    /// pair that shared a set is returned once per meeting. Ids no longer present are skipped.
    pub fn history(&self, path: &Path) -> Result<Vec<(usize, usize)>> {
        let (header, rows) = read_csv(path)?;
        let (Some(ci), Some(cs)) = (
            header.iter().position(|h| h == "id"),
            header.iter().position(|h| h == "set"),
        ) else {
            bail!(
                "{}: needs the columns `set` and `id` (the output of an earlier run)",
                label(path)
            );
        };
        let cc = header.iter().position(|h| h == "cycle");
        let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for r in &rows {
            if let Some(&p) = self.index.get(&r[ci]) {
                let cycle = cc.map_or(String::new(), |c| r[c].clone());
                groups.entry((cycle, r[cs].clone())).or_default().push(p);
            }
        }
        let mut keys: Vec<_> = groups.keys().cloned().collect();
        keys.sort();
        let mut pairs = Vec::new();
        for k in keys {
            let g = &groups[&k];
            for (i, &a) in g.iter().enumerate() {
                for &b in &g[i + 1..] {
                    pairs.push((a, b));
                }
            }
        }
        Ok(pairs)
    }
}

/// Builds the attribute list on demand, one per (column, kind).
pub struct Attributes {
    pub list: Vec<Attribute>,
    seen: HashMap<(usize, bool), usize>,
}

impl Attributes {
    pub fn new() -> Self {
        Attributes {
            list: Vec::new(),
            seen: HashMap::new(),
        }
    }

    pub fn get(&mut self, people: &People, c: usize, categorical: bool) -> usize {
        *self.seen.entry((c, categorical)).or_insert_with(|| {
            self.list.push(if categorical {
                people.categorical(c)
            } else {
                people.auto(c)
            });
            self.list.len() - 1
        })
    }
}

pub fn model_from(people: &People) -> Model {
    Model::new(people.ids.clone())
}
