//! Products and customers as the order editor looks them up.

use domain::{Customer, Kopecks, Product, Quantity, VatRate};
use rusqlite::{Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::rows::{parse, uuid, SHOP_VAT};
use crate::StoreError;

pub(crate) const PRODUCT_COLUMNS: &str =
    "id, sku, name, unit, price, vat_rate, location, stock, barcode, weight_g, archived";

pub(crate) fn product_row(r: &Row<'_>) -> Result<Product, StoreError> {
    let vat: String = r.get(5)?;
    Ok(Product {
        id: uuid(&r.get::<_, String>(0)?)?,
        sku: r.get(1)?,
        name: r.get(2)?,
        unit: r.get(3)?,
        price: Kopecks(r.get(4)?),
        vat: if vat == SHOP_VAT {
            None
        } else {
            Some(parse(&vat, "VAT rate", VatRate::parse)?)
        },
        location: r.get(6)?,
        stock: Quantity(r.get(7)?),
        barcode: r.get(8)?,
        weight_g: r.get(9)?,
        archived: r.get(10)?,
    })
}

pub(crate) fn products(conn: &Connection) -> Result<Vec<Product>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PRODUCT_COLUMNS} FROM products ORDER BY name"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(product_row(r)?);
    }
    Ok(out)
}

/// The products with these SKUs (the ones a page of channel orders names), not the whole
/// catalogue.
pub(crate) fn products_by_sku(
    conn: &Connection,
    skus: &[String],
) -> Result<Vec<Product>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PRODUCT_COLUMNS} FROM products WHERE sku IN (SELECT value FROM json_each(?1))"
    ))?;
    let mut rows = stmt.query([serde_json::to_string(skus)?])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(product_row(r)?);
    }
    Ok(out)
}

pub(crate) fn product(conn: &Connection, id: Uuid) -> Result<Option<Product>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PRODUCT_COLUMNS} FROM products WHERE id = ?1"
    ))?;
    let mut rows = stmt.query([id.to_string()])?;
    rows.next()?.map(product_row).transpose()
}

/// The customer with this phone (digits only), if the shop knows one.
pub(crate) fn customer_by_phone(
    conn: &Connection,
    phone: &str,
) -> Result<Option<Customer>, StoreError> {
    let row = conn
        .prepare_cached("SELECT id, name, phone, email FROM customers WHERE phone = ?1 LIMIT 1")?
        .query_row([phone], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .optional()?;
    row.map(|(id, name, phone, email)| {
        Ok(Customer {
            id: uuid(&id)?,
            name,
            phone,
            email,
        })
    })
    .transpose()
}
