//! Small-number suppression for reports across sets (C5). A count of one or two people with a
//! given problem theme can identify them, so reports follow NHS Digital's rule: counts of 1-7
//! are hidden, the rest rounded to the nearest 5, and totals are added up after suppression so
//! a hidden cell cannot be worked out by subtracting the others from the total. This is stricter
//! than a plain "hide below 5".

/// One cell of a published table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Published {
    /// A count of 1 to 7: shown as "*" or "fewer than 8", never as a number.
    Hidden,
    /// Zero, or a count of 8 or more rounded to the nearest 5.
    Count(u32),
}

impl Published {
    /// The value added into totals: a hidden cell adds nothing.
    pub fn value(self) -> u32 {
        match self {
            Published::Hidden => 0,
            Published::Count(n) => n,
        }
    }
}

impl Published {
    /// The number to publish, or `None` for a hidden cell (the API's form).
    pub fn shown(self) -> Option<u32> {
        match self {
            Published::Hidden => None,
            Published::Count(n) => Some(n),
        }
    }
}

/// Publishes a count taken from storage (never negative; saturates past `u32::MAX`).
pub fn publish_count(count: impl TryInto<u32>) -> Option<u32> {
    publish(count.try_into().unwrap_or(u32::MAX)).shown()
}

/// Rows with their published cells and the total of what is published.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SuppressedTable<K> {
    pub rows: Vec<(K, Published)>,
    pub total: u32,
}

/// The largest count hidden outright.
pub const HIDDEN_UP_TO: u32 = 7;

/// Publishes one count: 0 stays 0 (an empty theme identifies nobody), 1-7 are hidden, and the
/// rest are rounded to the nearest 5.
pub fn publish(count: u32) -> Published {
    match count {
        0 => Published::Count(0),
        1..=HIDDEN_UP_TO => Published::Hidden,
        n => {
            let rounded = (u64::from(n) + 2) / 5 * 5;
            Published::Count(u32::try_from(rounded).unwrap_or(u32::MAX / 5 * 5))
        }
    }
}

/// Suppresses every row, keeping their order, and totals the published values.
pub fn suppress<K>(rows: Vec<(K, u32)>) -> SuppressedTable<K> {
    let rows: Vec<(K, Published)> = rows.into_iter().map(|(k, n)| (k, publish(n))).collect();
    let total = rows
        .iter()
        .fold(0u32, |sum, (_, p)| sum.saturating_add(p.value()));
    SuppressedTable { rows, total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_nhs_digital_rule() {
        let cells: Vec<Published> = [0, 1, 7, 8, 10, 12, 13, 17, 18, 102, 103]
            .into_iter()
            .map(publish)
            .collect();
        use Published::{Count, Hidden};
        assert_eq!(
            cells,
            [
                Count(0),
                Hidden,
                Hidden,
                Count(10),
                Count(10),
                Count(10),
                Count(15),
                Count(15),
                Count(20),
                Count(100),
                Count(105)
            ]
        );
        assert_eq!(publish(u32::MAX), Count(u32::MAX));
    }

    #[test]
    fn the_total_hides_the_hidden_cell() {
        let t = suppress(vec![("Workforce", 23), ("Finance", 3), ("Estates", 10)]);
        assert_eq!(t.rows[1], ("Finance", Published::Hidden));
        assert_eq!(t.total, 35);
    }

    proptest! {
        #[test]
        fn published_cells_are_safe_and_close(n in 0u32..1_000_000) {
            match publish(n) {
                Published::Hidden => prop_assert!((1..=7).contains(&n)),
                Published::Count(p) => {
                    prop_assert!(n == 0 || n > 7);
                    prop_assert_eq!(p % 5, 0);
                    prop_assert!(p.abs_diff(n) <= 2);
                    prop_assert!(p == 0 || p >= 10);
                }
            }
        }

        #[test]
        fn the_total_never_depends_on_a_hidden_value(
            counts in proptest::collection::vec(0u32..200, 0..20), i in any::<proptest::sample::Index>(), other in 1u32..=7,
        ) {
            let table = suppress(counts.iter().copied().enumerate().collect());
            let sum: u32 = table.rows.iter().map(|(_, p)| p.value()).sum();
            prop_assert_eq!(table.total, sum);
            prop_assert_eq!(table.total % 5, 0);
            prop_assert_eq!(table.rows.len(), counts.len());
            if counts.is_empty() { return Ok(()); }
            let i = i.index(counts.len());
            if (1..=7).contains(&counts[i]) {
                let mut changed = counts.clone();
                changed[i] = other;
                prop_assert_eq!(suppress(changed.into_iter().enumerate().collect()), table);
            }
        }
    }
}
