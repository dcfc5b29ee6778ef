//! A lead adds an instrument (a questionnaire file, docs/INSTRUMENTS.md) to their tenant, from
//! a programme's evaluation page. The file is checked in full; every problem is a field error
//! naming its line.

use revans_domain::Id;
use revans_domain::evaluation::{Format, Instrument};
use revans_domain::{FieldError, ValidationError};
use revans_storage::StoreError;
use revans_storage::evaluation::{self as store, InstrumentRow, NewInstrument};

use crate::{Actor, App, Error};

/// Instrument files are small; a larger one is a mistake (a spreadsheet pasted in).
pub const MAX_SOURCE_BYTES: usize = 200_000;

pub struct NewInstrumentInput {
    /// "toml" or "json".
    pub format: String,
    pub source: String,
}

/// Parses the file text the way the command line and the upload both need it.
pub fn parse(format: &str, source: &str) -> Result<Instrument, Error> {
    let format = match format.trim() {
        "toml" => Format::Toml,
        "json" => Format::Json,
        _ => return Err(Error::field("format", "Choose TOML or JSON")),
    };
    if source.trim().is_empty() {
        return Err(Error::field(
            "source",
            "Paste or upload the instrument file",
        ));
    }
    if source.len() > MAX_SOURCE_BYTES {
        return Err(Error::field(
            "source",
            format!(
                "The instrument file must be {} KB or smaller",
                MAX_SOURCE_BYTES / 1000
            ),
        ));
    }
    Instrument::parse(source, format).map_err(|errors| {
        Error::Invalid(
            errors
                .into_iter()
                .map(|e| FieldError {
                    field: "source".into(),
                    message: match e.line {
                        Some(line) => format!("Line {line}, {}: {}", e.field, e.message),
                        None => format!("{}: {}", e.field, e.message),
                    },
                })
                .collect(),
        )
    })
}

/// Adds the instrument to the programme's tenant; returns its id.
pub async fn add(
    app: &App,
    actor: &Actor<'_>,
    programme: &Id,
    input: NewInstrumentInput,
) -> Result<Id, Error> {
    let mut tx = app.store.begin().await?;
    // Access first: someone outside the programme learns nothing, not even about their file.
    let programme = super::access::for_lead(&mut tx, actor, programme).await?;
    let instrument = parse(&input.format, &input.source)?;
    let id = store::insert_instrument(
        &mut tx,
        NewInstrument {
            organisation_id: &programme.organisation_id,
            key: &instrument.key,
            version: i64::from(instrument.version),
            title: &instrument.title,
            format: input.format.trim(),
            source: &input.source,
            created_by: &actor.viewer.person.id,
        },
    )
    .await
    .map_err(|e| match e {
        StoreError::Duplicate { .. } => Error::from(ValidationError::new(
            "source",
            format!(
                "Version {} of \"{}\" is already loaded: raise the version number to add a changed instrument",
                instrument.version, instrument.key
            ),
        )),
        e => e.into(),
    })?;
    actor
        .audit(
            &mut tx,
            "instrument.added",
            "instrument",
            id.as_str(),
            &format!(
                "Added instrument {} version {}",
                instrument.key, instrument.version
            ),
            &programme.organisation_id,
        )
        .await?;
    revans_storage::commit(tx).await?;
    Ok(id)
}

/// A stored instrument with its parsed form.
pub struct Loaded {
    pub row: InstrumentRow,
    pub instrument: Instrument,
}

/// Reads a stored instrument (checked when added, so a failure here is a server fault).
pub fn load(row: InstrumentRow) -> Result<Loaded, Error> {
    let format = if row.format == "json" {
        Format::Json
    } else {
        Format::Toml
    };
    let instrument = Instrument::parse(&row.source, format)
        .map_err(|_| Error::internal(format!("stored instrument {} no longer parses", row.id)))?;
    Ok(Loaded { row, instrument })
}
