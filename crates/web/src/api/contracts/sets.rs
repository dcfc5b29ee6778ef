//! A problem brought to a set, and the rules for forming sets, as JSON.

use super::{number_or_blank, one_per_line};
use crate::error::AppError;
use revans_app::sets::formation::FormationInput;
use revans_app::sets::meetings::ProblemInput;

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProblemIn {
    #[serde(default)]
    #[schema(required = true)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub themes: Vec<String>,
}

impl From<ProblemIn> for ProblemInput {
    fn from(p: ProblemIn) -> Self {
        ProblemInput {
            title: p.title,
            description: p.description,
            themes: p.themes,
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FormationIn {
    /// The smallest set.
    #[serde(default)]
    #[schema(required = true)]
    pub size_min: Option<i64>,
    /// The largest set.
    #[serde(default)]
    #[schema(required = true)]
    pub size_max: Option<i64>,
    /// The most people from one organisation in a set; absent for no limit.
    #[serde(default)]
    pub max_per_organisation: Option<i64>,
    /// People kept together, each pair two email addresses.
    #[serde(default)]
    #[schema(value_type = Vec<Vec<String>>)]
    pub pairs: Vec<[String; 2]>,
    /// A review meeting every this many meetings.
    #[serde(default)]
    #[schema(required = true)]
    pub review_every: Option<i64>,
    /// A set's facilitators come from an organisation none of its members is from.
    #[serde(default)]
    pub facilitators_elsewhere: bool,
    /// CSV: `email`, then one column per attribute (profession, grade, timezone...).
    #[serde(default)]
    pub attributes: String,
    /// Rules on those columns, one per item ("diverse profession", "at most 2 per department").
    #[serde(default)]
    pub attribute_rules: Vec<String>,
}

impl TryFrom<FormationIn> for FormationInput {
    type Error = AppError;

    fn try_from(f: FormationIn) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let pairs: Vec<String> = f.pairs.iter().map(|[a, b]| format!("{a}, {b}")).collect();
        let input = FormationInput {
            pairs: one_per_line("pairs", &pairs, &mut errors),
            attribute_rules: one_per_line("attribute_rules", &f.attribute_rules, &mut errors),
            size_min: number_or_blank(f.size_min),
            size_max: number_or_blank(f.size_max),
            max_per_organisation: number_or_blank(f.max_per_organisation),
            review_every: number_or_blank(f.review_every),
            facilitators_elsewhere: if f.facilitators_elsewhere {
                "yes".into()
            } else {
                String::new()
            },
            attributes: f.attributes,
        };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}
