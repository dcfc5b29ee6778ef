//! Files as one ZIP (deflate), for downloading many documents at once.

use std::collections::HashSet;
use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use crate::certificate::DocumentError;

/// Why a name cannot be a file at the top of a ZIP, if it cannot.
fn name_problem(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("it is empty")
    } else if name.contains(['/', '\\']) {
        Some("it contains a path separator")
    } else if name == "." || name == ".." {
        Some("it names a folder")
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if name.len() > 255 {
        Some("it is longer than 255 bytes")
    } else {
        None
    }
}

pub(crate) fn zip_files(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, DocumentError> {
    let mut seen = HashSet::new();
    for (name, _) in files {
        if let Some(reason) = name_problem(name) {
            return Err(DocumentError::ZipName {
                name: name.clone(),
                reason,
            });
        }
        if !seen.insert(name.to_lowercase()) {
            return Err(DocumentError::DuplicateName(name.clone()));
        }
    }
    let failed = |e: &dyn std::fmt::Display| DocumentError::Zip(e.to_string());
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer
            .start_file(name.as_str(), options)
            .map_err(|e| failed(&e))?;
        writer.write_all(bytes).map_err(|e| failed(&e))?;
    }
    Ok(writer.finish().map_err(|e| failed(&e))?.into_inner())
}
