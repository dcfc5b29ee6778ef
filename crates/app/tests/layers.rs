//! The layering rules, checked: the app layer never depends on the web stack, and the web
//! layer's pages and API reach storage only through app.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every package `root` depends on, directly or not, read from Cargo.lock.
fn dependencies_of(root: &str) -> BTreeSet<String> {
    let lock = std::fs::read_to_string(workspace().join("Cargo.lock")).expect("Cargo.lock");
    let mut deps: HashMap<String, Vec<String>> = HashMap::new();
    for package in lock.split("[[package]]").skip(1) {
        let name = package
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .map(|n| n.trim_end_matches('"').to_owned())
            .expect("a package has a name");
        let listed = package
            .split_once("dependencies = [")
            .map(|(_, rest)| rest.split_once(']').map_or(rest, |(list, _)| list))
            .unwrap_or_default();
        let names = listed
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"'))
            // "name 1.2.3" when two versions are locked: the name is the first word.
            .map(|l| {
                l.trim_end_matches(['"', ','])
                    .split(' ')
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        deps.entry(name).or_default().extend::<Vec<String>>(names);
    }
    let mut seen = BTreeSet::new();
    let mut todo = vec![root.to_owned()];
    while let Some(next) = todo.pop() {
        for d in deps.get(&next).into_iter().flatten() {
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn the_app_layer_knows_no_http_and_no_html() {
    // The reading of the lock file finds the web stack where it is.
    assert!(dependencies_of("revans-web").is_superset(&BTreeSet::from([
        "axum".into(),
        "http".into(),
        "askama".into()
    ])));
    let deps = dependencies_of("revans-app");
    assert!(
        deps.contains("revans-storage"),
        "the lock file was read: {deps:?}"
    );
    for web_only in [
        "axum",
        "http",
        "hyper",
        "tower",
        "tower-http",
        "askama",
        "revans-web",
    ] {
        assert!(
            !deps.contains(web_only),
            "revans-app depends on {web_only}, which belongs to the web layer"
        );
    }
}

/// Files of crates/web/src that may name revans_storage: the composition root opens the store
/// and reads the database URL's kind.
const COMPOSITION_ROOT: [&str; 2] = ["startup.rs", "config.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn pages_and_the_api_reach_storage_only_through_app() {
    let src = workspace().join("crates/web/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "the web sources were found");
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            let name = f.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
            !COMPOSITION_ROOT.contains(&name.as_str())
        })
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.contains("revans_storage")
                || text.contains("store.conn()")
                || text.contains("store.begin()")
        })
        .map(|f| f.strip_prefix(&src).unwrap().display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "these web files reach storage directly; call a use case in crates/app: {offenders:?}"
    );
}
