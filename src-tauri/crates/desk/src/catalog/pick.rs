//! The product picker of the lines editor and the new-order form: a search as the manager
//! types, with what a line is priced from and how many are in stock.

use crate::{Desk, DeskError};

impl Desk {
    /// Products not archived whose name, SKU or barcode holds every word of `text` (an exact
    /// SKU or barcode first), at most `limit` of them (the store caps it).
    pub fn find_products(
        &self,
        text: &str,
        limit: u32,
    ) -> Result<Vec<proto::ProductView>, DeskError> {
        let vat = self.store.shop()?.vat;
        Ok(self
            .store
            .find_products(text, limit)?
            .into_iter()
            .map(|p| product_view(p, vat))
            .collect())
    }
}

/// A product as the line editor offers it, at its own VAT rate or the shop's `vat`.
pub(crate) fn product_view(p: domain::Product, vat: domain::VatRate) -> proto::ProductView {
    proto::ProductView {
        id: p.id.to_string(),
        vat_rate: crate::convert::vat_rate(p.vat_rate(vat)),
        sku: p.sku,
        name: p.name,
        unit: p.unit,
        price: p.price.0,
        stock: p.stock.0,
        barcode: p.barcode,
    }
}
