//! The catalogue screen: search, a product added or edited in place, archived or restored;
//! each save is a `SetProduct` shop op, so the team's other PCs get it through the hub.
//! Files in and out are in `import.rs`.

mod import;
mod pick;

pub(crate) use pick::product_view;

use domain::{Kopecks, Product, Quantity, Role, VatRate};
use jiff::Timestamp;
use proto::{InputProblem, ProductProblem};
use uuid::Uuid;

use crate::{Desk, DeskError};

/// The screen lists at most this many products for a search; a longer list is narrowed by
/// typing, not scrolled.
const LIST_LIMIT: usize = 500;

impl Desk {
    /// Products whose name, SKU or barcode holds `text` (any case, ё as е), by name; archived
    /// ones only when asked for.
    pub fn catalog(
        &self,
        text: &str,
        archived: bool,
    ) -> Result<Vec<proto::CatalogProduct>, DeskError> {
        let needle = fold(text.trim());
        Ok(self
            .store
            .products()?
            .into_iter()
            .filter(|p| archived || !p.archived)
            .filter(|p| {
                needle.is_empty()
                    || fold(&p.name).contains(&needle)
                    || fold(&p.sku).contains(&needle)
                    || p.barcode.contains(&needle)
            })
            .take(LIST_LIMIT)
            .map(view)
            .collect())
    }

    /// Adds a product (no id) or replaces one, whole. Only an administrator or a manager may;
    /// an SKU another product holds is refused.
    pub fn save_product(
        &self,
        input: proto::ProductInput,
        now: Timestamp,
    ) -> Result<proto::CatalogProduct, DeskError> {
        self.writable()?;
        self.may_edit_catalog()?;
        let id = match input.id.as_deref().filter(|id| !id.is_empty()) {
            Some(id) => {
                Uuid::parse_str(id).map_err(|_| InputProblem::Product { id: id.to_owned() })?
            }
            None => Uuid::now_v7(),
        };
        let product = from_input(id, input)?;
        let products = self.store.products()?;
        if let Some(other) = products
            .iter()
            .find(|p| p.sku == product.sku && p.id != product.id)
        {
            return Err(InputProblem::SkuTaken {
                sku: product.sku.clone(),
                product: other.name.clone(),
            }
            .into());
        }
        if products.contains(&product) {
            return Ok(view(product));
        }
        self.store.record_shop_op(store::NewShopOp {
            id: Uuid::now_v7(),
            actor: self.actor(),
            at: now,
            op: domain::ShopOp::SetProduct {
                product: product.clone(),
            },
        })?;
        self.nudge_sync();
        Ok(view(product))
    }

    /// Said before anything is read or written, in the manager's words; the store checks the
    /// role again inside the transaction.
    pub(crate) fn may_edit_catalog(&self) -> Result<(), DeskError> {
        if matches!(self.actor().role, Role::Admin | Role::Manager) {
            Ok(())
        } else {
            Err(DeskError::AdminOnly(proto::AdminTask::Catalog))
        }
    }
}

/// Lower case with ё as е, so «Ёлка» is found by «елка».
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

pub(crate) fn view(p: Product) -> proto::CatalogProduct {
    proto::CatalogProduct {
        id: p.id.to_string(),
        vat: p.vat.map(crate::convert::vat_rate),
        sku: p.sku,
        name: p.name,
        barcode: p.barcode,
        unit: p.unit,
        price: p.price.0,
        weight_g: p.weight_g,
        location: p.location,
        stock: p.stock.0,
        archived: p.archived,
    }
}

fn from_input(id: Uuid, input: proto::ProductInput) -> Result<Product, DeskError> {
    let mut wrong = Vec::new();
    let sku = input.sku.trim().to_owned();
    let name = input.name.trim().to_owned();
    if sku.is_empty() {
        wrong.push(ProductProblem::SkuEmpty);
    }
    if sku.chars().count() > 64 {
        wrong.push(ProductProblem::SkuTooLong);
    }
    if name.is_empty() {
        wrong.push(ProductProblem::NameEmpty);
    }
    if input.price < 0 {
        wrong.push(ProductProblem::NegativePrice);
    }
    if input.weight_g.is_some_and(|g| g < 0) {
        wrong.push(ProductProblem::NegativeWeight);
    }
    if !wrong.is_empty() {
        return Err(InputProblem::ProductForm { problems: wrong }.into());
    }
    let unit = input.unit.trim();
    Ok(Product {
        id,
        sku,
        name,
        unit: if unit.is_empty() { "шт" } else { unit }.to_owned(),
        price: Kopecks(input.price),
        vat: input.vat.map(vat_rate),
        location: input.location.trim().to_owned(),
        stock: Quantity(input.stock),
        barcode: input.barcode.trim().to_owned(),
        weight_g: input.weight_g,
        archived: input.archived,
    })
}

fn vat_rate(v: proto::VatRate) -> VatRate {
    match v {
        proto::VatRate::None => VatRate::None,
        proto::VatRate::Vat0 => VatRate::Vat0,
        proto::VatRate::Vat5 => VatRate::Vat5,
        proto::VatRate::Vat7 => VatRate::Vat7,
        proto::VatRate::Vat10 => VatRate::Vat10,
        proto::VatRate::Vat22 => VatRate::Vat22,
    }
}
