//! The certificate as a PDF, laid out by `revans_documents` from the fields stored at issue.
//! It is rendered on each download rather than stored: the stored fields are the certificate
//! (the verification page reads the same ones), so a download always says what verification
//! says, a revoked certificate is never served from a stale file, the database holds no blobs,
//! and a new logo or layout reaches every certificate. Rendering takes milliseconds.

use revans_documents::{Certificate, Logo};
use revans_storage::certificates::CertificateRow;

use super::long_day;
use super::view::dates_text;
use crate::{Error, Settings};

/// The public address that verifies a certificate (also in its QR code).
pub fn verify_url(settings: &Settings, code: &str) -> String {
    format!("{}/certificates/verify/{code}", settings.base_url())
}

/// The PDF of a certificate. `logo` is the tenant's logo as PNG bytes, if it has one.
pub fn render(
    row: &CertificateRow,
    settings: &Settings,
    logo: Option<&[u8]>,
) -> Result<Vec<u8>, Error> {
    let document = Certificate {
        tenant_name: row.tenant_name.clone(),
        logo: logo.map(|bytes| Logo::Png(bytes.to_vec())),
        holder_name: row.holder_name.clone(),
        programme_title: row.programme_title.clone(),
        cohort_name: row.cohort_name.clone(),
        dates: dates_text(&row.starts_on, &row.ends_on),
        completed_on: long_day(&row.completed_on),
        cpd_hours: revans_domain::cpd::hours_text(
            u32::try_from(row.cpd_minutes.max(0)).unwrap_or(u32::MAX),
        ),
        outcomes: row.outcome_list(),
        code: row.code.clone(),
        verify_url: verify_url(settings, &row.code),
    };
    revans_documents::certificate_pdf(&document).map_err(Error::internal)
}

/// Certificates as one ZIP, one PDF each, named after the holder and the code.
pub fn zip(
    rows: &[CertificateRow],
    settings: &Settings,
    logo: Option<&[u8]>,
) -> Result<Vec<u8>, Error> {
    let mut files = Vec::with_capacity(rows.len());
    for row in rows {
        files.push((file_name(row), render(row, settings, logo)?));
    }
    revans_documents::zip_files(&files).map_err(Error::internal)
}

/// "ada-lovelace-K7QX-….pdf": the holder's name in plain letters, then the (unique) code.
fn file_name(row: &CertificateRow) -> String {
    let mut name = String::new();
    for c in row.holder_name.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    format!("{}-{}.pdf", name.trim_end_matches('-'), row.code)
        .trim_start_matches('-')
        .to_owned()
}
