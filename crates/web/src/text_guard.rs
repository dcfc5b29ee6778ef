//! Refuses the NUL character (U+0000) in any submitted text, for every JSON body (`ApiJson`)
//! and every form (`CsrfForm`, after its token is checked), before a handler sees it. PostgreSQL cannot store it in text and SQLite would keep
//! it silently, so both backends refuse it the same way: a field error naming the field.

use serde_json::Value;

use crate::error::AppError;

fn refused(field: &str) -> AppError {
    AppError::field(
        field,
        format!(
            "{field} contains a null character (U+0000), which cannot be saved. Remove it and try again."
        ),
    )
}

/// Walks a decoded JSON body; fields are named by their path (`answers[1]`, `rules.size`).
pub fn refuse_nul_in_json(value: &Value) -> Result<(), AppError> {
    walk(value, "body")
}

fn walk(value: &Value, path: &str) -> Result<(), AppError> {
    match value {
        Value::String(s) if s.contains('\0') => Err(refused(path)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| walk(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            if k.contains('\0') {
                return Err(refused(path));
            }
            let child = if path == "body" {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            walk(v, &child)
        }),
        _ => Ok(()),
    }
}

/// Checks decoded name/value pairs (a form or a query string).
pub fn refuse_nul_in_pairs(pairs: &[(String, String)]) -> Result<(), AppError> {
    match pairs
        .iter()
        .find(|(k, v)| k.contains('\0') || v.contains('\0'))
    {
        Some((k, _)) if k.contains('\0') => Err(refused("form")),
        Some((k, _)) => Err(refused(k)),
        None => Ok(()),
    }
}

/// Why a body could not be read: over the size limit, or cut off on the way.
pub fn unreadable_body(err: &(dyn std::error::Error + 'static)) -> AppError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return AppError::TooLarge;
        }
        cause = e.source();
    }
    AppError::BadRequest("The request body could not be read in full. Send it again.".into())
}
