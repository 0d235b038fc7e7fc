//! A bordered table that breaks across pages, repeating its header row on every page.

use crate::canvas::{Align, Canvas, MARGIN_BOTTOM, MARGIN_TOP, PAGE_H};
use crate::font::Weight;
use crate::layout::{ascent, leading};

pub struct Column<'a> {
    pub title: &'a str,
    pub width: f32,
    pub align: Align,
}

pub struct Table<'a> {
    pub columns: &'a [Column<'a>],
    /// Body font size in points; the header is set a point smaller, in bold.
    pub size: f32,
    /// Height (mm) of what follows the table and must share a page with its last row:
    /// totals and signatures never stand alone on a page without a line they sum up.
    pub keep_with_last: f32,
}

const PAD_X: f32 = 1.0;
const PAD_Y: f32 = 1.0;
const RULE_PT: f32 = 0.5;

/// A cell's lines and the size they are set in: a word wider than its column («компл» in a
/// narrow unit column) makes the cell smaller, down to the readable minimum, before a word is
/// ever broken.
type Cell = (f32, Vec<String>);

impl Table<'_> {
    fn wrap_cells(&self, c: &Canvas, cells: &[String], size: f32, w: Weight) -> Vec<Cell> {
        self.columns
            .iter()
            .zip(
                cells
                    .iter()
                    .map(String::as_str)
                    .chain(std::iter::repeat("")),
            )
            .map(|(col, text)| c.fit_lines(size, w, text, col.width - 2.0 * PAD_X, f32::MAX))
            .collect()
    }

    fn row_height(cells: &[Cell]) -> f32 {
        let text = cells
            .iter()
            .map(|(size, lines)| lines.len().max(1) as f32 * leading(*size))
            .fold(0.0, f32::max);
        text + 2.0 * PAD_Y
    }

    fn draw_row(&self, c: &mut Canvas, x: f32, y: f32, cells: &[Cell], w: Weight) -> f32 {
        let height = Self::row_height(cells);
        let mut left = x;
        for (col, (size, cell)) in self.columns.iter().zip(cells) {
            c.frame(left, y, col.width, height, RULE_PT);
            let anchor = match col.align {
                Align::Left => left + PAD_X,
                Align::Center => left + col.width / 2.0,
                Align::Right => left + col.width - PAD_X,
            };
            for (i, line) in cell.iter().enumerate() {
                let baseline = y + PAD_Y + ascent(*size) + i as f32 * leading(*size);
                c.text(anchor, baseline, *size, w, col.align, line);
            }
            #[cfg(test)]
            record_cell(c, left, y, col, height, (*size, cell), w);
            left += col.width;
        }
        y + height
    }

    fn draw_header(&self, c: &mut Canvas, x: f32, y: f32) -> f32 {
        let titles: Vec<String> = self
            .columns
            .iter()
            .map(|col| col.title.to_owned())
            .collect();
        let size = self.size - 1.0;
        let wrapped = self.wrap_cells(c, &titles, size, Weight::Bold);
        // Header titles are centred whatever the column's own alignment.
        let header = Table {
            columns: &self
                .columns
                .iter()
                .map(|col| Column {
                    title: col.title,
                    width: col.width,
                    align: Align::Center,
                })
                .collect::<Vec<_>>(),
            size,
            keep_with_last: 0.0,
        };
        header.draw_row(c, x, y, &wrapped, Weight::Bold)
    }

    /// The height the header and `rows` take on one page, to keep a short table with what
    /// comes before it.
    pub fn height(&self, c: &Canvas, rows: &[Vec<String>]) -> f32 {
        let titles: Vec<String> = self
            .columns
            .iter()
            .map(|col| col.title.to_owned())
            .collect();
        let header = Self::row_height(&self.wrap_cells(c, &titles, self.size - 1.0, Weight::Bold));
        rows.iter()
            .map(|row| Self::row_height(&self.wrap_cells(c, row, self.size, Weight::Regular)))
            .sum::<f32>()
            + header
    }

    /// Draws the header and `rows` from `y` down; a row that would cross the bottom margin
    /// goes to a new page under a repeated header. Returns the y just below the table.
    pub fn draw(&self, c: &mut Canvas, x: f32, y: f32, rows: &[Vec<String>]) -> f32 {
        let bottom = PAGE_H - MARGIN_BOTTOM;
        let mut y = self.draw_header(c, x, y);
        // Rows already on this page: the last row moves over with the tail only if it
        // leaves at least one behind, or a page would hold nothing but the header.
        let mut on_page = 0;
        for (i, row) in rows.iter().enumerate() {
            let cells = self.wrap_cells(c, row, self.size, Weight::Regular);
            let height = Self::row_height(&cells);
            let tail = if i + 1 == rows.len() {
                self.keep_with_last
            } else {
                0.0
            };
            let overflows = y + height > bottom;
            let strands_tail = on_page > 0 && y + height + tail > bottom;
            if overflows || strands_tail {
                c.new_page();
                y = self.draw_header(c, x, MARGIN_TOP);
                on_page = 0;
            }
            y = self.draw_row(c, x, y, &cells, Weight::Regular);
            on_page += 1;
        }
        y
    }
}

/// Keeps where a cell's text landed for the layout tests: its inner frame (inside the padding)
/// and the ink of its lines as aligned.
#[cfg(test)]
fn record_cell(
    c: &mut Canvas,
    left: f32,
    top: f32,
    col: &Column<'_>,
    height: f32,
    (size, cell): (f32, &[String]),
    weight: Weight,
) {
    use crate::layout::{Frame, Placed};
    let widest = cell
        .iter()
        .map(|line| c.width(size, weight, line))
        .fold(0.0, f32::max);
    let inner = Frame::new(
        left + PAD_X,
        top + PAD_Y,
        col.width - 2.0 * PAD_X,
        height - 2.0 * PAD_Y,
    );
    let ink_x = match col.align {
        Align::Left => inner.x,
        Align::Center => left + (col.width - widest) / 2.0,
        Align::Right => inner.x + inner.w - widest,
    };
    c.record(Placed {
        page: c.page_index(),
        frame: inner,
        text: Frame::new(ink_x, inner.y, widest, cell.len() as f32 * leading(size)),
        size,
        value: cell.join(" "),
    });
}
