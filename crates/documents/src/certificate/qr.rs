//! The verification address as QR code modules, merged into horizontal runs so the page draws
//! a few hundred rectangles rather than a thousand squares.

use qrcode::{Color, EcLevel, QrCode};

use super::DocumentError;

/// Modules each side of the symbol left light, as the QR standard asks.
pub(super) const QUIET_ZONE: usize = 4;

pub(super) struct Modules {
    /// Modules on each side, without the quiet zone.
    pub width: usize,
    dark: Vec<bool>,
}

/// Error correction level M (15% of the symbol can be lost): a printed certificate gets
/// creased and stamped on.
pub(super) fn encode(text: &str) -> Result<Modules, DocumentError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| DocumentError::VerifyUrlTooLong { length: text.len() })?;
    Ok(Modules {
        width: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    })
}

impl Modules {
    /// Each run of dark modules in a row: (row, first column, length).
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for (row, cells) in self.dark.chunks(self.width).enumerate() {
            let mut start = None;
            for (column, dark) in cells.iter().chain([&false]).enumerate() {
                match (start, *dark) {
                    (None, true) => start = Some(column),
                    (Some(s), false) => {
                        runs.push((row, s, column - s));
                        start = None;
                    }
                    _ => {}
                }
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The runs drawn as a greyscale bitmap, `scale` pixels a module, quiet zone included.
    fn decode(modules: &Modules, scale: usize) -> String {
        let side = (modules.width + 2 * QUIET_ZONE) * scale;
        let mut pixels = vec![255u8; side * side];
        for (row, column, length) in modules.runs() {
            for y in (row + QUIET_ZONE) * scale..(row + QUIET_ZONE + 1) * scale {
                let x0 = (column + QUIET_ZONE) * scale;
                pixels[y * side + x0..y * side + x0 + length * scale].fill(0);
            }
        }
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code found");
        grids[0].decode().expect("the QR code decodes").1
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let modules = encode("https://example.org/certificates/verify/ABCD-1234").unwrap();
        let dark = modules.dark.iter().filter(|d| **d).count();
        assert_eq!(modules.runs().iter().map(|r| r.2).sum::<usize>(), dark);
        assert!(modules.runs().len() < dark, "neighbours are merged");
    }

    #[test]
    fn a_text_too_long_for_any_qr_code_is_refused() {
        let err = encode(&"x".repeat(3000)).err().expect("refused");
        assert!(matches!(
            err,
            DocumentError::VerifyUrlTooLong { length: 3000 }
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_address_up_to_200_characters_decodes_back(
            path in "[A-Za-z0-9._~/-]{0,160}",
            tail in "\\PC{0,20}",
        ) {
            let url = format!("https://revans.example/{path}{tail}");
            let url: String = url.chars().take(200).collect();
            let modules = encode(&url).unwrap();
            prop_assert_eq!(decode(&modules, 3), url);
        }
    }
}
