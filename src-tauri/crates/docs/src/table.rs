//! A bordered table that breaks across pages, repeating its header row on every page.

use crate::canvas::{Align, Canvas, MARGIN_BOTTOM, MARGIN_TOP, PAGE_H};
use crate::font::{Weight, PT_PER_MM};

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

impl Table<'_> {
    fn leading(size: f32) -> f32 {
        size / PT_PER_MM * 1.2
    }

    fn wrap_cells(&self, c: &Canvas, cells: &[String], size: f32, w: Weight) -> Vec<Vec<String>> {
        self.columns
            .iter()
            .zip(
                cells
                    .iter()
                    .map(String::as_str)
                    .chain(std::iter::repeat("")),
            )
            .map(|(col, text)| c.wrap(size, w, text, col.width - 2.0 * PAD_X))
            .collect()
    }

    fn draw_row(
        &self,
        c: &mut Canvas,
        x: f32,
        y: f32,
        cells: &[Vec<String>],
        size: f32,
        w: Weight,
    ) -> f32 {
        let leading = Self::leading(size);
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * leading + 2.0 * PAD_Y;
        let ascent = size / PT_PER_MM * 0.78;
        let mut left = x;
        for (col, cell) in self.columns.iter().zip(cells) {
            c.frame(left, y, col.width, height, RULE_PT);
            let anchor = match col.align {
                Align::Left => left + PAD_X,
                Align::Center => left + col.width / 2.0,
                Align::Right => left + col.width - PAD_X,
            };
            for (i, line) in cell.iter().enumerate() {
                let baseline = y + PAD_Y + ascent + i as f32 * leading;
                c.text(anchor, baseline, size, w, col.align, line);
            }
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
        header.draw_row(c, x, y, &wrapped, size, Weight::Bold)
    }

    /// Draws the header and `rows` from `y` down; a row that would cross the bottom margin
    /// goes to a new page under a repeated header. Returns the y just below the table.
    pub fn draw(&self, c: &mut Canvas, x: f32, y: f32, rows: &[Vec<String>]) -> f32 {
        let bottom = PAGE_H - MARGIN_BOTTOM;
        let mut y = self.draw_header(c, x, y);
        let leading = Self::leading(self.size);
        // Rows already on this page: the last row moves over with the tail only if it
        // leaves at least one behind, or a page would hold nothing but the header.
        let mut on_page = 0;
        for (i, row) in rows.iter().enumerate() {
            let cells = self.wrap_cells(c, row, self.size, Weight::Regular);
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * leading + 2.0 * PAD_Y;
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
            y = self.draw_row(c, x, y, &cells, self.size, Weight::Regular);
            on_page += 1;
        }
        y
    }
}
