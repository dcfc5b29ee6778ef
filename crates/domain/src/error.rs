/// Why a value was refused, naming the field so a form or API can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// The field (form input name / JSON key) at fault.
    pub field: &'static str,
    /// A plain-English sentence saying what is wrong and how to fix it.
    pub message: String,
}

impl ValidationError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}
