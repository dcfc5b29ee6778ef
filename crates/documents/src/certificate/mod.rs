//! A certificate of completion as a one-page PDF (A4 landscape): the tenant's name and logo, the
//! holder, the programme, cohort and dates, the CPD hours, the learning outcomes, and the
//! verification code and address as text and as a QR code. The app layer fills in a
//! [`Certificate`] from the certificate it issued; this module only draws it.

mod layout;
mod qr;
mod render;

/// Everything printed on a certificate, already formatted for reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    /// Who issued it: "North Coast ICS Leadership Academy".
    pub tenant_name: String,
    /// The tenant's logo, drawn at the top above its name.
    pub logo: Option<Logo>,
    pub holder_name: String,
    pub programme_title: String,
    pub cohort_name: String,
    /// "14 January 2027 to 24 June 2027".
    pub dates: String,
    /// "24 June 2027".
    pub completed_on: String,
    /// "18.5 hours".
    pub cpd_hours: String,
    /// Learning outcomes, one per item; long ones wrap, many are set smaller (in two columns if
    /// need be) so that the certificate stays one page.
    pub outcomes: Vec<String>,
    /// The verification code as printed.
    pub code: String,
    /// `https://…/certificates/verify/{code}`: printed, and encoded in the QR code.
    pub verify_url: String,
}

/// A logo image. Only PNG: an SVG logo would need krilla-svg, which brings a whole SVG
/// renderer (resvg, usvg with text, fontdb) and a newer Rust than the workspace's; a tenant
/// whose configured logo is an SVG gets a certificate without one (pass `None`).
#[derive(Debug, Clone, PartialEq)]
pub enum Logo {
    Png(Vec<u8>),
}

/// Why a document could not be made. Nothing is half-written: the caller gets bytes or this.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the logo cannot be read as a PNG image: {0}")]
    Logo(String),
    #[error("the certificate has no {0}")]
    Missing(&'static str),
    #[error("the verification address is too long for a QR code ({length} bytes)")]
    VerifyUrlTooLong { length: usize },
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("the file name {name:?} cannot go in a ZIP: {reason}")]
    ZipName { name: String, reason: &'static str },
    #[error("the file name {0:?} is used twice in the ZIP (names are compared ignoring case)")]
    DuplicateName(String),
    #[error("the ZIP could not be written: {0}")]
    Zip(String),
}

/// The certificate as a PDF: one A4 landscape page, DejaVu Sans embedded (subset), text in
/// reading order and tagged for screen readers, title and language (en-GB) in its metadata,
/// the QR code drawn as vector squares with a quiet zone of four modules.
pub fn certificate_pdf(certificate: &Certificate) -> Result<Vec<u8>, DocumentError> {
    for (value, what) in [
        (&certificate.holder_name, "holder's name"),
        (&certificate.code, "verification code"),
        (&certificate.verify_url, "verification address"),
    ] {
        if value.trim().is_empty() {
            return Err(DocumentError::Missing(what));
        }
    }
    let modules = qr::encode(&certificate.verify_url)?;
    let logo = match &certificate.logo {
        None => None,
        Some(Logo::Png(bytes)) => Some(render::png(bytes)?),
    };
    let elements = layout::lay_out(certificate, logo.as_ref().map(|l| l.size()), &modules);
    render::render(certificate, logo, &elements)
}
