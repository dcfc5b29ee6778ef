//! The money and hours typed on a programme: a fee in pounds, CPD hours. Accepted values are
//! in range and the stored number, written back out, parses to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revans_domain::{parse_cpd_minutes, parse_fee_pence};

fuzz_target!(|raw: &str| {
    if let Ok(pence) = parse_fee_pence(raw) {
        assert!(
            (0..=100_000 * 100 + 99).contains(&pence),
            "{raw:?} gave {pence} pence"
        );
        let shown = format!("{}.{:02}", pence / 100, pence % 100);
        assert_eq!(parse_fee_pence(&shown), Ok(pence), "{shown}");
    }
    if let Ok(minutes) = parse_cpd_minutes(raw) {
        assert!((0..=1000 * 60).contains(&minutes), "{raw:?} gave {minutes}");
        let shown = (minutes as f64 / 60.0).to_string();
        assert_eq!(parse_cpd_minutes(&shown), Ok(minutes), "{shown}");
    }
});
