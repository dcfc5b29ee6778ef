//! `People::parse` (`revans sets form --people FILE`): the people CSV. An accepted file has
//! one unique, non-blank id per row, a column of values per header cell for every person, and
//! every column reads as attributes, units and managers without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revans_sets::People;

fuzz_target!(|bytes: &[u8]| {
    let Ok(people) = People::parse("people.csv", bytes) else {
        return;
    };
    assert!(!people.ids.is_empty());
    assert_eq!(people.index.len(), people.ids.len(), "ids are unique");
    assert!(people.ids.iter().all(|id| !id.is_empty()));
    assert_eq!(people.columns.len(), people.header.len());
    for c in 0..people.header.len() {
        assert_eq!(people.columns[c].len(), people.ids.len());
        let _ = people.auto(c);
        let _ = people.categorical(c);
        for unit in people.units(c) {
            assert!(unit.len() > 1 && unit.iter().all(|&p| p < people.ids.len()));
        }
        if let Ok(managers) = people.managers(c, std::path::Path::new("people.csv")) {
            assert!(managers.iter().flatten().all(|&m| m < people.ids.len()));
        }
    }
});
