//! Field errors for a form or a JSON body: which field, and what to do about it. The app layer
//! gathers them while it checks an input; the pages show them in the error summary and next to
//! each field, the API names them in its error body.

use crate::ValidationError;

/// One field at fault and a plain-English sentence saying how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The form field or JSON key.
    pub field: String,
    pub message: String,
}

impl From<ValidationError> for FieldError {
    fn from(e: ValidationError) -> Self {
        FieldError {
            field: e.field.to_owned(),
            message: e.message,
        }
    }
}

/// The field errors of one input, in the order they were found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn list(&self) -> &[FieldError] {
        &self.0
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// The value, or `None` with its error recorded, so every field is checked in one pass.
    pub fn take<T>(&mut self, r: Result<T, ValidationError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(e.field, e.message);
                None
            }
        }
    }
}

/// Formats stored milliseconds for people: "22 Nov 2026, 14:05 UTC".
pub fn when(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%-d %b %Y, %H:%M UTC").to_string())
        .unwrap_or_else(|_| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn take_records_the_error_and_keeps_going() {
        let mut errors = FieldErrors::default();
        let a: Option<u8> = errors.take(Err(ValidationError::new("name", "Enter a name")));
        let b = errors.take(Ok::<u8, ValidationError>(3));
        assert_eq!((a, b), (None, Some(3)));
        assert_eq!(errors.get("name"), Some("Enter a name"));
        assert!(errors.any());
    }

    #[test]
    fn when_reads_as_a_date_and_time() {
        assert_eq!(when(1_795_356_300_000), "22 Nov 2026, 14:05 UTC");
        assert_eq!(when(i64::MAX), "unknown");
    }
}
