//! The numbers of a target, and whether it was met: pure rules, no I/O.
//!
//! A figure is exact to four decimal places (stored as an integer of ten-thousandths, see
//! `revans_storage::evaluation_targets::SCALE`), so "12.5 %" typed today reads back as 12.5,
//! never 12.499999. Which way is better follows from the target: a target above its baseline
//! means higher is better (more staff retained), below means lower is better (fewer vacancies).

use revans_domain::ValidationError;
use revans_storage::evaluation_targets::SCALE;

/// The largest size of a figure: a trillion, far beyond any measure a programme reports.
const LIMIT: i64 = 1_000_000_000_000 * SCALE;

/// A number exact to four decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Figure(i64);

impl Figure {
    /// A stored figure (ten-thousandths).
    pub fn from_scaled(scaled: i64) -> Self {
        Figure(scaled)
    }

    pub fn scaled(self) -> i64 {
        self.0
    }

    /// The figure as a JSON number. Exact for every figure this type holds within `LIMIT`
    /// to the precision people read (f64 keeps 15 significant digits).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    /// A number as typed: `12`, `-3.5`, `0.25`, `1,250.75`. `what` names it in a message
    /// ("the baseline").
    pub fn parse(raw: &str, field: &'static str, what: &str) -> Result<Self, ValidationError> {
        let text: String = raw.trim().chars().filter(|c| *c != ',').collect();
        if text.is_empty() {
            return Err(ValidationError::new(field, format!("Enter {what}")));
        }
        let bad =
            || ValidationError::new(field, format!("Enter {what} as a number, like 12 or 12.5"));
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(&text)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if (whole.is_empty() && fraction.is_empty())
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !fraction.chars().all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        if fraction.len() > 4 {
            return Err(ValidationError::new(
                field,
                format!("Enter {what} with no more than 4 decimal places"),
            ));
        }
        let too_big = || {
            ValidationError::new(
                field,
                format!("Enter {what} between -1,000,000,000,000 and 1,000,000,000,000"),
            )
        };
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| too_big())?
        };
        let fraction: i64 = format!("{fraction:0<4}").parse().map_err(|_| bad())?;
        let magnitude = whole
            .checked_mul(SCALE)
            .and_then(|w| w.checked_add(fraction))
            .filter(|m| *m <= LIMIT)
            .ok_or_else(too_big)?;
        Ok(Figure(if negative { -magnitude } else { magnitude }))
    }
}

/// As people read it: no trailing zeros (`12.5`, `-3`, `0.0125`).
impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let scale = SCALE.unsigned_abs();
        let (whole, fraction) = (magnitude / scale, magnitude % scale);
        if fraction == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{fraction:04}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// Which way is better for a target, from its baseline to its target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The target is above the baseline: a rise is the aim.
    Increase,
    /// The target is below the baseline: a fall is the aim.
    Decrease,
}

impl Direction {
    /// The aim of a target; none when the target equals the baseline (refused on input).
    pub fn of(baseline: Figure, target: Figure) -> Option<Self> {
        match target.cmp(&baseline) {
            std::cmp::Ordering::Greater => Some(Direction::Increase),
            std::cmp::Ordering::Less => Some(Direction::Decrease),
            std::cmp::Ordering::Equal => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::Increase => "Increase",
            Direction::Decrease => "Decrease",
        }
    }
}

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No value measured yet.
    NotMeasured,
    /// The measured value reached the target (or went beyond it, the right way).
    Met,
    NotMet,
}

impl Status {
    /// Met when the measured value is at the target or beyond it in the target's direction.
    pub fn of(direction: Direction, target: Figure, measured: Option<Figure>) -> Self {
        match (direction, measured) {
            (_, None) => Status::NotMeasured,
            (Direction::Increase, Some(m)) if m >= target => Status::Met,
            (Direction::Decrease, Some(m)) if m <= target => Status::Met,
            _ => Status::NotMet,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::NotMeasured => "Not measured yet",
            Status::Met => "Met",
            Status::NotMet => "Not met",
        }
    }

    /// The catalogue id of [`Self::label`] (`admin.ftl`), for pages in the reader's language.
    pub fn message_id(self) -> &'static str {
        match self {
            Status::NotMeasured => "targets-status-not-measured",
            Status::Met => "targets-status-met",
            Status::NotMet => "targets-status-not-met",
        }
    }

    /// The colour of its tag.
    pub fn colour(self) -> &'static str {
        match self {
            Status::NotMeasured => "grey",
            Status::Met => "green",
            Status::NotMet => "red",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fig(s: &str) -> Figure {
        Figure::parse(s, "baseline", "the baseline").unwrap()
    }

    #[test]
    fn figures_read_as_typed_and_exactly() {
        assert_eq!(fig("12").scaled(), 120_000);
        assert_eq!(fig(" 12.5 ").scaled(), 125_000);
        assert_eq!(fig("-3.25").scaled(), -32_500);
        assert_eq!(fig(".5").scaled(), 5_000);
        assert_eq!(fig("+7").scaled(), 70_000);
        assert_eq!(fig("1,250.0001").scaled(), 12_500_001);
        assert_eq!(fig("0.1").to_string(), "0.1");
        assert_eq!(fig("-0.0125").to_string(), "-0.0125");
        assert_eq!(fig("40.50").to_string(), "40.5");
        assert_eq!(fig("1000000000000").to_string(), "1000000000000");
    }

    #[test]
    fn bad_figures_say_what_is_wrong() {
        let msg = |s: &str| {
            Figure::parse(s, "baseline", "the baseline")
                .unwrap_err()
                .message
        };
        assert_eq!(msg(""), "Enter the baseline");
        assert_eq!(
            msg("twelve"),
            "Enter the baseline as a number, like 12 or 12.5"
        );
        assert_eq!(
            msg("1.2.3"),
            "Enter the baseline as a number, like 12 or 12.5"
        );
        assert_eq!(msg("-"), "Enter the baseline as a number, like 12 or 12.5");
        assert_eq!(
            msg("12%"),
            "Enter the baseline as a number, like 12 or 12.5"
        );
        assert_eq!(
            msg("1.23456"),
            "Enter the baseline with no more than 4 decimal places"
        );
        assert!(msg("1000000000000.0001").starts_with("Enter the baseline between"));
        assert!(msg("99999999999999999999999").starts_with("Enter the baseline between"));
        assert_eq!(
            Figure::parse("x", "target_value", "the target")
                .unwrap_err()
                .field,
            "target_value"
        );
    }

    #[test]
    fn direction_follows_the_target_and_met_means_reached_that_way() {
        let (base, up, down) = (fig("10"), fig("15"), fig("5"));
        assert_eq!(Direction::of(base, up), Some(Direction::Increase));
        assert_eq!(Direction::of(base, down), Some(Direction::Decrease));
        assert_eq!(Direction::of(base, base), None);
        let inc = Direction::Increase;
        assert_eq!(Status::of(inc, up, None), Status::NotMeasured);
        assert_eq!(Status::of(inc, up, Some(fig("15"))), Status::Met);
        assert_eq!(Status::of(inc, up, Some(fig("20"))), Status::Met);
        assert_eq!(Status::of(inc, up, Some(fig("14.9999"))), Status::NotMet);
        let dec = Direction::Decrease;
        assert_eq!(Status::of(dec, down, Some(fig("5"))), Status::Met);
        assert_eq!(Status::of(dec, down, Some(fig("-1"))), Status::Met);
        assert_eq!(Status::of(dec, down, Some(fig("5.0001"))), Status::NotMet);
        assert_eq!(Status::of(dec, down, Some(fig("10"))), Status::NotMet);
    }

    proptest! {
        #[test]
        fn a_figure_shown_reads_back_the_same(scaled in -LIMIT..=LIMIT) {
            let f = Figure::from_scaled(scaled);
            prop_assert_eq!(Figure::parse(&f.to_string(), "v", "the value").unwrap(), f);
        }

        #[test]
        fn met_exactly_when_the_measure_is_on_the_far_side_of_the_target(
            b in -1_000_000i64..1_000_000, t in -1_000_000i64..1_000_000, m in -1_000_000i64..1_000_000
        ) {
            let (b, t, m) = (Figure(b), Figure(t), Figure(m));
            if let Some(d) = Direction::of(b, t) {
                let met = Status::of(d, t, Some(m)) == Status::Met;
                // Met iff the measure is no nearer the baseline than the target is.
                let beyond = (m.0 - t.0).signum() != (b.0 - t.0).signum();
                prop_assert_eq!(met, beyond);
            }
        }
    }
}
