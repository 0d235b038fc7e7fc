//! Text that stays inside its frame: wrapped to the frame's width and shrunk, only as far as a
//! readable minimum, until its lines fit the frame's height. The layout tests read back where
//! each box's text landed and check it against the frame.

use crate::canvas::{Align, Canvas};
use crate::font::{Weight, PT_PER_MM};

/// The smallest size a value is set in: below 7 pt a printed form is no longer read reliably.
pub const MIN_SIZE: f32 = 7.0;

/// A rectangle in millimetres from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Frame {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// Whether `inner` lies within this frame, allowing a hundredth of a millimetre of float
    /// rounding.
    #[cfg(test)]
    pub fn holds(&self, inner: &Frame) -> bool {
        const EPS: f32 = 0.01;
        inner.x >= self.x - EPS
            && inner.y >= self.y - EPS
            && inner.x + inner.w <= self.x + self.w + EPS
            && inner.y + inner.h <= self.y + self.h + EPS
    }
}

/// Where a box's text was laid out, kept for the layout tests.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub page: usize,
    pub frame: Frame,
    /// The ink's extent: the widest line by the lines' height at the size used.
    pub text: Frame,
    pub size: f32,
    pub value: String,
}

/// Line height for `size` pt, as the tables use.
pub fn leading(size: f32) -> f32 {
    size / PT_PER_MM * 1.2
}

/// Baseline of the first line below a top edge.
pub fn ascent(size: f32) -> f32 {
    size / PT_PER_MM * 0.78
}

impl Canvas {
    /// The largest size from `size` down to [`MIN_SIZE`] (in half points) at which `text`
    /// wrapped to `width` fits `height`, and its lines. Words are broken inside only when a
    /// single word is wider than the frame even at the minimum.
    pub fn fit_lines(
        &self,
        size: f32,
        weight: Weight,
        text: &str,
        width: f32,
        height: f32,
    ) -> (f32, Vec<String>) {
        let mut s = size;
        loop {
            let lines = self.wrap(s, weight, text, width);
            let whole_words = text
                .split_whitespace()
                .all(|word| self.width(s, weight, word) <= width);
            let fits = lines.len() as f32 * leading(s) <= height + 0.01;
            if (fits && whole_words) || s <= MIN_SIZE {
                return (s, lines);
            }
            s = (s - 0.5).max(MIN_SIZE);
        }
    }

    /// `text` wrapped inside `frame` from its top-left, shrunk as [`Canvas::fit_lines`] says;
    /// returns the y below its last line. Text that does not fit at the minimum runs on below
    /// the frame, where the layout tests catch it, rather than shrink into illegibility.
    pub fn text_box(&mut self, frame: Frame, size: f32, weight: Weight, text: &str) -> f32 {
        let (size, lines) = self.fit_lines(size, weight, text, frame.w, frame.h);
        let lead = leading(size);
        let mut widest: f32 = 0.0;
        for (i, line) in lines.iter().enumerate() {
            let baseline = frame.y + ascent(size) + i as f32 * lead;
            self.text(frame.x, baseline, size, weight, Align::Left, line);
            widest = widest.max(self.width(size, weight, line));
        }
        let used = lines.len() as f32 * lead;
        self.record(Placed {
            page: self.page_index(),
            frame,
            text: Frame::new(frame.x, frame.y, widest, used),
            size,
            value: text.to_owned(),
        });
        frame.y + used
    }
}
