//! Repair moves as few people as necessary; self-selection names the rule; locks hold.

use revans_engine::{Model, NoProgress, Rule, form, may_join, reoptimise, repair, violations};

use crate::helpers::{cat_idx, ids, quick};

/// 16 people in 4 sets of 4, people i in set i % 4, diverse on a 4-valued attribute.
fn base(n: usize) -> (Model, Vec<usize>) {
    let mut m = Model::new(ids(n));
    m.sets = Model::sets_by_count(n, 4).expect("sets");
    let codes: Vec<usize> = (0..n).map(|i| (i * 7 / 3) % 4).collect();
    m.attributes.push(cat_idx("org", &codes));
    m.rules.push(Rule::Diverse {
        attr: 0,
        weight: 1.0,
    });
    (m, (0..n).map(|i| i % 4).collect())
}

fn without(m: &Model, prev: &[usize], gone: &[usize]) -> (Model, Vec<Option<usize>>) {
    let keep: Vec<usize> = (0..m.ids.len()).filter(|p| !gone.contains(p)).collect();
    let mut out = Model::new(keep.iter().map(|&p| m.ids[p].clone()).collect());
    out.sets = Model::sets_by_count(keep.len(), 4).expect("sets");
    let codes: Vec<usize> = keep.iter().map(|&p| (p * 7 / 3) % 4).collect();
    out.attributes.push(cat_idx("org", &codes));
    out.rules = m.rules.clone();
    (out, keep.iter().map(|&p| Some(prev[p])).collect())
}

#[test]
fn one_leaver_needs_no_move() {
    let (m, prev) = base(16);
    let (m2, prev2) = without(&m, &prev, &[5]);
    let r = repair(&m2, &prev2, &quick(1), &mut NoProgress).expect("repair");
    assert!(violations(&m2, &r.formation.set_of).is_empty());
    assert_eq!(r.moved(), 0, "{:?}", r.moves);
}

#[test]
fn two_leavers_from_one_set_need_one_move() {
    let (m, prev) = base(16);
    // People 0 and 4 were both in set 0: it falls to 2 people, below the minimum of 3.
    let (m2, prev2) = without(&m, &prev, &[0, 4]);
    let r = repair(&m2, &prev2, &quick(2), &mut NoProgress).expect("repair");
    assert!(violations(&m2, &r.formation.set_of).is_empty());
    assert_eq!(r.moved(), 1, "{:?}", r.moves);
}

#[test]
fn small_repair_is_exact_too() {
    let (m, prev) = base(12);
    let (m2, prev2) = without(&m, &prev, &[0, 4, 8]);
    let r = repair(&m2, &prev2, &quick(3), &mut NoProgress).expect("repair");
    assert!(violations(&m2, &r.formation.set_of).is_empty());
    // Set 0 is empty; 9 people in 4 sets need sizes 2..3, so two people must move into it.
    assert_eq!(r.moved(), 2, "{:?}", r.moves);
}

#[test]
fn newcomer_joins_without_moving_others() {
    let (m, prev) = base(15);
    let mut m2 = Model::new(ids(16));
    m2.sets = Model::sets_by_count(16, 4).expect("sets");
    m2.attributes.push(cat_idx(
        "org",
        &(0..16).map(|i| (i * 7 / 3) % 4).collect::<Vec<_>>(),
    ));
    m2.rules = m.rules.clone();
    let mut prev2: Vec<Option<usize>> = prev.iter().map(|&g| Some(g)).collect();
    prev2.push(None);
    let r = repair(&m2, &prev2, &quick(4), &mut NoProgress).expect("repair");
    assert_eq!(r.moved(), 0, "{:?}", r.moves);
    assert_eq!(r.moves.len(), 1);
}

#[test]
fn locks_keep_people_in_place() {
    let (m, _) = base(16);
    let f = form(&m, &quick(5), &mut NoProgress).expect("form");
    let locked = [0, 1, 2];
    let g = reoptimise(&m, &f.set_of, &locked, &quick(6), &mut NoProgress).expect("reoptimise");
    for p in locked {
        assert_eq!(g.set_of[p], f.set_of[p]);
    }
    assert!(violations(&m, &g.set_of).is_empty());
}

#[test]
fn self_selection_names_the_rule() {
    let mut m = Model::new(ids(8));
    m.sets = Model::sets_by_count(8, 2).expect("sets");
    m.attributes
        .push(cat_idx("role", &[0, 0, 1, 1, 1, 1, 1, 1]));
    m.attributes.push(cat_idx("org", &[0, 1, 2, 2, 3, 3, 3, 3]));
    m.rules.push(Rule::MinPer {
        attr: 0,
        value: "v0".into(),
        k: 1,
    });
    m.rules.push(Rule::MaxPer { attr: 1, k: 2 });
    m.managers = vec![None, None, None, None, Some(0), None, None, None];
    let mut cur = vec![None; 8];
    cur[0] = Some(0);
    // The second director must go to the other set.
    let r = may_join(&m, &cur, 1, 0).expect_err("refused");
    assert!(r.to_string().contains("other sets still need 1 v0"), "{r}");
    assert!(may_join(&m, &cur, 1, 1).is_ok());
    // p4 reports to p0.
    let r = may_join(&m, &cur, 4, 0).expect_err("refused");
    assert!(r.rule.contains("never"), "{r}");
    cur[5] = Some(1);
    cur[6] = Some(1);
    let r = may_join(&m, &cur, 7, 1).expect_err("refused");
    assert!(r.rule.contains("at most 2 per org"), "{r}");
    cur[1] = Some(1);
    cur[3] = Some(1);
    let r = may_join(&m, &cur, 2, 1).expect_err("full");
    assert!(r.reason.contains("full"), "{r}");
}

#[test]
fn explanation_names_the_only_director() {
    let mut m = Model::new(ids(8));
    m.sets = Model::sets_by_count(8, 2).expect("sets");
    m.attributes
        .push(cat_idx("role", &[0, 0, 1, 1, 1, 1, 1, 1]));
    m.rules.push(Rule::MinPer {
        attr: 0,
        value: "v0".into(),
        k: 1,
    });
    let f = form(&m, &quick(1), &mut NoProgress).expect("form");
    let e = revans_engine::explain(&m, &f.set_of);
    assert!(
        e.people[0]
            .binding
            .iter()
            .any(|b| b.contains("the only v0")),
        "{:?}",
        e.people[0]
    );
    assert_eq!(e.sets.len(), 2);
    assert!(e.sets.iter().all(|s| s.checks.iter().all(|c| c.ok)));
}
