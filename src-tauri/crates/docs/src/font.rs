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

/// A word's parts between which a line may break: after a hyphen with at least two letters
/// or digits on each side, not both sides digits — «Константинопольский-Преображенский»,
/// «Северо-Западная», an SKU «APL-AIRPODS-PRO2»; never inside a phone's «123-45-67», nor
/// leaving «Н» of «12-Н» alone. The hyphen stays at the end of its part.
pub fn word_parts(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let run = |from: usize, step: isize| {
        let mut n = 0;
        let mut i = from as isize;
        while let Some(&(_, c)) = usize::try_from(i).ok().and_then(|i| chars.get(i)) {
            if !c.is_alphanumeric() {
                break;
            }
            n += 1;
            i += step;
        }
        n
    };
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let (Some(&(_, before)), Some(&(_, after))) = (
            i.checked_sub(1).and_then(|b| chars.get(b)),
            chars.get(i + 1),
        ) else {
            continue;
        };
        let digits = before.is_ascii_digit() && after.is_ascii_digit();
        if c == '-' && !digits && run(i - 1, -1) >= 2 && run(i + 1, 1) >= 2 {
            parts.push(&word[start..=at]);
            start = at + 1;
        }
    }
    parts.push(&word[start..]);
    parts
}

/// Greedy word wrap to `width_mm`, a line breaking at spaces or after a hyphen between letters
/// (see [`word_parts`]); a part wider than the box is cut by characters so that a long SKU or
/// e-mail never runs into the next column.
/// A paragraph's words for wrapping, an abbreviation kept with the number it names: «д. 1»,
/// «кв. 12», «корп. 3», «№ 10301» never end one line and start the next.
fn words(paragraph: &str) -> impl Iterator<Item = &str> {
    let abbreviation = |w: &str| {
        w == "№"
            || w.strip_suffix('.').is_some_and(|stem| {
                (1..=4).contains(&stem.chars().count()) && stem.chars().all(char::is_alphabetic)
            })
    };
    // No collecting: wrapping runs for every cell of every paper.
    let mut pieces = paragraph
        .split(' ')
        .scan(0, |offset: &mut usize, piece: &str| {
            let start = *offset;
            *offset += piece.len() + 1;
            Some((start, piece))
        })
        .peekable();
    std::iter::from_fn(move || loop {
        let (start, piece) = pieces.next()?;
        if piece.is_empty() {
            continue;
        }
        if abbreviation(piece) {
            if let Some(&(next_start, next)) = pieces.peek() {
                if next.starts_with(|c: char| c.is_ascii_digit()) {
                    pieces.next();
                    return Some(&paragraph[start..next_start + next.len()]);
                }
            }
        }
        return Some(piece);
    })
}

pub fn wrap(face: &ParsedFont, size_pt: f32, text: &str, width_mm: f32) -> Vec<String> {
    // Widths add up (advances, no kerning), so the line's width is kept as it grows instead
    // of measuring the whole line again for every word.
    let space = text_width_mm(face, size_pt, " ");
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in words(paragraph) {
            for (i, part) in word_parts(word).into_iter().enumerate() {
                let part_w = text_width_mm(face, size_pt, part);
                let joint = if line.is_empty() || i > 0 { 0.0 } else { space };
                if line_w + joint + part_w <= width_mm {
                    if joint > 0.0 {
                        line.push(' ');
                    }
                    line.push_str(part);
                    line_w += joint + part_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line_w = 0.0;
                for c in part.chars() {
                    let mut buf = [0; 4];
                    let c_w = text_width_mm(face, size_pt, c.encode_utf8(&mut buf));
                    if line_w + c_w > width_mm && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += c_w;
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

    /// Regression: a route sheet's narrow address column broke «г. Москва, ул. Тверская, д. /
    /// 1», leaving the house number alone on the next line.
    #[test]
    fn wrap_keeps_an_abbreviation_with_its_number() {
        let f = fonts().expect("embedded fonts parse");
        let address = "г. Москва, ул. Тверская, д. 1";
        let width = text_width_mm(&f.regular, 9.0, "г. Москва, ул. Тверская, д.") + 0.5;
        assert_eq!(
            wrap(&f.regular, 9.0, address, width),
            ["г. Москва, ул. Тверская,", "д. 1"]
        );
        assert_eq!(
            words("кв. 12, корп. 3, заказ № 10301, ул. Ленина").collect::<Vec<_>>(),
            ["кв. 12,", "корп. 3,", "заказ", "№ 10301,", "ул.", "Ленина"]
        );
        assert_eq!(words("д.  1").collect::<Vec<_>>(), ["д.", "1"]);
    }

    /// Regression: a courier's double surname was cut by letters («Константинопольский-Пре /
    /// ображенский») in a narrow signature; it breaks after the hyphen, and a phone does not.
    #[test]
    fn wrap_breaks_after_a_hyphen_between_letters_only() {
        let f = fonts().expect("embedded fonts parse");
        let name = "Константинопольский-Преображенский Александр";
        let width = text_width_mm(&f.regular, 9.0, "Константинопольский-") + 1.0;
        assert_eq!(
            wrap(&f.regular, 9.0, name, width),
            ["Константинопольский-", "Преображенский", "Александр"]
        );
        assert_eq!(
            word_parts("+7\u{a0}916\u{a0}123-45-67"),
            ["+7\u{a0}916\u{a0}123-45-67"]
        );
        assert_eq!(word_parts("12-Н"), ["12-Н"]);
        assert_eq!(word_parts("Северо-Западная"), ["Северо-", "Западная"]);
        assert_eq!(word_parts("APL-AIRPODS-PRO2"), ["APL-", "AIRPODS-", "PRO2"]);
        assert_eq!(word_parts("ART-2026-A"), ["ART-", "2026-A"]);
    }
}
