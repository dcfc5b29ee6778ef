use std::process::Command;

use revans_documents::{Certificate, DocumentError, Logo, certificate_pdf};

use crate::strings;

fn text_of(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads back")
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contains(pdf: &[u8], needle: &str) -> bool {
    pdf.windows(needle.len()).any(|w| w == needle.as_bytes())
}

pub fn certificate() -> Certificate {
    Certificate {
        tenant_name: "North Coast ICS Leadership Academy".to_owned(),
        logo: None,
        holder_name: "Pat Participant".to_owned(),
        programme_title: "Leading Together: action learning for system leaders".to_owned(),
        cohort_name: "Cohort 3".to_owned(),
        dates: "14 January 2027 to 24 June 2027".to_owned(),
        completed_on: "24 June 2027".to_owned(),
        cpd_hours: "18.5 hours".to_owned(),
        outcomes: strings(&[
            "Ask questions that open up a problem rather than solve it for someone else",
            "Work across organisational boundaries on a shared problem",
            "Reflect on your own leadership with a trusted set",
        ]),
        code: "K7QF-3XRM-9TWD".to_owned(),
        verify_url: "https://academy.example.org/certificates/verify/K7QF-3XRM-9TWD".to_owned(),
    }
}

/// The page as greyscale pixels at `dpi`, drawn by poppler's pdftoppm (Debian's
/// poppler-utils, installed by .ci/run): what a phone's camera would see on paper.
fn rasterise(pdf: &[u8], dpi: u32) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("certificate.pdf");
    std::fs::write(&input, pdf).expect("the PDF is written");
    let root = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-singlefile", "-r", &dpi.to_string()])
        .arg(&input)
        .arg(&root)
        .status()
        .expect("pdftoppm runs (apt-get install poppler-utils)");
    assert!(status.success(), "pdftoppm draws the page");
    let pgm = std::fs::read(root.with_extension("pgm")).expect("pdftoppm wrote a PGM");
    // Binary PGM: "P5", width, height, maximum value, one whitespace byte, then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    let pixels = pgm[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}

/// Every QR code found on the page, decoded.
fn qr_codes(pdf: &[u8]) -> Vec<String> {
    let (width, height, pixels) = rasterise(pdf, 300);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    image
        .detect_grids()
        .iter()
        .map(|grid| grid.decode().expect("the QR code decodes").1)
        .collect()
}

#[test]
fn every_field_is_printed_as_text_in_reading_order() {
    let c = certificate();
    let pdf = certificate_pdf(&c).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = words(&text_of(&pdf));
    let mut expected = vec![
        c.tenant_name.clone(),
        "Certificate of completion".to_owned(),
        c.holder_name.clone(),
        c.programme_title.clone(),
        "Cohort 3, 14 January 2027 to 24 June 2027".to_owned(),
        "Completed on 24 June 2027 with 18.5 hours of continuing professional development (CPD)"
            .to_owned(),
        "Learning outcomes".to_owned(),
    ];
    expected.extend(c.outcomes.iter().cloned());
    expected.push("Verification code: K7QF-3XRM-9TWD".to_owned());
    expected.push(c.verify_url.clone());
    let mut from = 0;
    for field in expected {
        let at = text[from..]
            .find(&field)
            .unwrap_or_else(|| panic!("{field:?} missing (or out of order) in {text:?}"));
        from += at + field.len();
    }
}

#[test]
fn the_qr_code_on_the_page_decodes_to_the_verification_address() {
    let c = certificate();
    let pdf = certificate_pdf(&c).unwrap();
    assert_eq!(qr_codes(&pdf), vec![c.verify_url]);
}

#[test]
fn a_long_address_still_decodes_from_the_page() {
    let mut c = certificate();
    c.code = "Q".repeat(40);
    let short = format!(
        "https://leadership-academy.north-coast-integrated-care-system.example.org//certificates/verify/{}",
        c.code
    );
    c.verify_url = short.replacen(
        "org//",
        &format!("org/{}/", "a".repeat(200 - short.len())),
        1,
    );
    assert_eq!(c.verify_url.chars().count(), 200);
    let pdf = certificate_pdf(&c).unwrap();
    assert_eq!(qr_codes(&pdf), vec![c.verify_url.clone()]);
    assert!(words(&text_of(&pdf)).contains(&c.code));
}

#[test]
fn a_long_name_and_many_outcomes_still_fit_on_one_page_with_a_readable_qr_code() {
    let mut c = certificate();
    c.holder_name =
        "Professor Dame Anne-Marie Wolstenholme-Fitzwilliam-Cholmondeley OBE FRCP FRCS MBA"
            .to_owned();
    c.programme_title = "Leading Together across health and social care: ".repeat(2);
    c.outcomes = (1..=20)
        .map(|i| {
            format!(
                "Outcome {i}: lead a set through a real organisational problem, asking open \
                 questions and reflecting on what changed"
            )
        })
        .collect();
    let pdf = certificate_pdf(&c).unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
    assert_eq!(pages.len(), 1, "one page");
    let text = words(&pages[0]);
    for i in 1..=20 {
        assert!(
            text.contains(&format!("Outcome {i}: lead")),
            "outcome {i}: {text}"
        );
    }
    assert!(text.contains(&c.holder_name), "the name whole: {text}");
    assert!(text.contains("K7QF-3XRM-9TWD"));
    assert_eq!(qr_codes(&pdf), vec![c.verify_url]);
}

#[test]
fn far_too_many_outcomes_are_cut_short_and_counted_rather_than_overflow() {
    let mut c = certificate();
    c.outcomes = (1..=200).map(|i| format!("Outcome number {i}")).collect();
    let pdf = certificate_pdf(&c).unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
    assert_eq!(pages.len(), 1);
    let text = words(&pages[0]);
    assert!(text.contains("Outcome number 1 "), "{text}");
    let shown = (1..=200)
        .filter(|i| text.contains(&format!("Outcome number {i} ")))
        .count();
    assert!(shown > 20 && shown < 200, "{shown}");
    assert!(
        text.contains(&format!("and {} more learning outcomes", 200 - shown)),
        "{text}"
    );
    assert!(text.contains(&c.verify_url), "the address is still printed");
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..width * height)
        .flat_map(|i| [0x1d, (i % 256) as u8, 0x91])
        .collect();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

#[test]
fn a_png_logo_is_embedded_as_an_image() {
    let mut c = certificate();
    let without = certificate_pdf(&c).unwrap();
    assert!(!contains(&without, "/Subtype/Image"));
    c.logo = Some(Logo::Png(png(120, 40)));
    let pdf = certificate_pdf(&c).unwrap();
    assert!(contains(&pdf, "/Subtype/Image"), "an image XObject");
    assert!(contains(&pdf, "/Width 120") || contains(&pdf, "/Width 120/"));
    assert!(words(&text_of(&pdf)).contains(&c.tenant_name));
}

#[test]
fn a_broken_logo_is_a_clear_error() {
    let mut c = certificate();
    c.logo = Some(Logo::Png(
        b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
    ));
    let err = certificate_pdf(&c).unwrap_err();
    assert!(matches!(err, DocumentError::Logo(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("the logo cannot be read as a PNG image"),
        "{err}"
    );
    // A PNG signature and header with its image data cut off.
    let mut cut = png(120, 40);
    cut.truncate(60);
    c.logo = Some(Logo::Png(cut));
    let err = certificate_pdf(&c).unwrap_err();
    assert!(matches!(err, DocumentError::Logo(_)), "{err:?}");
}

#[test]
fn fonts_are_embedded_and_the_metadata_names_the_title_and_language() {
    let pdf = certificate_pdf(&certificate()).unwrap();
    assert!(contains(&pdf, "/FontFile2"));
    assert!(contains(&pdf, "DejaVuSans"));
    assert!(contains(&pdf, "/Lang(en-GB)"));
    assert!(contains(
        &pdf,
        "<rdf:li xml:lang=\"x-default\">Certificate of completion: Pat Participant, Leading Together"
    ));
    assert!(contains(&pdf, "/S/H1"));
    assert!(contains(&pdf, "/S/L"));
    assert_eq!(
        pdf.windows(6)
            .filter(|w| w == b"/S/LI>" || w == b"/S/LI/")
            .count(),
        3
    );
    assert!(contains(
        &pdf,
        "/Alt(QR code for the verification address https:"
    ));
}

#[test]
fn a_certificate_without_a_code_or_address_is_refused() {
    let mut c = certificate();
    c.code = " ".to_owned();
    assert!(matches!(
        certificate_pdf(&c),
        Err(DocumentError::Missing("verification code"))
    ));
    let mut c = certificate();
    c.verify_url = String::new();
    let err = certificate_pdf(&c).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the certificate has no verification address"
    );
    let mut c = certificate();
    c.verify_url = format!("https://example.org/{}", "x".repeat(3000));
    assert!(matches!(
        certificate_pdf(&c),
        Err(DocumentError::VerifyUrlTooLong { .. })
    ));
}

#[test]
fn odd_text_still_makes_a_certificate() {
    let mut c = certificate();
    c.holder_name = "Jürgen Müller-Łukasiewicz 日本語 😀 \u{7}".to_owned();
    c.cohort_name = String::new();
    c.outcomes = vec![String::new(), "x".repeat(2000), "  ".to_owned()];
    let pdf = certificate_pdf(&c).unwrap();
    let text = words(&text_of(&pdf));
    assert!(text.contains("Jürgen Müller-Łukasiewicz"), "{text}");
    assert!(
        text.contains("for system leaders 14 January 2027"),
        "{text}"
    );
}
