//! Text widths from the embedded fonts' advance widths, for line breaking and alignment.
//! Kerning is ignored: lines are measured a little wide, never too narrow to matter.

use std::sync::LazyLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub(crate) static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Advances in em of one font: ASCII in a table, the rest looked up.
pub(crate) struct Metrics {
    font: FontRef<'static>,
    ascii: [f32; 128],
    units_per_em: f32,
}

impl Metrics {
    fn load(bytes: &'static [u8]) -> Self {
        let font = FontRef::new(bytes).expect("the embedded DejaVu font parses");
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let mut metrics = Metrics {
            font,
            ascii: [0.0; 128],
            units_per_em,
        };
        for i in 0u8..128 {
            metrics.ascii[usize::from(i)] = metrics.lookup(char::from(i));
        }
        metrics
    }

    fn lookup(&self, c: char) -> f32 {
        let glyphs = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let glyph = self.font.charmap().map(c).unwrap_or_default();
        glyphs.advance_width(glyph).unwrap_or(0.0) / self.units_per_em
    }

    /// Width of `text` in points at `size`.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let em: f32 = text
            .chars()
            .map(|c| match usize::try_from(u32::from(c)) {
                Ok(i) if i < 128 => self.ascii[i],
                _ => self.lookup(c),
            })
            .sum();
        em * size
    }
}

pub(crate) static REGULAR_METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics::load(REGULAR));
pub(crate) static BOLD_METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics::load(BOLD));

/// Width of `text` in points in the regular or bold face.
pub(crate) fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    if bold {
        BOLD_METRICS.width(text, size)
    } else {
        REGULAR_METRICS.width(text, size)
    }
}

/// Breaks `text` into lines no wider than `width` points, at spaces where it can and inside a
/// word only when the word alone is too wide. Explicit newlines are kept. Never empty.
pub(crate) fn wrap(text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: split it if it cannot fit on a line of its own.
            for c in word.chars() {
                line.push(c);
                if text_width(&line, size, bold) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_bold_is_wider() {
        let plain = text_width("Culture profile", 10.0, false);
        assert!(plain > 50.0 && plain < 100.0, "{plain}");
        assert!(text_width("Culture profile", 10.0, true) > plain);
        assert!(text_width("Müller – €", 10.0, false) > text_width("M", 10.0, false) * 3.0);
    }

    #[test]
    fn wrap_keeps_every_word_and_respects_the_width() {
        let text = "the quick brown fox jumps over the lazy dog ".repeat(20);
        let lines = wrap(&text, 10.0, false, 200.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| text_width(l, 10.0, false) <= 200.0));
        assert_eq!(
            lines.join(" ").split_whitespace().count(),
            text.split_whitespace().count()
        );
    }

    #[test]
    fn wrap_breaks_a_word_too_long_for_a_line() {
        let lines = wrap(&"x".repeat(200), 10.0, false, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat().len(), 200);
    }
}
