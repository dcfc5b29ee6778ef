//! Writes a sample certificate so a person can look at it:
//! `cargo run -p revans-documents --example sample_certificate -- /tmp/certificate.pdf [logo.png]`

use std::io::Write;

use revans_documents::{Certificate, Logo, certificate_pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "certificate.pdf".to_owned());
    let logo = match args.next() {
        Some(logo) => Some(Logo::Png(std::fs::read(logo)?)),
        None => None,
    };
    let certificate = Certificate {
        tenant_name: "North Coast ICS Leadership Academy".to_owned(),
        logo,
        holder_name: "Pat Participant".to_owned(),
        programme_title: "Leading Through Change".to_owned(),
        cohort_name: "Spring 2027 cohort".to_owned(),
        dates: "14 January 2027 to 24 June 2027".to_owned(),
        completed_on: "24 June 2027".to_owned(),
        cpd_hours: "18.5 hours".to_owned(),
        outcomes: [
            "Ask questions that open up a problem rather than solve it for someone else",
            "Work across organisational boundaries on a shared, real problem",
            "Reflect on your own leadership and what you do differently as a result",
            "Give and receive challenge and support in a set of peers",
        ]
        .map(String::from)
        .to_vec(),
        code: "K7QF-3XRM-9TWD-PL2A".to_owned(),
        verify_url: "https://academy.example.org/certificates/verify/K7QF-3XRM-9TWD-PL2A"
            .to_owned(),
    };
    std::fs::write(&path, certificate_pdf(&certificate)?)?;
    writeln!(std::io::stderr(), "wrote {path}")?;
    Ok(())
}
