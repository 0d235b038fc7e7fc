//! Which column is which: Russian and English headers as shops and their systems (Excel price
//! lists, МойСклад, 1C, WooCommerce exports) write them.

use proto::CatalogField;

/// A weight column's unit, from its header («Вес, кг» or «Вес, г»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Grams,
    Kilograms,
    None,
}

/// Headers, normalised as [`normalise`] does, and the field each names.
const NAMES: &[(&str, CatalogField)] = &[
    ("наименование", CatalogField::Name),
    ("наименование товара", CatalogField::Name),
    ("название", CatalogField::Name),
    ("название товара", CatalogField::Name),
    ("товар", CatalogField::Name),
    ("name", CatalogField::Name),
    ("product", CatalogField::Name),
    ("product name", CatalogField::Name),
    ("title", CatalogField::Name),
    ("артикул", CatalogField::Sku),
    ("артикул товара", CatalogField::Sku),
    ("артикул продавца", CatalogField::Sku),
    ("арт", CatalogField::Sku),
    ("sku", CatalogField::Sku),
    ("article", CatalogField::Sku),
    ("vendor code", CatalogField::Sku),
    ("штрихкод", CatalogField::Barcode),
    ("штрих код", CatalogField::Barcode),
    ("штрихкоды", CatalogField::Barcode),
    ("barcode", CatalogField::Barcode),
    ("ean", CatalogField::Barcode),
    ("ean13", CatalogField::Barcode),
    ("ean 13", CatalogField::Barcode),
    ("gtin", CatalogField::Barcode),
    ("единица", CatalogField::Unit),
    ("единица измерения", CatalogField::Unit),
    ("ед", CatalogField::Unit),
    ("ед изм", CatalogField::Unit),
    ("unit", CatalogField::Unit),
    ("uom", CatalogField::Unit),
    ("цена", CatalogField::Price),
    ("цена продажи", CatalogField::Price),
    ("розничная цена", CatalogField::Price),
    ("price", CatalogField::Price),
    ("retail price", CatalogField::Price),
    ("regular price", CatalogField::Price),
    ("ндс", CatalogField::Vat),
    ("ставка ндс", CatalogField::Vat),
    ("vat", CatalogField::Vat),
    ("vat rate", CatalogField::Vat),
    ("вес", CatalogField::Weight),
    ("масса", CatalogField::Weight),
    ("weight", CatalogField::Weight),
    ("ячейка", CatalogField::Location),
    ("ячейка хранения", CatalogField::Location),
    ("место хранения", CatalogField::Location),
    ("адрес хранения", CatalogField::Location),
    ("bin", CatalogField::Location),
    ("storage bin", CatalogField::Location),
    ("location", CatalogField::Location),
    ("остаток", CatalogField::Stock),
    ("остатки", CatalogField::Stock),
    ("в наличии", CatalogField::Stock),
    ("количество", CatalogField::Stock),
    ("кол во", CatalogField::Stock),
    ("stock", CatalogField::Stock),
    ("qty", CatalogField::Stock),
    ("quantity", CatalogField::Stock),
    ("архив", CatalogField::Archived),
    ("в архиве", CatalogField::Archived),
    ("archived", CatalogField::Archived),
];

/// Trailing words that say a column's unit, not what it holds («Цена, руб.», «Вес (кг)»).
const UNIT_WORDS: &[&str] = &[
    "руб",
    "р",
    "rub",
    "г",
    "гр",
    "g",
    "кг",
    "kg",
    "шт",
    "pcs",
    "ставка",
];

/// Lower case, ё as е, everything but letters and digits as single spaces.
pub(crate) fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// The field a header names, and its unit.
pub(crate) fn field(header: &str) -> Option<(CatalogField, Unit)> {
    let mut words: Vec<&str> = Vec::new();
    let norm = normalise(header);
    words.extend(norm.split(' ').filter(|w| !w.is_empty()));
    let unit = if words.iter().any(|w| *w == "кг" || *w == "kg") {
        Unit::Kilograms
    } else if words.iter().any(|w| matches!(*w, "г" | "гр" | "g")) {
        Unit::Grams
    } else {
        Unit::None
    };
    loop {
        let name = words.join(" ");
        if let Some((_, field)) = NAMES.iter().find(|(n, _)| *n == name) {
            return Some((*field, unit));
        }
        match words.last() {
            Some(last) if words.len() > 1 && UNIT_WORDS.contains(last) => {
                words.pop();
            }
            _ => return None,
        }
    }
}

/// Each column's field and unit (`None`: a column the import ignores).
pub(crate) type Columns = Vec<Option<(CatalogField, Unit)>>;

/// The header row among the first `within` rows: the first that names an SKU or a name and
/// one more field. Returns its index and each column's field; a field named twice is taken
/// from its first column only.
pub(crate) fn find(rows: &[(u32, Vec<String>)], within: usize) -> Option<(usize, Columns)> {
    rows.iter()
        .take(within)
        .enumerate()
        .find_map(|(i, (_, cells))| {
            let mut seen = Vec::new();
            let fields: Columns = cells
                .iter()
                .map(|c| {
                    let f = field(c)?;
                    if seen.contains(&f.0) {
                        return None;
                    }
                    seen.push(f.0);
                    Some(f)
                })
                .collect();
            let key = seen
                .iter()
                .any(|f| matches!(f, CatalogField::Sku | CatalogField::Name));
            (key && seen.len() >= 2).then_some((i, fields))
        })
}
