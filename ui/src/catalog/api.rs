//! Typed wrappers over the catalogue commands.

use proto::{cmd, CatalogProduct, CommandError, ImportDone, ImportPreview, ProductInput};

use crate::api::call;

pub async fn catalog(text: String, archived: bool) -> Result<Vec<CatalogProduct>, CommandError> {
    call(&cmd::Catalog { text, archived }).await
}

pub async fn save_product(product: ProductInput) -> Result<CatalogProduct, CommandError> {
    call(&cmd::SaveProduct { product }).await
}

pub async fn preview(path: String) -> Result<ImportPreview, CommandError> {
    call(&cmd::PreviewCatalogFile { path }).await
}

pub async fn import(path: String, digest: String) -> Result<ImportDone, CommandError> {
    call(&cmd::ImportCatalogFile { path, digest }).await
}

pub async fn export(path: String) -> Result<u32, CommandError> {
    call(&cmd::ExportCatalog { path }).await
}
