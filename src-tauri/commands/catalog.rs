//! The catalogue screen: search, save a product, a file imported (preview, confirm) and
//! exported.

use proto::{CatalogProduct, ImportDone, ImportPreview, ProductInput};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

#[tauri::command]
pub async fn catalog(
    state: State<'_, AppState>,
    text: String,
    archived: bool,
) -> Reply<Vec<CatalogProduct>> {
    blocking(&state, move |d, _| d.catalog(&text, archived)).await
}

#[tauri::command]
pub async fn save_product(
    state: State<'_, AppState>,
    product: ProductInput,
) -> Reply<CatalogProduct> {
    blocking(&state, move |d, now| d.save_product(product, now)).await
}

#[tauri::command]
pub async fn preview_catalog_file(
    state: State<'_, AppState>,
    path: String,
) -> Reply<ImportPreview> {
    blocking(&state, move |d, _| d.preview_catalog_file(&path)).await
}

#[tauri::command]
pub async fn import_catalog_file(
    state: State<'_, AppState>,
    path: String,
    digest: String,
) -> Reply<ImportDone> {
    blocking(&state, move |d, now| {
        d.import_catalog_file(&path, &digest, now)
    })
    .await
}

#[tauri::command]
pub async fn export_catalog(state: State<'_, AppState>, path: String) -> Reply<u32> {
    blocking(&state, move |d, _| d.export_catalog(&path)).await
}
