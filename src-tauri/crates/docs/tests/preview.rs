//! The desk's preview: page images rendered from the real PDF.

mod common;

use std::path::Path;

use common::{order, shop};
use docs::preview::{png_pages, png_pages_with, PreviewError};

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

#[test]
fn a_long_invoice_previews_page_by_page_in_order() {
    let pdf = docs::invoice::invoice(&shop(), &order(120)).expect("invoice");
    let pages = png_pages(&pdf, 20).expect("pages rendered");
    assert!(
        pages.len() >= 2,
        "120 lines span pages, got {}",
        pages.len()
    );
    for page in &pages {
        assert!(page.starts_with(PNG_MAGIC), "every page is a PNG image");
    }
    let limited = png_pages(&pdf, 1).expect("first page only");
    assert_eq!(limited.len(), 1);
    assert_eq!(limited[0], pages[0], "the first page is the first page");
}

#[test]
fn without_the_renderer_the_preview_says_what_is_missing() {
    let pdf = docs::invoice::invoice(&shop(), &order(2)).expect("invoice");
    let err = png_pages_with(Path::new("/nonexistent/pdftoppm"), &pdf, 5).expect_err("no renderer");
    assert!(matches!(err, PreviewError::RendererMissing));
    assert!(err.to_string().contains("poppler-utils"));
}

#[test]
fn a_damaged_pdf_is_refused_with_the_renderers_reason() {
    let err = png_pages(b"%PDF-1.7 truncated", 5).expect_err("not a PDF");
    assert!(matches!(err, PreviewError::Render(_)), "{err:?}");
}
