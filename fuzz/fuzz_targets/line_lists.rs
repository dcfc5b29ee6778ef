//! The one-item-per-line inputs: eligibility and outcome lists (`line_list`), a tenant's theme
//! vocabulary and the programme's questions. An accepted list holds trimmed, non-blank lines
//! and reads back to itself from its own lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revans_domain::{Question, ThemeVocabulary, check_question_line, line_list};

fuzz_target!(|input: (&str, Vec<String>)| {
    let (raw, choices) = input;
    if let Ok(items) = line_list(raw, "eligibility", "eligibility", 50) {
        assert!(items.len() <= 50);
        for i in &items {
            assert!(!i.is_empty() && i.trim() == i && !i.contains('\n'));
        }
        assert_eq!(
            line_list(&items.join("\n"), "eligibility", "eligibility", 50),
            Ok(items)
        );
    }

    if let Ok(v) = ThemeVocabulary::parse(raw) {
        let themes = v.themes();
        let mut lower: Vec<String> = themes.iter().map(|t| t.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(
            lower.len(),
            themes.len(),
            "no two themes differ only in case"
        );
        assert_eq!(ThemeVocabulary::parse(&themes.join("\n")).as_ref(), Ok(&v));
        assert_eq!(v.pick(themes).as_deref(), Ok(themes));
        if let Ok(picked) = v.pick(&choices) {
            assert!(picked.iter().all(|p| themes.contains(p)));
            assert!(picked.len() <= themes.len());
        }
    }

    for line in raw.lines() {
        let q = Question::from_line(line);
        if let Question::Choice { options, .. } = &q {
            assert!(options.len() >= 2);
            for o in options {
                assert!(!o.is_empty());
                assert!(q.check_answer(o).is_ok());
            }
        }
        assert!(q.check_answer("").is_ok());
        if check_question_line(line).is_ok() && line.contains('|') {
            assert!(matches!(q, Question::Choice { .. }));
        }
    }
});
