//! "Save as PDF": the paper written to a file the manager can send or archive.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::{parse_order_id, Desk, DeskError};

/// Pages shown in the preview; a longer batch is printed or saved, not scrolled through.
const PREVIEW_PAGES: u32 = 30;

/// Attempts at a free file name before giving up (" (2)", " (3)", …).
const NAME_ATTEMPTS: u32 = 1000;

impl Desk {
    /// The paper's pages as `data:image/png` URLs for the preview pane, at most
    /// [`PREVIEW_PAGES`]. Rendering the preview issues an invoice number like printing does.
    pub fn preview_pages(
        &self,
        order_ids: &[String],
        kind: proto::DocKind,
        courier: Option<&str>,
        now: Timestamp,
    ) -> Result<Vec<String>, DeskError> {
        use base64::Engine as _;
        let pdf = self.paper(order_ids, kind, courier, now)?;
        let pages = docs::preview::png_pages(&pdf, PREVIEW_PAGES)?;
        let b64 = base64::engine::general_purpose::STANDARD;
        Ok(pages
            .iter()
            .map(|png| format!("data:image/png;base64,{}", b64.encode(png)))
            .collect())
    }

    /// Renders `kind` for the orders and writes it into `dir` (created if missing) under a
    /// readable name that never overwrites an earlier file. Returns the file's path.
    pub fn save_documents(
        &self,
        order_ids: &[String],
        kind: proto::DocKind,
        courier: Option<&str>,
        dir: &Path,
        now: Timestamp,
    ) -> Result<String, DeskError> {
        let pdf = self.paper(order_ids, kind, courier, now)?;
        let stem = match order_ids {
            [one] => {
                let number = self.store.order(parse_order_id(one)?)?.number;
                format!("{} — заказ {number}", kind.title())
            }
            many => {
                let n = many.len() as u64;
                let word = proto::display::ru_plural(n, "заказ", "заказа", "заказов");
                format!(
                    "{} — {n} {word}, {}",
                    kind.title(),
                    crate::papers::local_date(now, &self.zone())
                )
            }
        };
        let path = write_new(dir, &stem, &pdf)?;
        Ok(path.display().to_string())
    }
}

/// Writes to a temporary name first and renames it, so a crash never leaves half a PDF
/// under the real name.
pub(crate) fn write_new(dir: &Path, stem: &str, bytes: &[u8]) -> Result<PathBuf, DeskError> {
    let io = |source| DeskError::DataDir {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    for n in 1..=NAME_ATTEMPTS {
        let name = if n == 1 {
            format!("{stem}.pdf")
        } else {
            format!("{stem} ({n}).pdf")
        };
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        let tmp = dir.join(format!(".{stem}.{}.part", std::process::id()));
        std::fs::write(&tmp, bytes).map_err(io)?;
        std::fs::rename(&tmp, &path).map_err(io)?;
        return Ok(path);
    }
    Err(proto::InputProblem::TooManyPaperFiles {
        dir: dir.display().to_string(),
        stem: stem.to_owned(),
    }
    .into())
}
