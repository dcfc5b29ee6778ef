//! The JSON bodies the API accepts: typed (numbers, booleans, enums, dates), each refusing
//! unknown fields, and each turned into the input its action takes. The actions keep the
//! rules; these only say what shape a body has. A field the action requires is still
//! `#[serde(default)]` (and `required` in the document): the action names it when it is
//! missing, after checking who may ask, as the pages do.

pub mod account;
pub mod applications;
pub mod certificates;
pub mod circle_admin;
pub mod circles;
pub mod cohorts;
pub mod completion;
pub mod diaries;
// Erasure (issue 17).
pub mod erasure;
pub mod evaluation;
pub mod events;
pub mod facilitator_records;
pub mod feedback360;
pub mod interests;
pub mod meeting_changes;
pub mod meetings;
pub mod organisations;
pub mod people;
pub mod pool;
pub mod portfolio;
pub mod programmes;
pub mod reporting_lines;
pub mod reports;
pub mod set_changes;
pub mod set_forming;
pub mod sets;
pub mod sponsor;
pub mod targets;

use crate::error::FieldError;

/// A number as the action reads it; absent is blank, for the action to default or refuse.
pub(crate) fn number_or_blank(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// A list sent as an array whose action reads one item per line: an item holding a line break
/// would silently become two, so it is refused, naming the item.
pub(crate) fn one_per_line(field: &str, items: &[String], errors: &mut Vec<FieldError>) -> String {
    for (i, item) in items.iter().enumerate() {
        if item.contains(['\n', '\r']) {
            errors.push(FieldError {
                field: format!("{field}[{i}]"),
                message: format!("{field}[{i}] must be one line: send each line as its own item"),
            });
        }
    }
    items.join("\n")
}
