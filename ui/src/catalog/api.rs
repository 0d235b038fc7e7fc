//! Typed wrappers over the catalogue commands.

use proto::{CatalogProduct, CommandError, ImportDone, ImportPreview, ProductInput};
use serde::Serialize;

use crate::api::call;

pub async fn catalog(text: String, archived: bool) -> Result<Vec<CatalogProduct>, CommandError> {
    #[derive(Serialize)]
    struct Args {
        text: String,
        archived: bool,
    }
    call("catalog", &Args { text, archived }).await
}

pub async fn save_product(product: ProductInput) -> Result<CatalogProduct, CommandError> {
    #[derive(Serialize)]
    struct Args {
        product: ProductInput,
    }
    call("save_product", &Args { product }).await
}

#[derive(Serialize)]
struct PathArgs {
    path: String,
}

pub async fn preview(path: String) -> Result<ImportPreview, CommandError> {
    call("preview_catalog_file", &PathArgs { path }).await
}

pub async fn import(path: String, digest: String) -> Result<ImportDone, CommandError> {
    #[derive(Serialize)]
    struct Args {
        path: String,
        digest: String,
    }
    call("import_catalog_file", &Args { path, digest }).await
}

pub async fn export(path: String) -> Result<u32, CommandError> {
    call("export_catalog", &PathArgs { path }).await
}
