//! The embedded PT Sans faces, parsed once per process, and text width measurement.
//!
//! PT Sans was made by ParaType for Russian official documents; shipping it inside the binary
//! makes every PC print the same glyphs and line breaks. License: fonts/LICENSE-PTSans.txt.

use std::collections::BTreeMap;
use std::io::Write;
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
    pub core_regular: Core,
    pub core_bold: Core,
}

impl Fonts {
    pub fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    pub fn core(&self, weight: Weight) -> &Core {
        match weight {
            Weight::Regular => &self.core_regular,
            Weight::Bold => &self.core_bold,
        }
    }
}

/// The characters Russian papers print: ASCII, Latin-1 (« » ° № is elsewhere), the Cyrillic
/// block with Ё and the letters of neighbouring languages, dashes, quotes, ellipsis, № and ₽.
const CORE_RANGES: &[(u32, u32)] = &[
    (0x20, 0x7E),
    (0xA0, 0xFF),
    (0x400, 0x45F),
    (0x2010, 0x2026),
    (0x2030, 0x203A),
    (0x20BD, 0x20BD),
    (0x2116, 0x2116),
    (0x2122, 0x2122),
];

/// Whether `c` is in the core faces, so a paper can embed them as they are.
pub fn in_core(c: char) -> bool {
    let c = u32::from(c);
    CORE_RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// A face cut down once to [`CORE_RANGES`]. Subsetting per document (and re-parsing the
/// subset, and deflating it) was most of the time of a one-page invoice; a paper whose text
/// stays in the core embeds this small face whole, with its program deflated once here.
pub struct Core {
    pub face: ParsedFont,
    /// The sfnt bytes printpdf embeds for `face`, and the same bytes deflated.
    pub program: Vec<u8>,
    pub packed: Vec<u8>,
}

fn core(full: &ParsedFont, name: &str) -> Result<Core, String> {
    let glyphs: BTreeMap<u16, String> = CORE_RANGES
        .iter()
        .flat_map(|&(lo, hi)| (lo..=hi).filter_map(char::from_u32))
        .filter_map(|c| {
            let gid = full.lookup_glyph_index(u32::from(c))?;
            (gid != 0).then(|| (gid, c.to_string()))
        })
        .collect();
    let subset = printpdf::font::subset_font(full, &glyphs)
        .map_err(|e| format!("шрифт {name} не урезается: {e}"))?;
    let face = parse(&subset.bytes, name)?;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let packed = encoder
        .write_all(&subset.bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| format!("шрифт {name} не сжимается: {e}"))?;
    Ok(Core {
        face,
        program: subset.bytes,
        packed,
    })
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
            let regular = parse(REGULAR_TTF, "PT Sans")?;
            let bold = parse(BOLD_TTF, "PT Sans Bold")?;
            Ok(Fonts {
                core_regular: core(&regular, "PT Sans")?,
                core_bold: core(&bold, "PT Sans Bold")?,
                regular,
                bold,
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
    fn core_faces_carry_every_core_character_at_the_full_width() {
        let f = fonts().expect("embedded fonts parse");
        for weight in [Weight::Regular, Weight::Bold] {
            let (full, core) = (f.face(weight), &f.core(weight).face);
            let chars = CORE_RANGES
                .iter()
                .flat_map(|&(lo, hi)| (lo..=hi).filter_map(char::from_u32))
                .filter(|&c| {
                    full.lookup_glyph_index(u32::from(c))
                        .is_some_and(|g| g != 0)
                });
            let mut n = 0;
            for c in chars {
                let text = c.to_string();
                let gid = core.lookup_glyph_index(u32::from(c));
                assert!(gid.is_some_and(|g| g != 0), "{c:?} lost from the core face");
                let (a, b) = (
                    text_width_mm(full, 10.0, &text),
                    text_width_mm(core, 10.0, &text),
                );
                assert!((a - b).abs() < 1e-4, "{c:?}: {a} vs {b}");
                n += 1;
            }
            assert!(n > 250, "only {n} core characters");
            let (program, packed) = (f.core(weight).program.len(), f.core(weight).packed.len());
            assert!(
                program < 130_000,
                "core program {program} bytes, deflated {packed}"
            );
        }
        for c in ['Ж', 'ё', '№', '«', '—', '₽', '\u{a0}'] {
            assert!(in_core(c), "{c:?}");
        }
        assert!(in_core('ї'), "Ukrainian letters are in the Cyrillic block");
        assert!(!in_core('€') && !in_core('😀'));
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
