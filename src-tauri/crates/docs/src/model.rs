//! Plain inputs of the documents. The desk maps its orders into these; nothing here knows the
//! domain types, so the papers can be tested and benchmarked on their own.

use jiff::civil::Date;

/// The VAT rate a line was priced with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VatRate {
    /// The seller does not charge VAT (УСН without VAT, exemption): «Без налога (НДС)».
    #[default]
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
    /// A company's bank, empty for a person: the ТОРГ-12-like papers print it in the
    /// «Плательщик» line; the invoice does not need it (the buyer pays into the shop's account).
    pub bank_name: String,
    pub bic: String,
    pub settlement_account: String,
    pub corr_account: String,
}

impl Party {
    /// «р/с …, в банке …, БИК …, к/с …» as ТОРГ-12 prints a party's bank; empty without a
    /// settlement account.
    pub fn bank_line(&self) -> String {
        if self.settlement_account.is_empty() {
            return String::new();
        }
        let mut parts = vec![format!("р/с {}", self.settlement_account)];
        if !self.bank_name.is_empty() {
            parts.push(format!("в банке {}", self.bank_name));
        }
        if !self.bic.is_empty() {
            parts.push(format!("БИК {}", self.bic));
        }
        if !self.corr_account.is_empty() {
            parts.push(format!("к/с {}", self.corr_account));
        }
        parts.join(", ")
    }

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
    /// The rate the line was priced with; an order may mix rates (goods at 22% and 10%).
    pub vat: VatRate,
    /// Zone/rack/shelf/bin, e.g. «A-03-2-07»; printed on internal papers only.
    pub storage_location: String,
    /// A service (delivery, assembly), not goods: the товарная накладная lists it apart from
    /// the goods table, the invoice among the lines.
    pub service: bool,
}

/// Who signs a paper for the shop, as 402-ФЗ art. 9 asks: position and name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signer {
    /// «Кладовщик», «Курьер», «Руководитель».
    pub position: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocOrder {
    /// The paper's number: the order's, or the invoice's on an invoice.
    pub number: String,
    /// The paper's own date: an invoice's is the day it was issued (a reprint keeps it);
    /// other papers are dated when they are made.
    pub date: Date,
    /// The day the order was placed, in the shop's time: what papers citing the order print
    /// («Основание: Заказ № N от …», the ПД-4 purpose), whenever they are printed.
    pub order_date: Date,
    /// The order's invoice (number, date) when one was issued, for papers that cite it.
    pub invoice: Option<(String, Date)>,
    pub buyer: Party,
    pub lines: Vec<DocLine>,
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

    /// One entry per rate on the paper: highest rate first, «Без налога» last. The VAT of a
    /// rate is the sum of its lines' VAT, each rounded once, as the order card shows it —
    /// so the printed figures add up to the kopeck.
    pub fn vat_by_rate(&self) -> Vec<VatSum> {
        let mut sums: Vec<VatSum> = Vec::new();
        for line in &self.lines {
            let vat = line.vat_kopecks().unwrap_or(0);
            match sums.iter_mut().find(|s| s.rate == line.vat) {
                Some(sum) => sum.vat_kopecks += vat,
                None => sums.push(VatSum {
                    rate: line.vat,
                    vat_kopecks: vat,
                }),
            }
        }
        sums.sort_by_key(|s| std::cmp::Reverse(s.rate.sort_key()));
        sums
    }

    /// Lines at more than one rate: the papers then show the rate and VAT of every line.
    pub fn has_mixed_vat(&self) -> bool {
        self.lines.windows(2).any(|w| w[0].vat != w[1].vat)
    }
}

impl DocLine {
    /// VAT included in the line's amount, rounded to the kopeck; `None` when exempt.
    pub fn vat_kopecks(&self) -> Option<i64> {
        match self.vat {
            VatRate::Exempt => None,
            VatRate::Percent(rate) => Some(crate::money::vat_included(self.amount_kopecks, rate)),
        }
    }
}

impl VatRate {
    /// Exempt sorts below 0%, so it comes last when printed highest first.
    fn sort_key(self) -> i16 {
        match self {
            VatRate::Exempt => -1,
            VatRate::Percent(p) => i16::from(p),
        }
    }

    /// «22%» or «Без НДС», as a line's rate cell reads.
    pub fn label(self) -> String {
        match self {
            VatRate::Exempt => "Без НДС".to_owned(),
            VatRate::Percent(p) => format!("{p}%"),
        }
    }
}

/// The VAT of one rate over a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VatSum {
    pub rate: VatRate,
    /// Σ of the lines' VAT at this rate; 0 for exempt.
    pub vat_kopecks: i64,
}
