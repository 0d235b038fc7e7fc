//! What the paper tests share: the demo desk at a fixed instant and the text of a PDF.
// Each test binary uses a part of this.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use desk::Desk;
use jiff::Timestamp;

pub fn now() -> Timestamp {
    "2026-11-22T09:00:00Z".parse().expect("valid instant")
}

pub fn open(dir: &Path) -> Desk {
    Desk::open_demo(dir, now()).expect("open desk")
}

/// The PDF's text as `pdftotext -layout` lays it out, no-break spaces as spaces.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("utf-8"), "-"])
        .output()
        .unwrap_or_else(|e| panic!("`pdftotext` could not run ({e}): install `poppler-utils`"));
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .replace('\u{a0}', " ")
}

/// The PDF's words joined by single spaces: a wrapped line may break anywhere, so tests that
/// look for a phrase compare words, not the layout.
pub fn pdf_words(pdf: &[u8]) -> String {
    pdf_text(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
