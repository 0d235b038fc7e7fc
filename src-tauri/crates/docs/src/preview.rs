//! Page images of a PDF for the desk's preview pane. The window's web view does not show PDFs
//! inline, so the pages are rendered by poppler's `pdftoppm` — the renderer the tests already
//! trust to read our papers — and shown as images.

use std::path::Path;
use std::process::Command;

/// Screen resolution: an A4 page is about 660 × 935 pixels, readable without zooming.
pub const PREVIEW_DPI: u32 = 80;

#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error(
        "Просмотр недоступен: не найдена программа `pdftoppm` (пакет poppler-utils). \
         Документ можно сохранить в PDF или напечатать."
    )]
    RendererMissing,
    #[error("Не удалось построить просмотр: {0}")]
    Render(String),
}

/// PNG images of the first `max_pages` pages of `pdf`, in order.
pub fn png_pages(pdf: &[u8], max_pages: u32) -> Result<Vec<Vec<u8>>, PreviewError> {
    png_pages_with(Path::new("pdftoppm"), pdf, max_pages)
}

/// [`png_pages`] with the renderer at `program` (tests point it at a missing one).
pub fn png_pages_with(
    program: &Path,
    pdf: &[u8],
    max_pages: u32,
) -> Result<Vec<Vec<u8>>, PreviewError> {
    let io = |e: std::io::Error| PreviewError::Render(e.to_string());
    let dir = tempfile::tempdir().map_err(io)?;
    let input = dir.path().join("paper.pdf");
    std::fs::write(&input, pdf).map_err(io)?;
    let out = Command::new(program)
        .arg("-png")
        .args(["-r", &PREVIEW_DPI.to_string()])
        .args(["-l", &max_pages.max(1).to_string()])
        .arg(&input)
        .arg(dir.path().join("page"))
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PreviewError::RendererMissing,
            _ => PreviewError::Render(e.to_string()),
        })?;
    if !out.status.success() {
        let reason = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return Err(PreviewError::Render(reason));
    }
    // pdftoppm names pages page-1.png or page-01.png…, zero-padded to the page count's width,
    // so sorting the names sorts the pages.
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    pages.iter().map(|p| std::fs::read(p).map_err(io)).collect()
}
