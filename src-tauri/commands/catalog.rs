//! The catalogue screen: search, save a product, a file imported (preview, confirm) and
//! exported.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn catalog(state: State<'_, AppState>, args: cmd::Catalog) -> Answer<cmd::Catalog> {
    let cmd::Catalog { text, archived } = args;
    blocking(&state, move |d, _| d.catalog(&text, archived)).await
}

#[tauri::command]
pub async fn save_product(
    state: State<'_, AppState>,
    args: cmd::SaveProduct,
) -> Answer<cmd::SaveProduct> {
    let cmd::SaveProduct { product } = args;
    blocking(&state, move |d, now| d.save_product(product, now)).await
}

#[tauri::command]
pub async fn preview_catalog_file(
    state: State<'_, AppState>,
    args: cmd::PreviewCatalogFile,
) -> Answer<cmd::PreviewCatalogFile> {
    let cmd::PreviewCatalogFile { path } = args;
    blocking(&state, move |d, _| d.preview_catalog_file(&path)).await
}

#[tauri::command]
pub async fn import_catalog_file(
    state: State<'_, AppState>,
    args: cmd::ImportCatalogFile,
) -> Answer<cmd::ImportCatalogFile> {
    let cmd::ImportCatalogFile { path, digest } = args;
    blocking(&state, move |d, now| {
        d.import_catalog_file(&path, &digest, now)
    })
    .await
}

#[tauri::command]
pub async fn export_catalog(
    state: State<'_, AppState>,
    args: cmd::ExportCatalog,
) -> Answer<cmd::ExportCatalog> {
    let cmd::ExportCatalog { path } = args;
    blocking(&state, move |d, _| d.export_catalog(&path)).await
}
