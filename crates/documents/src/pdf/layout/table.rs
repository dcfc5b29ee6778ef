//! Tables: columns sized to their content, rows that break across pages with the caption and
//! header repeated, each cell a tagged TH or TD.

use super::BOTTOM;
use super::{
    Anchor, CELL, CELL_PAD_X, CELL_PAD_Y, GREY, HEADER_FILL, INK, Kind, LEFT, Layout, Mark, Paint,
    RULE, Shape, WIDTH, ascent, text,
};
use crate::metrics::{text_width, wrap};
use crate::model::Table;

impl Layout {
    pub(super) fn table(&mut self, table: &Table) {
        let columns = table
            .header
            .len()
            .max(table.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let widths = column_widths(table, columns);
        let cell = |row: &[String], c: usize| row.get(c).map_or("", String::as_str).to_owned();
        let wrap_row = |row: &[String], bold: bool| -> Vec<Vec<String>> {
            (0..columns)
                .map(|c| wrap(&cell(row, c), CELL, bold, widths[c] - 2.0 * CELL_PAD_X))
                .collect()
        };
        let header = wrap_row(&table.header, true);
        // A column of numbers (and dashes for what is not shown) is set right, header included.
        let numeric: Vec<bool> = (0..columns)
            .map(|c| {
                let mut cells = table
                    .rows
                    .iter()
                    .map(|r| cell(r, c))
                    .filter(|v| !v.trim().is_empty())
                    .peekable();
                cells.peek().is_some() && cells.all(|v| is_number(&v))
            })
            .collect();
        let leading = CELL * 1.3;
        let height = |cells: &[Vec<String>]| {
            cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 2.0 * CELL_PAD_Y
        };
        let header_height = height(&header);
        let caption = wrap(&table.caption, 9.5, true, WIDTH);
        let caption_height = if table.caption.is_empty() {
            0.0
        } else {
            caption.len() as f32 * 13.0 + 2.0
        };
        let first_row = table
            .rows
            .first()
            .map_or(0.0, |r| height(&wrap_row(r, false)));
        self.space(4.0);
        self.need(caption_height + header_height + first_row);
        let node = self.open(Kind::Table, None);
        if !table.caption.is_empty() {
            self.open(Kind::Caption, Some(node));
            self.lines(&caption, 9.5, true, INK, 13.0);
            self.y += 2.0;
        }
        self.row(&header, &widths, &numeric, Some(node), true, header_height);
        for row in &table.rows {
            let cells = wrap_row(row, false);
            let h = height(&cells);
            if self.y + h > BOTTOM {
                self.new_page();
                let caption = if table.caption.is_empty() {
                    revans_i18n::t("pdf-table")
                } else {
                    table.caption.clone()
                };
                let more = revans_i18n::t_args("pdf-continued", &[("caption", caption.into())]);
                let more = wrap(&more, 9.5, true, WIDTH);
                // Repeated for the eye; a screen reader has read them once.
                self.mark = Mark::Pagination;
                self.lines(&more, 9.5, true, GREY, 13.0);
                self.y += 2.0;
                self.row(&header, &widths, &numeric, None, true, header_height);
            }
            self.row(&cells, &widths, &numeric, Some(node), false, h);
        }
        self.y += 10.0;
    }

    fn row(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        numeric: &[bool],
        table: Option<usize>,
        header: bool,
        height: f32,
    ) {
        let top = self.y;
        let right = LEFT + widths.iter().sum::<f32>();
        let row = table.map(|t| self.open(Kind::Row, Some(t)));
        if header {
            self.mark = Mark::Layout;
            self.push(Shape::Path {
                points: vec![
                    (LEFT, top),
                    (right, top),
                    (right, top + height),
                    (LEFT, top + height),
                ],
                closed: true,
                stroke: None,
                fill: Some(Paint::Solid(HEADER_FILL)),
            });
        }
        let mut x = LEFT;
        for ((lines, width), numeric) in cells.iter().zip(widths).zip(numeric.iter().copied()) {
            self.mark = Mark::Pagination;
            if let Some(row) = row {
                self.open(
                    if header { Kind::HeaderCell } else { Kind::Cell },
                    Some(row),
                );
            }
            for (l, line) in lines.iter().enumerate() {
                let baseline =
                    top + CELL_PAD_Y + ascent(CELL) + l as f32 * CELL * 1.3 + CELL * 0.15;
                let (tx, anchor) = if numeric {
                    (x + width - CELL_PAD_X, Anchor::End)
                } else {
                    (x + CELL_PAD_X, Anchor::Start)
                };
                self.push(text(tx, baseline, CELL, header, INK, anchor, line));
            }
            x += width;
        }
        let (colour, weight) = if header { (INK, 0.9) } else { (RULE, 0.5) };
        self.rule(top + height, LEFT, right, colour, weight);
        self.y = top + height;
    }
}

fn is_number(cell: &str) -> bool {
    let cell = cell.trim().trim_end_matches('%').trim();
    cell == "–" || (!cell.is_empty() && cell.replace(',', "").parse::<f64>().is_ok())
}

/// Each column as wide as its content where that fits; otherwise the columns narrower than a
/// fair share keep their width and the wide ones share the rest in proportion, none below its
/// longest word (up to a fair share). Always the full text width in total.
pub(super) fn column_widths(table: &Table, columns: usize) -> Vec<f32> {
    let mut natural = vec![0.0f32; columns];
    let mut minimum = vec![0.0f32; columns];
    let rows = std::iter::once((&table.header, true)).chain(table.rows.iter().map(|r| (r, false)));
    for (row, bold) in rows {
        for (c, cell) in row.iter().enumerate().take(columns) {
            let mut longest_word = 0.0f32;
            for word in cell.split_whitespace() {
                longest_word = longest_word.max(text_width(word, CELL, bold));
            }
            minimum[c] = minimum[c].max(longest_word);
            // A header may wrap at its spaces: it asks only for its longest word.
            let wants = if bold {
                longest_word
            } else {
                text_width(cell, CELL, bold)
            };
            natural[c] = natural[c].max(wants);
        }
    }
    let pad = 2.0 * CELL_PAD_X + 1.0;
    let natural: Vec<f32> = natural.iter().map(|w| w + pad).collect();
    let fair = WIDTH / columns as f32;
    let minimum: Vec<f32> = minimum
        .iter()
        .map(|w| (w + pad).min(fair.max(60.0)))
        .collect();
    let total: f32 = natural.iter().sum();
    if total <= WIDTH {
        // Share the slack out evenly so narrow tables still span the page.
        let extra = (WIDTH - total) / columns as f32;
        return natural.iter().map(|w| w + extra).collect();
    }
    let mut fixed = vec![false; columns];
    let mut remaining = WIDTH;
    loop {
        let open = fixed.iter().filter(|f| !**f).count().max(1);
        let share = remaining / open as f32;
        let settled: Vec<usize> = (0..columns)
            .filter(|&c| !fixed[c] && natural[c] <= share)
            .collect();
        if settled.is_empty() {
            break;
        }
        for c in settled {
            fixed[c] = true;
            remaining -= natural[c];
        }
    }
    let wide: f32 = (0..columns)
        .filter(|&c| !fixed[c])
        .map(|c| natural[c])
        .sum();
    let widths: Vec<f32> = (0..columns)
        .map(|c| {
            if fixed[c] {
                natural[c]
            } else {
                (remaining * natural[c] / wide).max(minimum[c])
            }
        })
        .collect();
    let sum: f32 = widths.iter().sum();
    widths.iter().map(|w| w * WIDTH / sum).collect()
}
