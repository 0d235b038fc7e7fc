//! A4 pages drawn at absolute positions in millimetres from the top-left corner, the way forms
//! are measured on paper; PDF's bottom-left origin stays inside this file.

use printpdf::{
    Color, CurTransMat, DictItem, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use crate::font::{self, Core, Fonts, Weight, PT_PER_MM};
use crate::DocError;

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
/// Margins every document shares; 1C prints invoices with about the same.
pub const MARGIN_LEFT: f32 = 15.0;
pub const MARGIN_RIGHT: f32 = 10.0;
pub const MARGIN_TOP: f32 = 12.0;
pub const MARGIN_BOTTOM: f32 = 14.0;
pub const CONTENT_W: f32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

pub struct Canvas {
    doc: PdfDocument,
    fonts: &'static Fonts,
    regular: FontId,
    bold: FontId,
    pages: Vec<Vec<Op>>,
    /// Whether all text so far is in the core faces, which are then embedded instead of
    /// subsets of the full ones.
    core_only: bool,
    /// Each paper's first page and its label («Счёт № 12 от 22.11.2026»). The footer
    /// «label — Страница N из M» is added at the end, when every paper's page count is known,
    /// so a batch of papers in one job numbers each paper on its own.
    papers: Vec<(usize, String)>,
    /// What was drawn where, for the layout tests (see [`crate::layout`]): text boxes, every
    /// string, and the rules and marks.
    #[cfg(test)]
    placed: Vec<crate::layout::Placed>,
    #[cfg(test)]
    inks: Vec<crate::layout::Ink>,
    #[cfg(test)]
    marks: Vec<crate::layout::Mark>,
    /// Values a word of which had to be cut by letters, even at the minimum size.
    #[cfg(test)]
    broken: std::cell::RefCell<Vec<String>>,
}

impl Canvas {
    pub fn new(title: &str) -> Result<Self, DocError> {
        let fonts = font::fonts()?;
        // Fixed ids: which face stands behind them is decided in `finish`, once the text is
        // known.
        Ok(Self {
            doc: PdfDocument::new(title),
            fonts,
            regular: FontId("F1".to_owned()),
            bold: FontId("F2".to_owned()),
            pages: vec![Vec::new()],
            core_only: true,
            papers: Vec::new(),
            #[cfg(test)]
            placed: Vec::new(),
            #[cfg(test)]
            inks: Vec::new(),
            #[cfg(test)]
            marks: Vec::new(),
            #[cfg(test)]
            broken: std::cell::RefCell::new(Vec::new()),
        })
    }

    /// One paper per item in one PDF (one print job), each from a new page.
    pub fn render_each<T>(
        title: &str,
        items: &[T],
        mut draw: impl FnMut(&mut Canvas, &T) -> Result<(), DocError>,
    ) -> Result<Vec<u8>, DocError> {
        let mut c = Canvas::new(title)?;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                c.new_page();
            }
            draw(&mut c, item)?;
        }
        Ok(c.finish())
    }

    /// Starts numbering a paper on the current page: every page of it, up to the next
    /// paper's first, gets «<label> — Страница N из M» when the paper has more than one, so a
    /// loose continuation page still says which document it belongs to.
    pub fn number_pages(&mut self, label: &str) {
        let first = self.pages.len().saturating_sub(1);
        self.papers.retain(|(start, _)| *start != first);
        self.papers.push((first, label.to_owned()));
    }

    /// Keeps a text box for the layout tests; outside them nothing is kept.
    pub(crate) fn record(&mut self, placed: crate::layout::Placed) {
        #[cfg(test)]
        self.placed.push(placed);
        #[cfg(not(test))]
        drop(placed);
    }

    /// Every text box laid out so far.
    #[cfg(test)]
    pub(crate) fn placed(&self) -> &[crate::layout::Placed] {
        &self.placed
    }

    /// Every string drawn so far.
    #[cfg(test)]
    pub(crate) fn inks(&self) -> &[crate::layout::Ink] {
        &self.inks
    }

    /// Every rule, frame edge and filled mark drawn so far.
    #[cfg(test)]
    pub(crate) fn marks(&self) -> &[crate::layout::Mark] {
        &self.marks
    }

    /// Notes that a word of `text` was cut by letters (measuring only, hence `&self`).
    #[cfg(test)]
    pub(crate) fn broke_a_word(&self, text: &str) {
        self.broken.borrow_mut().push(text.to_owned());
    }

    /// Values a word of which was cut by letters.
    #[cfg(test)]
    pub(crate) fn broken_words(&self) -> Vec<String> {
        self.broken.borrow().clone()
    }

    #[cfg(test)]
    fn mark(&mut self, x: f32, y: f32, w: f32, h: f32, filled: bool) {
        let page = self.page_index();
        let frame = crate::layout::Frame::new(x.min(x + w), y.min(y + h), w.abs(), h.abs());
        self.marks.push(crate::layout::Mark {
            page,
            frame,
            filled,
        });
    }

    /// Index of the page being drawn.
    pub(crate) fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn width(&self, size: f32, weight: Weight, text: &str) -> f32 {
        font::text_width_mm(self.fonts.face(weight), size, text)
    }

    pub fn wrap(&self, size: f32, weight: Weight, text: &str, width: f32) -> Vec<String> {
        font::wrap(self.fonts.face(weight), size, text, width)
    }

    /// Text with its baseline at `y` mm from the top; `x` is the left, centre or right edge.
    pub fn text(&mut self, x: f32, y: f32, size: f32, weight: Weight, align: Align, text: &str) {
        let page = self.page_index();
        self.text_on(page, x, y, size, weight, align, text);
    }

    /// [`Canvas::text`] on page `page` (from 0), which may be an earlier one.
    #[allow(clippy::too_many_arguments)]
    fn text_on(
        &mut self,
        page: usize,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        align: Align,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        self.core_only = self.core_only && text.chars().all(font::in_core);
        let left = match align {
            Align::Left => x,
            Align::Center => x - self.width(size, weight, text) / 2.0,
            Align::Right => x - self.width(size, weight, text),
        };
        #[cfg(test)]
        self.inks.push(crate::layout::Ink {
            page,
            x: left,
            baseline: y,
            w: self.width(size, weight, text),
            size,
            text: text.to_owned(),
        });
        let face = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let set_font = Op::SetFont {
            font: PdfFontHandle::External(face.clone()),
            size: Pt(size),
        };
        let Some(ops) = self.pages.get_mut(page) else {
            return;
        };
        // Text cursor moves are relative in PDF, so each string gets its own text section.
        ops.push(Op::StartTextSection);
        ops.push(Op::SetTextCursor {
            pos: Point::new(Mm(left), Mm(PAGE_H - y)),
        });
        ops.push(set_font);
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_owned())],
        });
        ops.push(Op::EndTextSection);
    }

    /// Wrapped text from `y` (first baseline) down; returns the baseline after the last line.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        size: f32,
        weight: Weight,
        leading: f32,
        text: &str,
    ) -> f32 {
        let mut y = y;
        for line in self.wrap(size, weight, text, width) {
            self.text(x, y, size, weight, Align::Left, &line);
            y += leading;
        }
        y
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness_pt: f32) {
        #[cfg(test)]
        self.mark(x1, y1, x2 - x1, y2 - y1, false);
        let point = |x: f32, y: f32| LinePoint {
            p: Point::new(Mm(x), Mm(PAGE_H - y)),
            bezier: false,
        };
        self.ops().extend([
            Op::SetOutlineThickness {
                pt: Pt(thickness_pt),
            },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1, y1), point(x2, y2)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A stroked box with its top-left corner at (`x`, `y`).
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, thickness_pt: f32) {
        #[cfg(test)]
        {
            self.mark(x, y, w, 0.0, false);
            self.mark(x, y + h, w, 0.0, false);
            self.mark(x, y, 0.0, h, false);
            self.mark(x + w, y, 0.0, h, false);
        }
        let rect = Self::rect(x, y, w, h, PaintMode::Stroke);
        self.ops().extend([
            Op::SetOutlineThickness {
                pt: Pt(thickness_pt),
            },
            Op::DrawRectangle { rectangle: rect },
        ]);
    }

    /// A solid black box: QR modules and barcode bars.
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32) {
        #[cfg(test)]
        self.mark(x, y, w, h, true);
        let rect = Self::rect(x, y, w, h, PaintMode::Fill);
        self.ops().push(Op::DrawRectangle { rectangle: rect });
    }

    /// Solid boxes on a grid of `cell_w`×`cell_h` mm cells from (`x`, `y`), each given as
    /// (column, row, columns, rows), filled as one path. A QR code is a thousand such boxes:
    /// in grid units their corners are small integers, which the content stream writes far
    /// faster than millimetre floats, and one fill replaces a paint per box.
    pub fn fill_grid(&mut self, x: f32, y: f32, cell_w: f32, cell_h: f32, boxes: &[[u32; 4]]) {
        if boxes.is_empty() {
            return;
        }
        #[cfg(test)]
        {
            let (cols, rows) = boxes
                .iter()
                .fold((0, 0), |(c, r), b| (c.max(b[0] + b[2]), r.max(b[1] + b[3])));
            self.mark(x, y, cols as f32 * cell_w, rows as f32 * cell_h, true);
        }
        // Rows grow downwards, as on paper: the matrix flips y about the grid's top edge.
        let matrix = [
            cell_w * PT_PER_MM,
            0.0,
            0.0,
            -cell_h * PT_PER_MM,
            x * PT_PER_MM,
            (PAGE_H - y) * PT_PER_MM,
        ];
        let ops = self.ops();
        ops.reserve(boxes.len() + 4);
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw(matrix),
        });
        ops.extend(boxes.iter().map(|b| Op::Unknown {
            key: "re".to_owned(),
            value: b.iter().map(|&v| DictItem::Int(i64::from(v))).collect(),
        }));
        ops.push(Op::Unknown {
            key: "f".to_owned(),
            value: Vec::new(),
        });
        ops.push(Op::RestoreGraphicsState);
    }

    fn rect(x: f32, y: f32, w: f32, h: f32, mode: PaintMode) -> Rect {
        Rect {
            x: Pt(x * PT_PER_MM),
            y: Pt((PAGE_H - y - h) * PT_PER_MM),
            width: Pt(w * PT_PER_MM),
            height: Pt(h * PT_PER_MM),
            mode: Some(mode),
            winding_order: None,
        }
    }

    /// Adds «<label> — Страница N из M» to every page of each paper of more than one page,
    /// now that the page counts are known; done once, by [`Canvas::finish`] (or earlier by
    /// the layout tests, to measure the footers too).
    pub(crate) fn number_all_pages(&mut self) {
        let papers = std::mem::take(&mut self.papers);
        for (i, (first, label)) in papers.iter().enumerate() {
            let end = papers
                .get(i + 1)
                .map_or(self.pages.len(), |(next, _)| *next);
            let count = end.saturating_sub(*first);
            if count < 2 {
                continue;
            }
            for n in 0..count {
                let text = format!("{label} — Страница {} из {count}", n + 1);
                let x = PAGE_W - MARGIN_RIGHT;
                let y = PAGE_H - MARGIN_BOTTOM / 2.0;
                self.text_on(first + n, x, y, 7.0, Weight::Regular, Align::Right, &text);
            }
        }
    }

    /// Serialises the document; fonts are subset to the glyphs used.
    pub fn finish(mut self) -> Vec<u8> {
        self.number_all_pages();
        let black = Op::SetFillColor {
            col: Color::Rgb(Rgb {
                r: 0.0,
                g: 0.0,
                b: 0.0,
                icc_profile: None,
            }),
        };
        let pages = self
            .pages
            .into_iter()
            .map(|ops| {
                let mut all = Vec::with_capacity(ops.len() + 1);
                all.push(black.clone());
                all.extend(ops);
                PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), all)
            })
            .collect();
        let core_only = self.core_only;
        let fonts = self.fonts;
        for (id, weight) in [(&self.regular, Weight::Regular), (&self.bold, Weight::Bold)] {
            let face = if core_only {
                &fonts.core(weight).face
            } else {
                fonts.face(weight)
            };
            let font = printpdf::font::PdfFont::new(face.clone());
            self.doc.resources.fonts.map.insert(id.clone(), font);
        }
        let doc = self.doc.with_pages(pages);
        let options = PdfSaveOptions {
            optimize: false,
            // `secure` drops raw operators, which only `fill_grid` writes, from our own ops.
            secure: false,
            // A character outside the core (a «€», a Polish «Ł») takes the full faces,
            // subset to this document as before.
            subset_fonts: !core_only,
            ..PdfSaveOptions::default()
        };
        let mut pdf = printpdf::serialize::to_lopdf_doc(doc, &options, &mut Vec::new());
        let cores: &[&Core] = if core_only {
            &[fonts.core(Weight::Regular), fonts.core(Weight::Bold)]
        } else {
            &[]
        };
        compress_streams(&mut pdf, cores);
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = pdf.save_to(&mut out);
        out
    }
}

/// Deflates every stream at zlib's fast level: about as small as the best level for these
/// text-and-line pages at a fraction of the time. An embedded core face gets the program
/// deflated once per process.
fn compress_streams(pdf: &mut lopdf::Document, cores: &[&Core]) {
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        if let Some(core) = cores.iter().find(|c| c.program == stream.content) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(core.packed.clone());
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let packed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(packed) = packed {
            if packed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
}
