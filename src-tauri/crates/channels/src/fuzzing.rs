//! Entry points for the fuzz targets and the arbitrary-bytes tests: the mapping code with a
//! fixed connection and catalogue, so any input exercises the real paths.

use domain::{Kopecks, Product, Quantity, VatRate};
use uuid::Uuid;

use crate::channel_import::Catalog;
use crate::config::{Connection, Kind, Settings, StatusMap};
use crate::woo::import::to_import;
use crate::woo::model::WooOrder;

/// Maps a WooCommerce order as an import would; the result is an item or a kept problem.
pub fn woo_import(order: &WooOrder) -> store::ImportItem {
    to_import(
        &connection(Kind::WooCommerce, StatusMap::woo_default()),
        &catalog(),
        order,
        jiff::Timestamp::UNIX_EPOCH,
    )
}

/// Maps an Ozon posting as an import would.
pub fn ozon_import(posting: &crate::ozon::model::Posting) -> store::ImportItem {
    crate::ozon::import::to_import(
        &connection(Kind::Ozon, StatusMap::ozon_default()),
        &catalog(),
        posting,
        jiff::Timestamp::UNIX_EPOCH,
    )
}

/// Maps a Yandex Market order as an import would.
pub fn yandex_import(order: &crate::yandex::model::YmOrder) -> store::ImportItem {
    crate::yandex::import::to_import(
        &connection(Kind::YandexMarket, StatusMap::yandex_default()),
        &catalog(),
        order,
        jiff::Timestamp::UNIX_EPOCH,
    )
}

/// Maps a MegaMarket shipment (from `order/get` or the `order/new` push) as an import would.
pub fn megamarket_import(shipment: &crate::megamarket::model::Shipment) -> store::ImportItem {
    crate::megamarket::import::to_import(
        &connection(Kind::MegaMarket, StatusMap::megamarket_default()),
        &catalog(),
        shipment,
        jiff::Timestamp::UNIX_EPOCH,
    )
}

fn connection(kind: Kind, status_map: StatusMap) -> Connection {
    Connection {
        id: Uuid::nil(),
        kind,
        name: "fuzz".into(),
        base_url: "http://fuzz.invalid".into(),
        settings: Settings::default(),
        status_map,
    }
}

/// One product the samples name, so both the known and the unknown SKU paths run.
fn catalog() -> Catalog {
    Catalog::new(
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
    )
}
