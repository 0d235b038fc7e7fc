//! The embedded PT Sans faces, parsed once per process, and text width measurement.
//!
//! PT Sans was made by ParaType for Russian official documents; shipping it inside the binary
//! makes every PC print the same glyphs and line breaks. License: fonts/LICENSE-PTSans.txt.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::DocError;

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/PTSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/PTSans-Bold.ttf");

/// Points per millimetre: PDF user space is in points (1/72 inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
}

impl Fonts {
    pub fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

fn parse(bytes: &[u8], name: &str) -> Result<ParsedFont, String> {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
        .ok_or_else(|| format!("встроенный шрифт {name} не читается"))
}

/// Parsing takes about as long as laying out a whole invoice, so it happens once.
pub fn fonts() -> Result<&'static Fonts, DocError> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: parse(REGULAR_TTF, "PT Sans")?,
                bold: parse(BOLD_TTF, "PT Sans Bold")?,
            })
        })
        .as_ref()
        .map_err(|e| DocError::Font(e.clone()))
}

/// Width of `text` set in `face` at `size_pt`, in millimetres. Characters missing from the
/// font count as the width of «о», which is close enough to keep columns from overflowing.
pub fn text_width_mm(face: &ParsedFont, size_pt: f32, text: &str) -> f32 {
    let upem = f32::from(face.font_metrics.units_per_em.max(1));
    let fallback = face.lookup_glyph_index('о' as u32).unwrap_or(0);
    let units: u32 = text
        .chars()
        .map(|c| {
            let gid = face.lookup_glyph_index(c as u32).unwrap_or(fallback);
            u32::from(face.get_horizontal_advance(gid))
        })
        .sum();
    units as f32 / upem * size_pt / PT_PER_MM
}

/// Greedy word wrap to `width_mm`; a single word wider than the box is cut by characters so
/// that a long SKU or e-mail never runs into the next column.
pub fn wrap(face: &ParsedFont, size_pt: f32, text: &str, width_mm: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width_mm(face, size_pt, &candidate) <= width_mm {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if text_width_mm(face, size_pt, &line) > width_mm && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_parse_and_measure_cyrillic() {
        let f = fonts().expect("embedded fonts parse");
        let w = text_width_mm(&f.regular, 10.0, "Счёт на оплату");
        assert!(w > 20.0 && w < 40.0, "width {w}");
        let bold = text_width_mm(&f.bold, 10.0, "Счёт на оплату");
        assert!(bold > w, "bold {bold} regular {w}");
    }

    #[test]
    fn wrap_keeps_within_width() {
        let f = fonts().expect("embedded fonts parse");
        let text = "Кабель витая пара UTP cat.5e 4x2x0,5 медный бухта 305 метров серый";
        let lines = wrap(&f.regular, 9.0, text, 40.0);
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|l| text_width_mm(&f.regular, 9.0, l) <= 40.0));
        assert_eq!(lines.join(" "), text);
        let long = wrap(&f.regular, 9.0, &"Щ".repeat(60), 20.0);
        assert!(long.len() > 2);
    }
}
