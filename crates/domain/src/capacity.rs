use crate::ValidationError;

/// Places in a cohort or circle: at least one, at most a sane upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Capacity(u32);

impl Capacity {
    pub const MAX: u32 = 10_000;

    pub fn new(places: i64) -> Result<Self, ValidationError> {
        if places < 1 {
            return Err(ValidationError::new(
                "capacity",
                "Capacity must be at least 1 place",
            ));
        }
        if places > i64::from(Self::MAX) {
            return Err(ValidationError::new(
                "capacity",
                format!("Capacity must be {} places or fewer", Self::MAX),
            ));
        }
        Ok(Self(places as u32))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// The bounds on an action learning set's membership (typically 5-8; circles 6-25).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct SetSize {
    min: u16,
    max: u16,
}

impl SetSize {
    pub const LIMIT: u16 = 50;

    pub fn new(min: i64, max: i64) -> Result<Self, ValidationError> {
        if min < 2 {
            return Err(ValidationError::new(
                "size",
                "A set needs at least 2 members",
            ));
        }
        if max < min {
            return Err(ValidationError::new(
                "size",
                format!(
                    "The largest set size ({max}) must not be smaller than the smallest ({min})"
                ),
            ));
        }
        if max > i64::from(Self::LIMIT) {
            return Err(ValidationError::new(
                "size",
                format!("A set can have at most {} members", Self::LIMIT),
            ));
        }
        Ok(Self {
            min: min as u16,
            max: max as u16,
        })
    }

    pub fn min(self) -> u16 {
        self.min
    }

    pub fn max(self) -> u16 {
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn capacity_accepts_exactly_the_valid_range(n in -100i64..20_000) {
            let ok = (1..=i64::from(Capacity::MAX)).contains(&n);
            prop_assert_eq!(Capacity::new(n).is_ok(), ok);
            if let Ok(c) = Capacity::new(n) { prop_assert_eq!(i64::from(c.get()), n); }
        }

        #[test]
        fn set_size_is_ordered(a in -5i64..60, b in -5i64..60) {
            match SetSize::new(a, b) {
                Ok(s) => prop_assert!(2 <= s.min() && s.min() <= s.max() && s.max() <= SetSize::LIMIT),
                Err(e) => prop_assert!(a < 2 || b < a || b > i64::from(SetSize::LIMIT), "{e}"),
            }
        }
    }
}
