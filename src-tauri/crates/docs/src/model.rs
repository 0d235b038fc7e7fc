//! Plain inputs of the documents. The desk maps its orders into these; nothing here knows the
//! domain types, so the papers can be tested and benchmarked on their own.

use jiff::civil::Date;

/// The VAT regime an order was priced with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VatRate {
    /// The seller does not charge VAT (УСН without VAT, exemption): «Без налога (НДС)».
    Exempt,
    /// Rate in whole percent: 22, 10, 7, 5 or 0 in 2026.
    Percent(u8),
}

/// The other side of a paper: a company, a sole trader or a person.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Party {
    pub name: String,
    /// Empty for a private person.
    pub inn: String,
    pub kpp: String,
    pub address: String,
    pub phone: String,
}

impl Party {
    /// «name, ИНН …, КПП …, address, тел. …», skipping what is empty, as invoices print it.
    pub fn one_line(&self) -> String {
        let mut parts = vec![self.name.clone()];
        if !self.inn.is_empty() {
            parts.push(format!("ИНН {}", self.inn));
        }
        if !self.kpp.is_empty() {
            parts.push(format!("КПП {}", self.kpp));
        }
        if !self.address.is_empty() {
            parts.push(self.address.clone());
        }
        if !self.phone.is_empty() {
            // No-break spaces keep a phone number on one line when the party wraps.
            parts.push(format!("тел.\u{a0}{}", self.phone.replace(' ', "\u{a0}")));
        }
        parts.join(", ")
    }
}

/// One line as priced on the order; the amount is the order's, never recomputed here, so the
/// paper shows exactly what the customer was charged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocLine {
    pub sku: String,
    pub name: String,
    /// Unit of measure as printed: «шт», «кг», «м».
    pub unit: String,
    /// Thousandths of the unit: 1500 is 1,5 кг.
    pub quantity_milli: i64,
    pub price_kopecks: i64,
    pub amount_kopecks: i64,
    /// Zone/rack/shelf/bin, e.g. «A-03-2-07»; printed on internal papers only.
    pub storage_location: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocOrder {
    pub number: String,
    pub date: Date,
    pub buyer: Party,
    pub lines: Vec<DocLine>,
    pub vat: VatRate,
    pub delivery_address: String,
    /// Delivery window as the customer agreed it: «22.11 10:00–14:00».
    pub delivery_window: String,
    pub phone: String,
    /// «Наличные», «Карта курьеру», «Оплачено онлайн», «Безналичный расчёт».
    pub payment_form: String,
    /// What the courier must take from the customer; 0 when prepaid.
    pub collect_kopecks: i64,
    /// «Основание» line of the invoice, e.g. «Договор № 5 от 01.02.2026»; empty to omit.
    pub basis: String,
    /// Free notes for the courier or the picker.
    pub notes: String,
}

impl DocOrder {
    /// The sum of line amounts: the order total every paper prints.
    pub fn total_kopecks(&self) -> i64 {
        self.lines.iter().map(|l| l.amount_kopecks).sum()
    }

    /// VAT included in the total, or `None` for «Без налога (НДС)».
    pub fn vat_kopecks(&self) -> Option<i64> {
        match self.vat {
            VatRate::Exempt => None,
            VatRate::Percent(rate) => Some(crate::money::vat_included(self.total_kopecks(), rate)),
        }
    }
}
