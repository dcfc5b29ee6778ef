//! The PDF: lay out, then write.

mod layout;
mod render;

use crate::model::Document;

pub(crate) fn to_pdf(document: &Document) -> Vec<u8> {
    let pages = layout::lay_out(document);
    render::render(&document.title, &pages)
}
