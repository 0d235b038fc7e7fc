//! CommerceML 2 documents into plain data: goods (`import.xml`), offers with prices and stock
//! (`offers.xml`) and orders (`orders.xml`).

use domain::{Kopecks, Quantity};

use super::dom::{self, CmlError, Element};
use crate::money;

const ROOT: &str = "КоммерческаяИнформация";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogItem {
    pub id: String,
    /// Артикул, else the 1C id: what our SKU is matched on.
    pub sku: String,
    pub name: String,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub id: String,
    pub sku: String,
    pub price: Option<Kopecks>,
    pub quantity: Option<Quantity>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmlOrderLine {
    pub id: String,
    pub sku: String,
    pub name: String,
    pub price: Kopecks,
    pub quantity: Quantity,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmlOrder {
    pub id: String,
    pub number: String,
    pub total: Option<Kopecks>,
    /// «Статус заказа» from ЗначенияРеквизитов.
    pub status: Option<String>,
    pub paid: bool,
    pub cancelled: bool,
    pub lines: Vec<CmlOrderLine>,
}

fn root(bytes: &[u8]) -> Result<Element, CmlError> {
    let root = dom::parse(bytes)?;
    if root.name != ROOT {
        return Err(CmlError::NotCommerceMl {
            expected: ROOT,
            found: root.name,
        });
    }
    Ok(root)
}

fn kopecks(text: &str, what: &'static str) -> Result<Kopecks, CmlError> {
    // 1C writes decimals with a dot; a comma appears in hand-made files.
    money::kopecks(&text.replace(',', ".").replace(['\u{a0}', ' '], "")).ok_or_else(|| {
        CmlError::Invalid {
            what,
            detail: format!("{text:?} is not an amount"),
        }
    })
}

fn quantity(text: &str, what: &'static str) -> Result<Quantity, CmlError> {
    money::quantity(&text.replace(',', ".").replace(['\u{a0}', ' '], "")).ok_or_else(|| {
        CmlError::Invalid {
            what,
            detail: format!("{text:?} is not a quantity"),
        }
    })
}

fn required(e: &Element, name: &'static str, what: &'static str) -> Result<String, CmlError> {
    e.text_of(name).ok_or(CmlError::Invalid {
        what,
        detail: format!("<{name}> is missing"),
    })
}

/// Goods from `import.xml` (Каталог/Товары/Товар).
pub fn parse_catalog(bytes: &[u8]) -> Result<Vec<CatalogItem>, CmlError> {
    let root = root(bytes)?;
    let Some(goods) = root.path(&["Каталог", "Товары"]) else {
        return Ok(Vec::new());
    };
    goods
        .children_named("Товар")
        .map(|t| {
            let id = required(t, "Ид", "Товар")?;
            Ok(CatalogItem {
                sku: t.text_of("Артикул").unwrap_or_else(|| id.clone()),
                name: required(t, "Наименование", "Товар")?,
                unit: t.text_of("БазоваяЕдиница"),
                id,
            })
        })
        .collect()
}

/// Offers from `offers.xml` (ПакетПредложений/Предложения/Предложение): the first price and
/// the quantity (Количество, else the sum of the stores' КоличествоНаСкладе or
/// Остатки/Остаток/Склад/Количество).
pub fn parse_offers(bytes: &[u8]) -> Result<Vec<Offer>, CmlError> {
    let root = root(bytes)?;
    let Some(offers) = root.path(&["ПакетПредложений", "Предложения"])
    else {
        return Ok(Vec::new());
    };
    offers
        .children_named("Предложение")
        .map(|o| {
            let id = required(o, "Ид", "Предложение")?;
            let price = o
                .path(&["Цены", "Цена"])
                .and_then(|p| p.text_of("ЦенаЗаЕдиницу"))
                .map(|t| kopecks(&t, "ЦенаЗаЕдиницу"))
                .transpose()?;
            Ok(Offer {
                sku: o.text_of("Артикул").unwrap_or_else(|| id.clone()),
                price,
                quantity: offer_quantity(o)?,
                id,
            })
        })
        .collect()
}

fn offer_quantity(o: &Element) -> Result<Option<Quantity>, CmlError> {
    if let Some(q) = o.text_of("Количество") {
        return quantity(&q, "Количество").map(Some);
    }
    let mut total: Option<i64> = None;
    for s in o.children_named("Склад") {
        if let Some(q) = s.attr("КоличествоНаСкладе") {
            let q = quantity(q, "КоличествоНаСкладе")?;
            total = Some(total.unwrap_or(0).saturating_add(q.0));
        }
    }
    if let Some(rest) = o.child("Остатки") {
        for r in rest.children_named("Остаток") {
            let q = r
                .child("Склад")
                .and_then(|s| s.text_of("Количество"))
                .or_else(|| r.text_of("Количество"));
            if let Some(q) = q {
                let q = quantity(&q, "Остаток")?;
                total = Some(total.unwrap_or(0).saturating_add(q.0));
            }
        }
    }
    Ok(total.map(Quantity))
}

/// Orders from `orders.xml` (Документ with ХозОперация «Заказ товара»).
pub fn parse_orders(bytes: &[u8]) -> Result<Vec<CmlOrder>, CmlError> {
    let root = root(bytes)?;
    root.children_named("Документ")
        .filter(|d| {
            d.text_of("ХозОперация")
                .is_none_or(|op| op == "Заказ товара")
        })
        .map(order)
        .collect()
}

fn order(d: &Element) -> Result<CmlOrder, CmlError> {
    let id = required(d, "Ид", "Документ")?;
    let mut lines = Vec::new();
    if let Some(goods) = d.child("Товары") {
        for t in goods.children_named("Товар") {
            let line_id = t.text_of("Ид").unwrap_or_default();
            lines.push(CmlOrderLine {
                sku: t.text_of("Артикул").unwrap_or_else(|| line_id.clone()),
                id: line_id,
                name: t.text_of("Наименование").unwrap_or_default(),
                price: kopecks(&required(t, "ЦенаЗаЕдиницу", "Товар")?, "ЦенаЗаЕдиницу")?,
                quantity: quantity(&required(t, "Количество", "Товар")?, "Количество")?,
            });
        }
    }
    let requisite = |name: &str| {
        d.child("ЗначенияРеквизитов").and_then(|r| {
            r.children_named("ЗначениеРеквизита")
                .find(|v| v.text_of("Наименование").as_deref() == Some(name))
                .and_then(|v| v.text_of("Значение"))
        })
    };
    let yes = |v: Option<String>| v.is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "да");
    Ok(CmlOrder {
        number: d.text_of("Номер").unwrap_or_else(|| id.clone()),
        total: d
            .text_of("Сумма")
            .map(|s| kopecks(&s, "Сумма"))
            .transpose()?,
        status: requisite("Статус заказа"),
        paid: yes(requisite("Заказ оплачен")),
        cancelled: yes(requisite("Отменен")),
        lines,
        id,
    })
}
