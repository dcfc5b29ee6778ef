//! Lays the certificate out on one A4 landscape page, y downwards from the top, in points.
//! Everything is fitted, never overflowed: long names and titles are set smaller and wrapped,
//! many outcomes smaller still and then in two columns; only input far beyond any real
//! certificate is cut short (marked with "…", or "and N more learning outcomes").

use super::Certificate;
use super::qr::{Modules, QUIET_ZONE};
use crate::chart::{GREY, INK, Rgb, WHITE};
use crate::metrics::{text_width, wrap};

pub(super) const PAGE_WIDTH: f32 = 841.89;
pub(super) const PAGE_HEIGHT: f32 = 595.28;
const LEFT: f32 = 64.0;
const RIGHT: f32 = PAGE_WIDTH - 64.0;
const TOP: f32 = 50.0;
const BOTTOM: f32 = PAGE_HEIGHT - 50.0;
const WIDTH: f32 = RIGHT - LEFT;
const CENTRE: f32 = PAGE_WIDTH / 2.0;
/// The QR code's square, quiet zone included: 4 cm.
pub(super) const QR_BOX: f32 = 113.4;
const GAP: f32 = 28.0;
/// Outcomes and the verification text sit left of the QR code.
const COLUMN: f32 = WIDTH - QR_BOX - GAP;
const LOGO_WIDTH: f32 = 180.0;
const LOGO_HEIGHT: f32 = 50.0;
pub(super) const ACCENT: Rgb = Rgb(0x1d, 0x4f, 0x91);
const BLACK: Rgb = Rgb(0, 0, 0);

pub(super) enum Draw {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: String,
    },
    /// Filled rectangles: x, y, width, height.
    Rects {
        rects: Vec<[f32; 4]>,
        colour: Rgb,
    },
    /// A stroked rectangle.
    Frame {
        rect: [f32; 4],
        width: f32,
    },
    Line {
        x0: f32,
        x1: f32,
        y: f32,
    },
    Logo {
        rect: [f32; 4],
    },
}

/// What an element is in the PDF's structure (its tags, for screen readers).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    /// Decoration a reader skips: the frame, rules, the logo (the tenant's name follows as text).
    Artifact,
    Title,
    Heading(String),
    Paragraph,
    List,
    Item,
    Label,
    Body,
    Figure(String),
}

pub(super) struct Element {
    pub role: Role,
    pub draws: Vec<Draw>,
    pub children: Vec<Element>,
}

fn element(role: Role, draws: Vec<Draw>) -> Element {
    Element {
        role,
        draws,
        children: Vec::new(),
    }
}

/// The first of `sizes` (largest first) at which `text` takes one line, then two, … up to
/// `max_lines`; past that the smallest size, cut to `max_lines` with "…".
fn fit(text: &str, sizes: &[f32], bold: bool, width: f32, max_lines: usize) -> (f32, Vec<String>) {
    for lines in 1..=max_lines {
        for &size in sizes {
            let wrapped = wrap(text, size, bold, width);
            if wrapped.len() <= lines {
                return (size, wrapped);
            }
        }
    }
    let size = sizes[sizes.len() - 1];
    let mut lines = wrap(text, size, bold, width);
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        while !last.is_empty() && text_width(&format!("{last}…"), size, bold) > width {
            last.pop();
        }
        last.push('…');
    }
    (size, lines)
}

/// Lines of text centred on the page, from `*y` down; `*y` ends below them.
fn centred(lines: &[String], size: f32, bold: bool, colour: Rgb, y: &mut f32) -> Vec<Draw> {
    let leading = size * 1.3;
    lines
        .iter()
        .map(|line| {
            let draw = Draw::Text {
                x: CENTRE - text_width(line, size, bold) / 2.0,
                y: *y + size * 0.93 + (leading - size) / 2.0,
                size,
                bold,
                colour,
                text: line.clone(),
            };
            *y += leading;
            draw
        })
        .collect()
}

fn left(lines: &[String], x: f32, size: f32, bold: bool, colour: Rgb, y: &mut f32) -> Vec<Draw> {
    let leading = size * 1.35;
    lines
        .iter()
        .map(|line| {
            let draw = Draw::Text {
                x,
                y: *y + size * 0.93 + (leading - size) / 2.0,
                size,
                bold,
                colour,
                text: line.clone(),
            };
            *y += leading;
            draw
        })
        .collect()
}

fn paragraph(
    text: &str,
    sizes: &[f32],
    bold: bool,
    colour: Rgb,
    max: usize,
    y: &mut f32,
) -> Element {
    let (size, lines) = fit(text, sizes, bold, WIDTH, max);
    element(Role::Paragraph, centred(&lines, size, bold, colour, y))
}

pub(super) fn lay_out(c: &Certificate, logo: Option<(u32, u32)>, qr: &Modules) -> Vec<Element> {
    let mut out = vec![frame()];
    let mut y = TOP;
    if let Some((w, h)) = logo {
        let (w, h) = (w.max(1) as f32, h.max(1) as f32);
        let scale = (LOGO_WIDTH / w).min(LOGO_HEIGHT / h);
        let (w, h) = (w * scale, h * scale);
        out.push(element(
            Role::Artifact,
            vec![Draw::Logo {
                rect: [CENTRE - w / 2.0, y, w, h],
            }],
        ));
        y += h + 8.0;
    }
    out.push(paragraph(
        &c.tenant_name,
        &[13.0, 12.0, 11.0],
        false,
        GREY,
        2,
        &mut y,
    ));
    y += 12.0;
    let title = [revans_i18n::t("pdf-certificate-title")];
    out.push(element(
        Role::Title,
        centred(&title, 26.0, true, ACCENT, &mut y),
    ));
    y += 6.0;
    out.push(paragraph(
        &revans_i18n::t("pdf-certificate-certifies"),
        &[11.0],
        false,
        GREY,
        1,
        &mut y,
    ));
    y += 2.0;
    let names = [30.0, 28.0, 26.0, 24.0, 22.0, 20.0, 18.0];
    out.push(paragraph(&c.holder_name, &names, true, INK, 2, &mut y));
    y += 2.0;
    out.push(paragraph(
        &revans_i18n::t("pdf-certificate-completed-programme"),
        &[11.0],
        false,
        GREY,
        1,
        &mut y,
    ));
    let titles = [18.0, 17.0, 16.0, 15.0, 14.0, 13.0, 12.0];
    out.push(paragraph(&c.programme_title, &titles, true, INK, 2, &mut y));
    let cohort = if c.cohort_name.trim().is_empty() {
        c.dates.clone()
    } else {
        format!("{}, {}", c.cohort_name, c.dates)
    };
    let small = [11.5, 11.0, 10.5, 10.0];
    out.push(paragraph(&cohort, &small, false, INK, 2, &mut y));
    let completed = revans_i18n::t_args(
        "pdf-certificate-completed-on",
        &[
            ("date", c.completed_on.clone().into()),
            ("hours", c.cpd_hours.clone().into()),
        ],
    );
    out.push(paragraph(&completed, &small, false, INK, 2, &mut y));
    y += 8.0;
    out.push(element(
        Role::Artifact,
        vec![Draw::Line {
            x0: LEFT,
            x1: RIGHT,
            y,
        }],
    ));
    y += 12.0;
    let (verification, verification_top) = verification(c);
    out.extend(outcomes(&c.outcomes, y, verification_top - 10.0));
    out.extend(verification);
    out.push(qr_code(qr, &c.verify_url));
    out
}

fn frame() -> Element {
    element(
        Role::Artifact,
        vec![
            Draw::Frame {
                rect: [20.0, 20.0, PAGE_WIDTH - 40.0, PAGE_HEIGHT - 40.0],
                width: 2.2,
            },
            Draw::Frame {
                rect: [26.0, 26.0, PAGE_WIDTH - 52.0, PAGE_HEIGHT - 52.0],
                width: 0.6,
            },
        ],
    )
}

/// The code and the address, at the foot of the left column; returns where they start.
fn verification(c: &Certificate) -> (Vec<Element>, f32) {
    let (code_size, code) = fit(
        &revans_i18n::t_args("pdf-certificate-code", &[("code", c.code.clone().into())]),
        &[10.5, 9.5, 8.5],
        true,
        COLUMN,
        2,
    );
    let check = [revans_i18n::t("pdf-certificate-check")];
    let (url_size, url) = fit(&c.verify_url, &[9.5, 9.0, 8.5, 8.0], false, COLUMN, 3);
    let height = (code.len() as f32 * code_size + (1 + url.len()) as f32 * 9.5) * 1.35;
    let top = BOTTOM - height;
    let mut y = top;
    let elements = vec![
        element(
            Role::Paragraph,
            left(&code, LEFT, code_size, true, INK, &mut y),
        ),
        element(
            Role::Paragraph,
            left(&check, LEFT, 9.5, false, GREY, &mut y),
        ),
        element(
            Role::Paragraph,
            left(&url, LEFT, url_size, false, INK, &mut y),
        ),
    ];
    (elements, top)
}

struct Placed {
    /// Column index, then each line.
    column: usize,
    lines: Vec<String>,
    y: f32,
}

/// Places every outcome at `size` in `columns` columns between `top` and `bottom`, an item
/// never split; `None` if they do not all fit.
fn place(
    outcomes: &[String],
    size: f32,
    columns: usize,
    top: f32,
    bottom: f32,
) -> Option<Vec<Placed>> {
    let width = column_width(columns);
    let leading = size * 1.35;
    let (mut column, mut y) = (0, top);
    let mut placed = Vec::new();
    for outcome in outcomes {
        let lines = wrap(outcome, size, false, width - size * 1.2);
        let height = lines.len() as f32 * leading;
        if y + height > bottom && y > top {
            column += 1;
            y = top;
        }
        if column >= columns || y + height > bottom {
            return None;
        }
        placed.push(Placed { column, lines, y });
        y += height + size * 0.35;
    }
    Some(placed)
}

fn column_width(columns: usize) -> f32 {
    (COLUMN - GAP / 2.0 * (columns as f32 - 1.0)) / columns as f32
}

fn outcomes(outcomes: &[String], top: f32, bottom: f32) -> Vec<Element> {
    let outcomes: Vec<String> = outcomes
        .iter()
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty())
        .collect();
    if outcomes.is_empty() {
        return Vec::new();
    }
    let mut y = top;
    let heading = [revans_i18n::t("pdf-certificate-outcomes")];
    let heading = element(
        Role::Heading(heading[0].clone()),
        left(&heading, LEFT, 11.0, true, INK, &mut y),
    );
    y += 2.0;
    let tries = [
        (10.0, 1),
        (9.5, 1),
        (9.0, 1),
        (8.5, 1),
        (8.0, 1),
        (7.5, 1),
        (8.0, 2),
        (7.5, 2),
        (7.0, 2),
        (6.5, 2),
    ];
    let fitted = tries.iter().find_map(|&(size, columns)| {
        Some((size, columns, place(&outcomes, size, columns, y, bottom)?))
    });
    let (size, columns, placed, more) = match fitted {
        Some((size, columns, placed)) => (size, columns, placed, 0),
        None => {
            // Far more than a certificate holds: as many as fit, then how many are left out.
            let (size, columns) = (6.5, 2);
            let line = size * 1.35;
            let mut kept = outcomes.len();
            loop {
                kept -= 1;
                if let Some(placed) = place(&outcomes[..kept], size, columns, y, bottom - line) {
                    break (size, columns, placed, outcomes.len() - kept);
                }
                if kept == 0 {
                    break (size, columns, Vec::new(), outcomes.len());
                }
            }
        }
    };
    let width = column_width(columns);
    let items = placed
        .into_iter()
        .map(|item| {
            let x = LEFT + item.column as f32 * (width + GAP / 2.0);
            let mut label_y = item.y;
            let bullet = left(&["•".to_owned()], x, size, false, ACCENT, &mut label_y);
            let mut line_y = item.y;
            let body = left(&item.lines, x + size * 1.2, size, false, INK, &mut line_y);
            Element {
                role: Role::Item,
                draws: Vec::new(),
                children: vec![element(Role::Label, bullet), element(Role::Body, body)],
            }
        })
        .collect();
    let mut out = vec![
        heading,
        Element {
            role: Role::List,
            draws: Vec::new(),
            children: items,
        },
    ];
    if more > 0 {
        let mut y = bottom - size * 1.35;
        let line = [format!("and {more} more learning outcomes")];
        out.push(element(
            Role::Paragraph,
            left(&line, LEFT, size, false, GREY, &mut y),
        ));
    }
    out
}

/// The QR code at the foot of the right column: a white square (the quiet zone) and the dark
/// modules as rectangles.
fn qr_code(qr: &Modules, url: &str) -> Element {
    let (x, y) = (RIGHT - QR_BOX, BOTTOM - QR_BOX);
    let module = QR_BOX / (qr.width + 2 * QUIET_ZONE) as f32;
    let quiet = QUIET_ZONE as f32 * module;
    let rects = qr
        .runs()
        .into_iter()
        .map(|(row, column, length)| {
            [
                x + quiet + column as f32 * module,
                y + quiet + row as f32 * module,
                length as f32 * module,
                module,
            ]
        })
        .collect();
    element(
        Role::Figure(format!("QR code for the verification address {url}")),
        vec![
            Draw::Rects {
                rects: vec![[x, y, QR_BOX, QR_BOX]],
                colour: WHITE,
            },
            Draw::Rects {
                rects,
                colour: BLACK,
            },
        ],
    )
}
