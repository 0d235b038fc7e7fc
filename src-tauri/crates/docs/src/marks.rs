//! Machine-readable marks drawn as vector rectangles: the payment QR code and the Code 128
//! barcode of an order number. Vectors stay sharp at any printer resolution and need no
//! image decoder in the PDF pipeline.

use qrcode::canvas::MaskPattern;
use qrcode::{Color, EcLevel};

use crate::canvas::Canvas;
use crate::DocError;

/// Draws `payload` as a QR code (error correction M) in a `size`×`size` mm square whose
/// top-left corner is (`x`, `y`). The caller leaves a light margin around it.
pub fn qr(c: &mut Canvas, x: f32, y: f32, size: f32, payload: &str) -> Result<(), DocError> {
    let (colors, width) = qr_modules(payload.as_bytes())?;
    let module = size / width as f32;
    // One box per horizontal run of dark modules keeps the page small.
    let mut runs = Vec::new();
    for (row, line) in colors.chunks(width).enumerate() {
        let mut col = 0;
        while col < width {
            if line[col] == Color::Light {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && line[col] == Color::Dark {
                col += 1;
            }
            let at = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
            runs.push([at(start), at(row), at(col - start), 1]);
        }
    }
    c.fill_grid(x, y, module, module, &runs);
    Ok(())
}

/// The QR modules of `data` (error correction M), row by row, and the symbol's width.
///
/// `QrCode::new` masks the symbol eight times and scores each to keep the best, which was
/// most of the time of a whole ПД-4 page. Every mask is valid (the format bits name it, so
/// a reader needs no guessing); the score only trims long runs that help a poor camera on a
/// poor print. A 40 mm symbol of a printed receipt is far from that edge, so the
/// checkerboard mask is applied once; the ПД-4 tests decode it with zbar.
fn qr_modules(data: &[u8]) -> Result<(Vec<Color>, usize), DocError> {
    let failed = |e: qrcode::types::QrError| DocError::QrEncode(e.to_string());
    let bits = qrcode::bits::encode_auto(data, EcLevel::M).map_err(failed)?;
    let version = bits.version();
    let (blocks, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).map_err(failed)?;
    let mut symbol = qrcode::canvas::Canvas::new(version, EcLevel::M);
    symbol.draw_all_functional_patterns();
    symbol.draw_data(&blocks, &ec);
    symbol.apply_mask(MaskPattern::Checkerboard);
    let width = usize::try_from(version.width()).unwrap_or(0);
    Ok((symbol.into_colors(), width))
}

/// Draws `text` as Code 128 (set B: any printable ASCII) with bars `height` mm tall, fitted
/// into `width` mm from (`x`, `y`). Returns the width actually used.
pub fn code128(
    c: &mut Canvas,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
    text: &str,
) -> Result<f32, DocError> {
    let failed = |reason: String| DocError::Barcode {
        number: text.to_owned(),
        reason,
    };
    if !text.chars().all(|ch| ch.is_ascii_graphic() || ch == ' ') {
        return Err(failed(
            "допустимы только латиница, цифры и знаки ASCII".to_owned(),
        ));
    }
    let code = barcoders::sym::code128::Code128::new(format!("Ɓ{text}"))
        .map_err(|e| failed(e.to_string()))?;
    let modules = code.encode();
    // 0.33 mm is the usual minimum bar for handheld scanners; narrower only if it must fit.
    let module = (width / modules.len() as f32).min(0.4);
    let mut i = 0;
    while i < modules.len() {
        if modules[i] == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < modules.len() && modules[i] == 1 {
            i += 1;
        }
        c.fill(
            x + start as f32 * module,
            y,
            (i - start) as f32 * module,
            height,
        );
    }
    Ok(modules.len() as f32 * module)
}
