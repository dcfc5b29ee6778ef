//! Identifiers for generated rows: UUIDv7-shaped text, made from the seed and a counter so the
//! same seed gives the same ids, and ids still sort in the order rows were made.

/// 2026-01-01T00:00:00Z, the timestamp part of the first id.
const BASE_MS: u64 = 1_767_225_600_000;

#[derive(Debug, Clone)]
pub struct Ids {
    seed: u64,
    made: u64,
}

impl Ids {
    pub fn new(seed: u64) -> Self {
        Ids { seed, made: 0 }
    }

    pub fn next(&mut self) -> String {
        // One millisecond per id keeps them unique and ordered without a random part.
        let t = BASE_MS + self.made;
        self.made += 1;
        format!(
            "{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}",
            t >> 16,
            t & 0xffff,
            self.seed & 0xfff,
            0x8000 | ((self.seed >> 12) & 0x3fff),
            self.made & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuids_that_sort_in_the_order_made() {
        let mut ids = Ids::new(1);
        let a = ids.next();
        let b = ids.next();
        assert!(a < b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "7");
        assert_eq!(Ids::new(1).next(), a);
    }
}
