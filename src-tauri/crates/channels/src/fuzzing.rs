//! Entry points for the fuzz targets and the arbitrary-bytes tests: the mapping code with a
//! fixed connection and catalogue, so any input exercises the real paths.

use domain::{Kopecks, Product, Quantity, VatRate};
use uuid::Uuid;

use crate::config::{Connection, Kind, Settings, StatusMap};
use crate::woo::import::{to_import, Catalog};
use crate::woo::model::WooOrder;

/// Maps a WooCommerce order as an import would; the result is an item or a kept problem.
pub fn woo_import(order: &WooOrder) -> store::ImportItem {
    let connection = Connection {
        id: Uuid::nil(),
        kind: Kind::WooCommerce,
        name: "fuzz".into(),
        base_url: "http://fuzz.invalid".into(),
        settings: Settings::default(),
        status_map: StatusMap::woo_default(),
    };
    let catalog = Catalog::new(
        vec![Product {
            id: Uuid::nil(),
            sku: "MUG-BLUE".into(),
            name: "Кружка".into(),
            unit: "шт".into(),
            price: Kopecks(1250),
            vat: None,
            location: String::new(),
            stock: Quantity(1000),
            barcode: String::new(),
            weight_g: None,
            archived: false,
        }],
        VatRate::Vat22,
    );
    to_import(&connection, &catalog, order, jiff::Timestamp::UNIX_EPOCH)
}
