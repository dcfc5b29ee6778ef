use std::io::{Cursor, Read};

use revans_documents::{DocumentError, zip_files};

fn files(names: &[&str]) -> Vec<(String, Vec<u8>)> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                (*n).to_owned(),
                format!("%PDF-1.7 file {i} ")
                    .repeat(50 * i + 1)
                    .into_bytes(),
            )
        })
        .collect()
}

#[test]
fn the_zip_reads_back_with_every_name_and_byte_in_order() {
    let input = files(&[
        "Pat Participant - K7QF-3XRM.pdf",
        "Bo Participant - 9TWD-QQ2P.pdf",
        "Jürgen Müller.pdf",
    ]);
    let bytes = zip_files(&input).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a valid ZIP");
    assert_eq!(archive.len(), 3);
    for (i, (name, content)) in input.iter().enumerate() {
        let mut file = archive.by_index(i).unwrap();
        assert_eq!(file.name().expect("a UTF-8 name"), name.as_str());
        assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
        let mut read = Vec::new();
        file.read_to_end(&mut read).unwrap();
        assert_eq!(&read, content);
    }
}

#[test]
fn an_empty_list_is_an_empty_zip() {
    let bytes = zip_files(&[]).unwrap();
    assert_eq!(zip::ZipArchive::new(Cursor::new(bytes)).unwrap().len(), 0);
}

#[test]
fn names_used_twice_are_refused_ignoring_case() {
    let err = zip_files(&files(&["a.pdf", "b.pdf", "A.PDF"])).unwrap_err();
    assert!(
        matches!(&err, DocumentError::DuplicateName(name) if name == "A.PDF"),
        "{err:?}"
    );
    assert!(err.to_string().contains("used twice"));
}

#[test]
fn paths_and_odd_names_are_refused_naming_the_problem() {
    for (name, reason) in [
        ("../escape.pdf", "it contains a path separator"),
        ("folder/a.pdf", "it contains a path separator"),
        ("C:\\a.pdf", "it contains a path separator"),
        ("/etc/passwd", "it contains a path separator"),
        ("", "it is empty"),
        ("  ", "it is empty"),
        ("..", "it names a folder"),
        ("a\nb.pdf", "it contains a control character"),
    ] {
        let err = zip_files(&files(&["ok.pdf", name])).unwrap_err();
        match err {
            DocumentError::ZipName { name: n, reason: r } => {
                assert_eq!((n.as_str(), r), (name, reason));
            }
            other => panic!("{name:?}: {other:?}"),
        }
    }
    let long = "x".repeat(252) + ".pdf";
    assert!(zip_files(&files(&[&long])).is_err());
}
