//! Verification codes: 140 bits from the operating system's random generator (through
//! `rand`'s thread generator, a CSPRNG seeded from it), written in Crockford's base32 in seven
//! groups of four (`K7QX-M2PD-…`). Nobody can find a certificate by trying codes: there are
//! 2^140 of them for a few thousand certificates. Reading forgives case, spaces, missing
//! dashes, and the letters people confuse with digits (O for 0, I and L for 1).

use rand::RngCore;

/// Crockford's base32: digits and letters without I, L, O and U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS: usize = 7;
const GROUP: usize = 4;
/// Characters in a code, without dashes.
pub const LENGTH: usize = GROUPS * GROUP;
/// Bits of randomness in a code.
pub const BITS: usize = LENGTH * 5;

/// A new random code.
pub fn new_code() -> String {
    let mut bytes = [0u8; BITS.div_ceil(8)];
    rand::rng().fill_bytes(&mut bytes);
    let symbols: Vec<u8> = (0..LENGTH)
        .map(|i| {
            let bit = i * 5;
            let pair = (u16::from(bytes[bit / 8]) << 8)
                | u16::from(bytes.get(bit / 8 + 1).copied().unwrap_or(0));
            let value = (pair >> (11 - bit % 8)) & 0x1f;
            ALPHABET[usize::from(value)]
        })
        .collect();
    grouped(&symbols)
}

/// The stored form of a code someone typed or scanned, or `None` if it cannot be one.
pub fn normalise(typed: &str) -> Option<String> {
    let mut symbols = Vec::with_capacity(LENGTH);
    for c in typed.chars() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) || symbols.len() == LENGTH {
            return None;
        }
        symbols.push(c as u8);
    }
    (symbols.len() == LENGTH).then(|| grouped(&symbols))
}

fn grouped(symbols: &[u8]) -> String {
    symbols
        .chunks(GROUP)
        .map(|g| String::from_utf8_lossy(g).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_long_grouped_and_distinct() {
        let codes: HashSet<String> = (0..2000).map(|_| new_code()).collect();
        assert_eq!(codes.len(), 2000);
        for code in &codes {
            assert_eq!(code.len(), LENGTH + GROUPS - 1, "{code}");
            assert_eq!(code.split('-').count(), GROUPS);
            assert_eq!(normalise(code).as_deref(), Some(code.as_str()));
        }
        const { assert!(BITS >= 128) };
    }

    #[test]
    fn every_symbol_turns_up_in_every_place() {
        // A bias in the bit slicing would leave some symbol out of some position.
        let mut seen = vec![HashSet::new(); LENGTH];
        for _ in 0..3000 {
            let code = new_code().replace('-', "");
            for (i, c) in code.chars().enumerate() {
                seen[i].insert(c);
            }
        }
        assert!(seen.iter().all(|s| s.len() == 32), "{seen:?}");
    }

    #[test]
    fn reading_forgives_case_spacing_and_lookalikes() {
        let code = "K7QX-M2PD-0A1B-C2D3-E4F5-G6H7-J8K9";
        assert_eq!(normalise(code).as_deref(), Some(code));
        assert_eq!(
            normalise(" k7qx m2pd oaib c2d3 e4f5 g6h7 j8k9 ").as_deref(),
            Some(code)
        );
        assert_eq!(
            normalise("K7QXM2PD0AlBC2D3E4F5G6H7J8K9").as_deref(),
            Some(code)
        );
        assert_eq!(normalise("K7QX-M2PD"), None);
        assert_eq!(normalise(&format!("{code}-0")), None);
        assert_eq!(normalise("U7QX-M2PD-0A1B-C2D3-E4F5-G6H7-J8K9"), None);
        assert_eq!(normalise("K7QX-M2PD-0A1B-C2D3-E4F5-G6H7-J8K€"), None);
    }
}
