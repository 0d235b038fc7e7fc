//! A catalogue file imported (a preview first, nothing written; then, confirmed, every
//! product in one transaction) and the catalogue exported.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use domain::{Kopecks, Product, Quantity, ShopOp};
use jiff::Timestamp;
use proto::{ImportProblem, InputProblem, ProblemKind};
use uuid::Uuid;

use crate::catalog_file::{self, FileProduct, Parsed};
use crate::order_export::ExportError;
use crate::sheet::{self, SheetError, SheetFormat};
use crate::{Desk, DeskError};

/// A larger file is not a catalogue; reading it would only hold the window.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How many products the preview shows.
const SAMPLE: usize = 20;

/// What a file would do to the catalogue.
struct Plan {
    parsed: Parsed,
    digest: String,
    /// The products to save (new and changed only), and how many of them are new.
    changes: Vec<Product>,
    added: u32,
    problems: Vec<ImportProblem>,
}

impl Desk {
    /// Reads the file and says what importing it would do; writes nothing.
    pub fn preview_catalog_file(&self, path: &str) -> Result<proto::ImportPreview, DeskError> {
        let plan = self.plan(path)?;
        Ok(proto::ImportPreview {
            path: path.to_owned(),
            digest: plan.digest,
            format: plan.parsed.format,
            encoding: plan.parsed.encoding,
            separator: plan.parsed.separator,
            columns: plan.parsed.columns,
            rows: plan.parsed.read,
            added: plan.added,
            updated: plan.changes.len() as u32 - plan.added,
            sample: plan
                .changes
                .iter()
                .take(SAMPLE)
                .cloned()
                .map(super::view)
                .collect(),
            problems: plan.problems,
        })
    }

    /// Imports the file the preview showed: refused when it has a problem or changed since
    /// (`digest`), else every new or changed product is a `SetProduct` op, all in one
    /// transaction.
    pub fn import_catalog_file(
        &self,
        path: &str,
        digest: &str,
        now: Timestamp,
    ) -> Result<proto::ImportDone, DeskError> {
        self.writable()?;
        self.may_edit_catalog()?;
        let plan = self.plan(path)?;
        if plan.digest != digest {
            return Err(InputProblem::CatalogFileChanged.into());
        }
        if !plan.problems.is_empty() {
            return Err(InputProblem::CatalogFileErrors {
                count: u32::try_from(plan.problems.len()).unwrap_or(u32::MAX),
            }
            .into());
        }
        let done = proto::ImportDone {
            added: plan.added,
            updated: plan.changes.len() as u32 - plan.added,
        };
        let actor = self.actor();
        let ops = plan
            .changes
            .into_iter()
            .map(|product| store::NewShopOp {
                id: Uuid::now_v7(),
                actor: actor.clone(),
                at: now,
                op: ShopOp::SetProduct { product },
            })
            .collect();
        self.store.record_shop_ops(ops)?;
        self.nudge_sync();
        Ok(done)
    }

    /// The whole catalogue (archived products too) as CSV or XLSX, by the file's extension,
    /// written beside the file and renamed over it once complete.
    pub fn export_catalog(&self, path: &str) -> Result<u32, DeskError> {
        let Some(format) = SheetFormat::of_path(Path::new(path)) else {
            return Err(InputProblem::CatalogExtension {
                path: path.to_owned(),
            }
            .into());
        };
        let products = self.store.products()?;
        sheet::save_atomically(Path::new(path), |out| {
            catalog_file::write(format, &products, out)
        })
        .map_err(|source: SheetError| ExportError::NotWritten {
            path: path.to_owned(),
            source,
        })?;
        Ok(products.len() as u32)
    }

    fn plan(&self, path: &str) -> Result<Plan, DeskError> {
        let bytes = read(Path::new(path))?;
        let mut hasher = std::hash::DefaultHasher::new();
        bytes.hash(&mut hasher);
        let digest = format!("{}-{:016x}", bytes.len(), hasher.finish());
        let parsed = catalog_file::parse(&bytes);
        let mut by_sku: HashMap<String, Product> = self
            .store
            .products()?
            .into_iter()
            .map(|p| (p.sku.clone(), p))
            .collect();
        let mut problems = parsed.problems.clone();
        let mut changes = Vec::with_capacity(parsed.rows.len());
        let mut added = 0;
        for row in &parsed.rows {
            match by_sku.remove(&row.product.sku) {
                Some(known) => {
                    let merged = merge(known.clone(), &row.product);
                    if merged != known {
                        changes.push(merged);
                    }
                }
                None => match new_product(&row.product) {
                    Some(p) => {
                        added += 1;
                        changes.push(p);
                    }
                    None => problems.push(ImportProblem {
                        line: row.line,
                        problem: ProblemKind::EmptyName,
                    }),
                },
            }
        }
        problems.sort_by_key(|p| p.line);
        Ok(Plan {
            parsed,
            digest,
            changes,
            added,
            problems,
        })
    }
}

fn read(path: &Path) -> Result<Vec<u8>, DeskError> {
    let unreadable = |e: std::io::Error| {
        DeskError::from(InputProblem::FileUnreadable {
            path: path.display().to_string(),
            detail: e.to_string(),
        })
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(InputProblem::CatalogTooBig {
            path: path.display().to_string(),
            megabytes: MAX_FILE_BYTES / 1024 / 1024,
        }
        .into());
    }
    std::fs::read(path).map_err(unreadable)
}

/// A product the file names that the catalogue has: the file's non-empty cells win.
fn merge(mut p: Product, f: &FileProduct) -> Product {
    if let Some(v) = &f.name {
        p.name.clone_from(v);
    }
    if let Some(v) = &f.barcode {
        p.barcode.clone_from(v);
    }
    if let Some(v) = &f.unit {
        p.unit.clone_from(v);
    }
    if let Some(v) = &f.location {
        p.location.clone_from(v);
    }
    p.price = f.price.unwrap_or(p.price);
    p.vat = f.vat.or(p.vat);
    p.weight_g = f.weight_g.or(p.weight_g);
    p.stock = f.stock.unwrap_or(p.stock);
    p.archived = f.archived.unwrap_or(p.archived);
    p
}

/// A product the catalogue does not have; it needs a name.
fn new_product(f: &FileProduct) -> Option<Product> {
    Some(Product {
        id: Uuid::now_v7(),
        sku: f.sku.clone(),
        name: f.name.clone()?,
        unit: f.unit.clone().unwrap_or_else(|| "шт".to_owned()),
        price: f.price.unwrap_or(Kopecks::ZERO),
        vat: f.vat,
        location: f.location.clone().unwrap_or_default(),
        stock: f.stock.unwrap_or(Quantity(0)),
        barcode: f.barcode.clone().unwrap_or_default(),
        weight_g: f.weight_g,
        archived: f.archived.unwrap_or(false),
    })
}
