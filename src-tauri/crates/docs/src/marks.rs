//! Machine-readable marks drawn as vector rectangles: the payment QR code and the Code 128
//! barcode of an order number. Vectors stay sharp at any printer resolution and need no
//! image decoder in the PDF pipeline.

use qrcode::{Color, EcLevel, QrCode};

use crate::canvas::Canvas;
use crate::DocError;

/// Draws `payload` as a QR code (error correction M) in a `size`×`size` mm square whose
/// top-left corner is (`x`, `y`). The caller leaves a light margin around it.
pub fn qr(c: &mut Canvas, x: f32, y: f32, size: f32, payload: &str) -> Result<(), DocError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| DocError::QrEncode(e.to_string()))?;
    let width = code.width();
    let module = size / width as f32;
    let colors = code.to_colors();
    for (row, line) in colors.chunks(width).enumerate() {
        // One rectangle per horizontal run of dark modules keeps the page small.
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
            c.fill(
                x + start as f32 * module,
                y + row as f32 * module,
                (col - start) as f32 * module,
                module,
            );
        }
    }
    Ok(())
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
