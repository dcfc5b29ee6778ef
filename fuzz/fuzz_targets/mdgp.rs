//! `parse_mdgp` (`revans sets mdgp INSTANCE`): an MDGPLIB instance file. An accepted instance
//! has a full symmetric distance matrix of finite numbers with a zero diagonal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revans_sets::parse_mdgp;

fuzz_target!(|text: &str| {
    let Ok(inst) = parse_mdgp(text) else {
        return;
    };
    let n = inst.n;
    assert_eq!(inst.d.len(), n * n);
    for i in 0..n {
        assert_eq!(inst.d[i * n + i], 0.0);
        for j in 0..n {
            assert!(inst.d[i * n + j].is_finite());
            assert_eq!(inst.d[i * n + j].to_bits(), inst.d[j * n + i].to_bits());
        }
    }
});
