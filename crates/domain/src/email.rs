use std::fmt;

use crate::ValidationError;

/// An email address, trimmed and lower-cased so that one mailbox is one account.
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

const MAX_LEN: usize = 254;

impl EmailAddress {
    /// Accepts `local@domain.tld` with no spaces; refuses anything a mail server would bounce
    /// for its shape alone. Deliverability is proved by the invitation email, not here.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let field = "email";
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(ValidationError::new(field, "Enter an email address"));
        }
        if value.chars().count() > MAX_LEN {
            return Err(ValidationError::new(
                field,
                format!("Email address must be {MAX_LEN} characters or fewer"),
            ));
        }
        let example = "Enter an email address in the correct format, like name@example.org";
        let Some((local, domain)) = value.rsplit_once('@') else {
            return Err(ValidationError::new(field, example));
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(ValidationError::new(field, example));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EmailAddress({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalises_case_and_space() {
        let e = EmailAddress::parse("  Asha.Patel@Example.NHS.uk ").unwrap();
        assert_eq!(e.as_str(), "asha.patel@example.nhs.uk");
    }

    #[test]
    fn refuses_common_mistakes() {
        for bad in [
            "",
            "asha",
            "asha@",
            "@example.org",
            "asha@example",
            "a b@example.org",
            "asha@@example.org",
            "asha@-x.org",
            ".a@example.org",
        ] {
            let err = EmailAddress::parse(bad).unwrap_err();
            assert_eq!(err.field, "email", "{bad}");
        }
    }

    proptest! {
        #[test]
        fn accepts_well_formed(local in "[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]", domain in "[a-z0-9]{1,10}", tld in "[a-z]{2,6}") {
            prop_assume!(!local.contains(".."));
            let raw = format!("{local}@{domain}.{tld}");
            let parsed = EmailAddress::parse(&raw).unwrap();
            prop_assert_eq!(parsed.as_str(), raw.as_str());
        }

        #[test]
        fn parse_is_idempotent(raw in "\\PC{0,40}") {
            if let Ok(once) = EmailAddress::parse(&raw) {
                let twice = EmailAddress::parse(once.as_str()).unwrap();
                prop_assert_eq!(once, twice);
            }
        }

        #[test]
        fn never_accepts_without_at(raw in "[^@]{0,60}") {
            prop_assert!(EmailAddress::parse(&raw).is_err());
        }
    }
}
