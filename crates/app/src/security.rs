//! Passwords (argon2id) and random tokens (stored only as SHA-256 hashes).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use rand::RngCore;
use revans_domain::Password;
use sha2::{Digest, Sha256};

use crate::Error;

/// Hashes on a blocking thread: argon2 is deliberately slow.
pub async fn hash_password(password: &Password) -> Result<String, Error> {
    let plain = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(Error::internal)?;
        Argon2::default()
            .hash_password(plain.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(Error::internal)
    })
    .await
    .map_err(Error::internal)?
}

/// Verifies on a blocking thread. With no stored hash, a dummy hash is checked anyway so the
/// time taken does not reveal whether the account exists.
pub async fn verify_password(stored: Option<String>, attempt: &str) -> Result<bool, Error> {
    let attempt = attempt.to_owned();
    tokio::task::spawn_blocking(move || {
        let (hash, real) = match stored {
            Some(h) => (h, true),
            None => (DUMMY_HASH.to_owned(), false),
        };
        let parsed = PasswordHash::new(&hash).map_err(Error::internal)?;
        let ok = Argon2::default()
            .verify_password(attempt.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && real)
    })
    .await
    .map_err(Error::internal)?
}

// argon2id hash of a random string nobody knows; only used to spend the same time.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2xWvYqYbB3L1Q2k9QjQ5m5m0d8c1u8XWm8YvQ7mQy2E";

/// 256 random bits, URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored for a token: its SHA-256, hex. Tokens are random, so no salt is needed.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A form token as a page shows it: a fresh random pad and the token XORed with it, so the
/// same secret never appears twice in the bytes Revans sends. Pages are compressed, and a
/// secret repeated in every compressed response beside text an attacker can reflect is what
/// the BREACH attack guesses byte by byte.
pub fn mask_token(token: &str) -> String {
    let mut pad = vec![0u8; token.len()];
    rand::rng().fill_bytes(&mut pad);
    let masked: Vec<u8> = token.bytes().zip(&pad).map(|(t, p)| t ^ p).collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!("{}.{}", b64.encode(&pad), b64.encode(masked))
}

/// The token inside what a form sent: unmasks `pad.masked`; a value without a pad is taken as
/// the token itself (API clients and scripts that copied it). Anything malformed gives an
/// empty string, which matches no token.
pub fn unmask_token(sent: &str) -> String {
    let Some((pad, masked)) = sent.split_once('.') else {
        return sent.to_owned();
    };
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    match (b64.decode(pad), b64.decode(masked)) {
        (Ok(pad), Ok(masked)) if pad.len() == masked.len() => {
            let token: Vec<u8> = masked.iter().zip(&pad).map(|(m, p)| m ^ p).collect();
            String::from_utf8(token).unwrap_or_default()
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_token_differs_each_time_and_unmasks_to_itself() {
        let token = new_token();
        let (a, b) = (mask_token(&token), mask_token(&token));
        assert_ne!(a, b, "each page gets its own pad");
        assert!(!a.contains(&token), "the secret never appears as it is");
        assert_eq!(unmask_token(&a), token);
        assert_eq!(unmask_token(&b), token);
        assert_eq!(
            unmask_token(&token),
            token,
            "an unmasked token is read as it is"
        );
        for broken in ["x.y", ".", "abc.", "@@.@@", &a[..a.len() - 2]] {
            assert_ne!(unmask_token(broken), token, "{broken}");
        }
    }

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let p = Password::parse("a long enough password").unwrap();
        let h1 = hash_password(&p).await.unwrap();
        let h2 = hash_password(&p).await.unwrap();
        assert_ne!(h1, h2, "salted");
        assert!(h1.starts_with("$argon2id$"));
        assert!(
            verify_password(Some(h1.clone()), "a long enough password")
                .await
                .unwrap()
        );
        assert!(
            !verify_password(Some(h1), "a long enough passwore")
                .await
                .unwrap()
        );
        assert!(!verify_password(None, "anything at all").await.unwrap());
    }

    #[test]
    fn tokens_are_random_and_hash_stably() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_eq!(hash_token(&a).len(), 64);
        assert!(
            same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("abc", "ab")
        );
    }
}
