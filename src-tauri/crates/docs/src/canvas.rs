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
    /// Text boxes as laid out, for the layout tests (see [`crate::layout`]).
    placed: Vec<crate::layout::Placed>,
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
            placed: Vec::new(),
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

    pub(crate) fn record(&mut self, placed: crate::layout::Placed) {
        self.placed.push(placed);
    }

    /// Every text box laid out so far.
    #[cfg(test)]
    pub(crate) fn placed(&self) -> &[crate::layout::Placed] {
        &self.placed
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

    /// The largest size up to `size` (down to 5.5 pt) at which `text` fits in `width` mm:
    /// form fields have a fixed line, so a long name shrinks instead of running over.
    pub fn fit_size(&self, size: f32, weight: Weight, text: &str, width: f32) -> f32 {
        let natural = self.width(size, weight, text);
        if natural <= width {
            size
        } else {
            (size * width / natural).max(5.5)
        }
    }

    /// Text with its baseline at `y` mm from the top; `x` is the left, centre or right edge.
    pub fn text(&mut self, x: f32, y: f32, size: f32, weight: Weight, align: Align, text: &str) {
        self.core_only = self.core_only && text.chars().all(font::in_core);
        let ops = self.text_ops(x, y, size, weight, align, text);
        self.ops().extend(ops);
    }

    fn text_ops(
        &self,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        align: Align,
        text: &str,
    ) -> Vec<Op> {
        if text.is_empty() {
            return Vec::new();
        }
        let x = match align {
            Align::Left => x,
            Align::Center => x - self.width(size, weight, text) / 2.0,
            Align::Right => x - self.width(size, weight, text),
        };
        let font = match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        };
        // Text cursor moves are relative in PDF, so each string gets its own text section.
        vec![
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(PAGE_H - y)),
            },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]
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

    /// Serialises the document; fonts are subset to the glyphs used.
    pub fn finish(mut self) -> Vec<u8> {
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
                let ops = self.text_ops(x, y, 7.0, Weight::Regular, Align::Right, &text);
                self.core_only = self.core_only && text.chars().all(font::in_core);
                self.pages[first + n].extend(ops);
            }
        }
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
