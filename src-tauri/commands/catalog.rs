//! The catalogue screen: search, save a product, a file imported (preview, confirm) and
//! exported.

use super::desk_commands;

desk_commands! {
    catalog: Catalog { text, archived } => |d, _| d.catalog(&text, archived);
    save_product: SaveProduct { product } => |d, now| d.save_product(product, now);
    preview_catalog_file: PreviewCatalogFile { path } => |d, _| d.preview_catalog_file(&path);
    import_catalog_file: ImportCatalogFile { path, digest } =>
        |d, now| d.import_catalog_file(&path, &digest, now);
    export_catalog: ExportCatalog { path } => |d, _| d.export_catalog(&path);
}
