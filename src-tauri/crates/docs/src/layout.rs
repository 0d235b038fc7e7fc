//! Text that stays inside its frame: wrapped to the frame's width and shrunk, only as far as a
//! readable minimum, until its lines fit the frame's height; past that it wraps further and
//! the paper gives the frame the room (a ПД-4 row, the invoice's payee box, a table row grow).
//! The layout tests read back where each box's text landed and check it against the frame,
//! and every string drawn against every other and against the rules and marks on the page.

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

    /// How far the two overlap across and down (negative: the gap between them).
    #[cfg(test)]
    pub fn overlap(&self, other: &Frame) -> (f32, f32) {
        let across = (self.x + self.w).min(other.x + other.w) - self.x.max(other.x);
        let down = (self.y + self.h).min(other.y + other.h) - self.y.max(other.y);
        (across, down)
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

/// One string as drawn, kept for the layout tests: its advance width from the left end of its
/// baseline, so two strings, or a string and a rule, can be checked for touching.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq)]
pub struct Ink {
    pub page: usize,
    pub x: f32,
    pub baseline: f32,
    pub w: f32,
    pub size: f32,
    pub text: String,
}

#[cfg(test)]
impl Ink {
    /// From the top of the capitals to the bottom of the descenders: PT Sans' capitals and
    /// ascenders stand 0.72 em high, «у», «р», «д» go 0.2 em below the line.
    pub fn rect(&self) -> Frame {
        let em = self.size / PT_PER_MM;
        Frame::new(self.x, self.baseline - 0.72 * em, self.w, 0.92 * em)
    }

    /// The letters' bodies, from the baseline up to the x-height: a rule through this band
    /// strikes the text out (an underline below it does not).
    pub fn body(&self) -> (f32, f32) {
        let em = self.size / PT_PER_MM;
        (self.baseline - 0.5 * em, self.baseline - 0.05 * em)
    }
}

/// A rule, a frame's edge or a filled mark (QR code, barcode) as drawn, for the layout tests;
/// a rule is a frame of zero width or height.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub page: usize,
    pub frame: Frame,
    pub filled: bool,
}

/// Line height for `size` pt, as the tables use.
pub fn leading(size: f32) -> f32 {
    size / PT_PER_MM * 1.2
}

/// Baseline of the first line below a top edge.
pub fn ascent(size: f32) -> f32 {
    size / PT_PER_MM * 0.78
}

/// Lines of a value and the size they are set in, measured before they are drawn so a form
/// can make room for them.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub size: f32,
    pub weight: Weight,
    pub lines: Vec<String>,
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
        let fitted = self.fit(size, weight, text, width, height);
        (fitted.size, fitted.lines)
    }

    /// [`Canvas::fit_lines`] as a [`Fitted`].
    pub fn fit(&self, size: f32, weight: Weight, text: &str, width: f32, height: f32) -> Fitted {
        // Most values are one short line: measured once, not word by word.
        if !text.contains('\n')
            && leading(size) <= height + 0.01
            && self.width(size, weight, text) <= width
        {
            return Fitted {
                size,
                weight,
                lines: vec![text.trim().to_owned()],
            };
        }
        let mut s = size;
        loop {
            let lines = self.wrap(s, weight, text, width);
            // Words as the wrap splits them: at spaces and line breaks, not at the no-break
            // spaces that hold «1 234 567,89» together.
            let whole_words = text
                .split([' ', '\n'])
                .flat_map(crate::font::word_parts)
                .all(|part| self.width(s, weight, part) <= width);
            let fits = lines.len() as f32 * leading(s) <= height + 0.01;
            if (fits && whole_words) || s <= MIN_SIZE {
                #[cfg(test)]
                if !whole_words {
                    self.broke_a_word(text);
                }
                return Fitted {
                    size: s,
                    weight,
                    lines,
                };
            }
            s = (s - 0.5).max(MIN_SIZE);
        }
    }

    /// `text` wrapped inside `frame` from its top-left, shrunk as [`Canvas::fit_lines`] says;
    /// returns the y below its last line. Text that does not fit at the minimum runs on below
    /// the frame, where the layout tests catch it, rather than shrink into illegibility.
    pub fn text_box(&mut self, frame: Frame, size: f32, weight: Weight, text: &str) -> f32 {
        let fitted = self.fit(size, weight, text, frame.w, frame.h);
        self.place(frame, &fitted, text)
    }

    /// Draws lines fitted earlier from the top-left of `frame` and records them for the layout
    /// tests as the box of `text`; returns the y below the last line.
    pub fn place(&mut self, frame: Frame, fitted: &Fitted, text: &str) -> f32 {
        self.place_from(frame, fitted, text, frame.y + ascent(fitted.size))
    }

    /// Lines fitted earlier, the last one on the baseline `y`: a value written on a form's
    /// line, which takes a second line above it when it has to. `frame` is the room allowed.
    pub fn place_on_line(&mut self, frame: Frame, fitted: &Fitted, text: &str, y: f32) {
        let above = (fitted.lines.len().max(1) - 1) as f32 * leading(fitted.size);
        self.place_from(frame, fitted, text, y - above);
    }

    /// Draws the lines from the first baseline `first` down; returns the y below the last.
    pub fn place_from(&mut self, frame: Frame, fitted: &Fitted, text: &str, first: f32) -> f32 {
        let (size, weight) = (fitted.size, fitted.weight);
        let lead = leading(size);
        for (i, line) in fitted.lines.iter().enumerate() {
            let baseline = first + i as f32 * lead;
            self.text(frame.x, baseline, size, weight, Align::Left, line);
        }
        let top = first - ascent(size);
        let used = fitted.lines.len() as f32 * lead;
        #[cfg(test)]
        {
            let widest = fitted
                .lines
                .iter()
                .map(|line| self.width(size, weight, line))
                .fold(0.0, f32::max);
            self.record(Placed {
                page: self.page_index(),
                frame,
                text: Frame::new(frame.x, top, widest, used),
                size,
                value: text.to_owned(),
            });
        }
        #[cfg(not(test))]
        let _ = (text, frame.y);
        top + used
    }
}
