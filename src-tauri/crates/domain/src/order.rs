use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::buyer::Buyer;
use crate::methods::{Channel, DeliveryMethod, PaymentMethod, VatRate};
use crate::money::{Kopecks, MoneyOverflow, Quantity};
use crate::pricing::{Discount, Totals};
use crate::workflow::StagePosition;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: Uuid,
    /// ФИО as the customer gave it.
    pub name: String,
    /// Digits only (`79161234567`), so any spelling of a number finds it.
    pub phone: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: Uuid,
    pub sku: String,
    pub name: String,
    /// Unit of measure as printed on documents ("шт", "кг", "м").
    pub unit: String,
    pub price: Kopecks,
    /// The product's own rate; `None` means the shop's default rate applies.
    pub vat: Option<VatRate>,
    /// Warehouse cell, e.g. `A-03-2`, printed on the pick list.
    pub location: String,
    pub stock: Quantity,
    /// What a scanner reads (EAN-13 and the like); empty when the product has none. Default:
    /// a product recorded before the catalogue screen decodes as having none.
    #[serde(default)]
    pub barcode: String,
    /// In grams; `None` when unknown, so a waybill leaves it blank instead of printing 0.
    #[serde(default)]
    pub weight_g: Option<i64>,
    /// No longer offered to new lines; kept for the orders that name it.
    #[serde(default)]
    pub archived: bool,
}

impl Product {
    /// The rate a line of this product is priced with in a shop whose default is `shop_vat`.
    pub fn vat_rate(&self, shop_vat: VatRate) -> VatRate {
        self.vat.unwrap_or(shop_vat)
    }

    /// A new order line for `quantity` of this product at today's price and rate.
    pub fn line(&self, id: Uuid, quantity: Quantity, shop_vat: VatRate) -> Line {
        Line {
            id,
            product_id: Some(self.id),
            sku: self.sku.clone(),
            name: self.name.clone(),
            unit: self.unit.clone(),
            quantity,
            price: self.price,
            vat: self.vat_rate(shop_vat),
            discount: Discount::None,
        }
    }
}

/// An order line keeps its own copy of the product's name, price and VAT rate: a later change
/// of the catalogue must not rewrite what the customer agreed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Made by the client that added the line, so edits from another PC name the same line.
    pub id: Uuid,
    pub product_id: Option<Uuid>,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub quantity: Quantity,
    pub price: Kopecks,
    pub vat: VatRate,
    pub discount: Discount,
}

impl Line {
    /// round(quantity × price), before discounts.
    pub fn amount(&self) -> Result<Kopecks, MoneyOverflow> {
        self.price.times(self.quantity)
    }
}

/// A delivery time window agreed with the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindow {
    pub from: Timestamp,
    pub to: Timestamp,
}

/// Money received (positive) or given back (negative). Payments are only ever added: a mistake
/// is corrected by another entry, so the record of what came in stays whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: Uuid,
    pub amount: Kopecks,
    pub method: PaymentMethod,
    pub at: Timestamp,
    pub note: Option<String>,
    /// Set on an entry that corrects an earlier one (its id): the earlier entry stays as it
    /// came in and this one carries the difference, so the two add up to the right amount.
    /// An entry that brings the earlier one to zero voids it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<Uuid>,
}

impl Payment {
    /// What an entry counts for after its corrections: `None` if `id` is not an entry of
    /// `payments` that came in (a correction is not corrected itself; its original is).
    pub fn effective(payments: &[Payment], id: Uuid) -> Result<Option<Kopecks>, MoneyOverflow> {
        let Some(entry) = payments.iter().find(|p| p.id == id && p.corrects.is_none()) else {
            return Ok(None);
        };
        payments
            .iter()
            .filter(|p| p.corrects == Some(id))
            .try_fold(entry.amount, |sum, p| sum.checked_add(p.amount))
            .map(Some)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Unpaid,
    Partial,
    Paid,
    Overpaid,
}

impl PaymentStatus {
    pub fn of(paid: Kopecks, total: Kopecks) -> PaymentStatus {
        if paid == total {
            PaymentStatus::Paid
        } else if paid > total {
            PaymentStatus::Overpaid
        } else if paid > Kopecks::ZERO {
            PaymentStatus::Partial
        } else {
            PaymentStatus::Unpaid
        }
    }

    /// Everything owed has come in.
    pub fn is_paid(self) -> bool {
        matches!(self, PaymentStatus::Paid | PaymentStatus::Overpaid)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CallOutcome {
    Reached,
    NoAnswer,
    CallBackAt { at: Timestamp },
    Confirmed,
    Refused,
}

impl CallOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Reached => "reached",
            CallOutcome::NoAnswer => "no_answer",
            CallOutcome::CallBackAt { .. } => "call_back_at",
            CallOutcome::Confirmed => "confirmed",
            CallOutcome::Refused => "refused",
        }
    }
}

/// One call to the customer about the order; every call is an attempt, answered or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub id: Uuid,
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    pub outcome: CallOutcome,
    pub note: Option<String>,
}

impl Call {
    pub fn duration(&self) -> SignedDuration {
        self.ended_at.duration_since(self.started_at)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: Uuid,
    /// The number people say on the phone ("10001"); unique per shop.
    pub number: i64,
    pub channel: Channel,
    pub customer: Customer,
    /// Who the papers bill: the customer as a person unless a company was set.
    #[serde(default)]
    pub buyer: Buyer,
    pub address: String,
    pub delivery: DeliveryMethod,
    /// Tariff zone the delivery cost was taken from; `None` for a cost set by hand or imported.
    pub delivery_zone: Option<String>,
    pub delivery_window: Option<TimeWindow>,
    /// Delivery is a service taxed at the shop's rate when the order was priced.
    pub delivery_vat: VatRate,
    pub payment: PaymentMethod,
    pub stage: StagePosition,
    pub lines: Vec<Line>,
    /// Whole-order discount as given; [`Totals`] caps it so nothing goes negative.
    pub discount: Discount,
    pub delivery_cost: Kopecks,
    /// The delivery charge is the channel's (or the manager's), not the tariff's: a change of
    /// goods leaves it as it is. A delivery change the manager makes prices by the tariff again.
    #[serde(default)]
    pub delivery_fixed: bool,
    pub comment: Option<String>,
    /// Packages the goods were packed into, as counted at the pick; `None` until counted.
    /// The transport waybill prints it, else leaves a blank for the pen.
    #[serde(default)]
    pub places: Option<u32>,
    pub created_at: Timestamp,
    /// Not yet confirmed with the customer.
    pub draft: bool,
    /// Number of the latest saved version (1 for a new order).
    pub version: i64,
    pub published_version: Option<i64>,
    pub confirmed_version: Option<i64>,
    /// The total as first taken, shown beside the current one.
    pub original_total: Kopecks,
    pub payments: Vec<Payment>,
    pub calls: Vec<Call>,
}

/// The facts every new order is made from, whoever takes it (a manager on the phone, the
/// site, a marketplace): see [`Order::new_draft`].
#[derive(Debug, Clone)]
pub struct DraftOf {
    pub id: Uuid,
    pub channel: Channel,
    pub customer: Customer,
    pub delivery: DeliveryMethod,
    pub payment: PaymentMethod,
    /// The VAT rate of the delivery line: the shop's.
    pub delivery_vat: VatRate,
    pub lines: Vec<Line>,
    /// When it is taken: its creation and its entry into the first stage.
    pub at: Timestamp,
    /// A marketplace's shipping cut-off, the first stage's deadline until the shop's stages
    /// set their own; `None` for the shop's own orders.
    pub deadline: Option<Timestamp>,
}

impl Order {
    /// A new order as every channel starts one: a draft at version 1, not yet numbered or
    /// staged (the store gives both as it records it), for a person, with no address,
    /// discount, delivery cost, comment, payments or calls. A channel sets what it knows
    /// beyond that with `..Order::new_draft(..)`.
    pub fn new_draft(d: DraftOf) -> Order {
        Order {
            id: d.id,
            number: 0,
            channel: d.channel,
            customer: d.customer,
            buyer: Buyer::Person,
            address: String::new(),
            delivery: d.delivery,
            delivery_zone: None,
            delivery_window: None,
            delivery_vat: d.delivery_vat,
            payment: d.payment,
            stage: StagePosition {
                stage_id: String::new(),
                entered_at: d.at,
                deadline: d.deadline,
            },
            lines: d.lines,
            discount: Discount::None,
            delivery_cost: Kopecks::ZERO,
            delivery_fixed: false,
            comment: None,
            places: None,
            created_at: d.at,
            draft: true,
            version: 1,
            published_version: None,
            confirmed_version: None,
            original_total: Kopecks::ZERO,
            payments: Vec::new(),
            calls: Vec::new(),
        }
    }

    pub fn totals(&self) -> Result<Totals, MoneyOverflow> {
        Totals::compute(
            &self.lines,
            self.discount,
            self.delivery_cost,
            self.delivery_vat,
        )
    }

    pub fn paid(&self) -> Result<Kopecks, MoneyOverflow> {
        self.payments
            .iter()
            .try_fold(Kopecks::ZERO, |sum, p| sum.checked_add(p.amount))
    }

    pub fn payment_status(&self) -> Result<PaymentStatus, MoneyOverflow> {
        Ok(PaymentStatus::of(self.paid()?, self.totals()?.total))
    }

    /// Calls made about this order, answered or not.
    pub fn call_attempts(&self) -> u32 {
        u32::try_from(self.calls.len()).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_draft_is_unnumbered_unstaged_and_owes_nothing_yet() {
        let at = Timestamp::from_second(1_790_000_000).expect("a time");
        let cutoff = Timestamp::from_second(1_790_086_400).expect("a time");
        let order = Order::new_draft(DraftOf {
            id: Uuid::from_u128(7),
            channel: Channel::Marketplace,
            customer: Customer {
                id: Uuid::from_u128(8),
                name: "Покупатель".into(),
                phone: String::new(),
                email: None,
            },
            delivery: DeliveryMethod::MarketplaceLogistics,
            payment: PaymentMethod::Online,
            delivery_vat: VatRate::Vat22,
            lines: Vec::new(),
            at,
            deadline: Some(cutoff),
        });
        assert_eq!(
            (order.id, order.number, order.version),
            (Uuid::from_u128(7), 0, 1)
        );
        assert!(order.draft);
        assert_eq!(order.stage.stage_id, "");
        assert_eq!(order.stage.entered_at, at);
        assert_eq!(order.stage.deadline, Some(cutoff));
        assert_eq!(order.created_at, at);
        assert_eq!(order.buyer, Buyer::Person);
        assert_eq!(order.discount, Discount::None);
        assert_eq!(order.delivery_cost, Kopecks::ZERO);
        assert!(!order.delivery_fixed);
        assert!(order.payments.is_empty() && order.calls.is_empty());
        assert_eq!(order.published_version, None);
        assert_eq!(order.totals().expect("totals").total, Kopecks::ZERO);
    }

    #[test]
    fn payment_status_follows_the_sum_received() {
        let total = Kopecks(10_000);
        assert_eq!(PaymentStatus::of(Kopecks(0), total), PaymentStatus::Unpaid);
        assert_eq!(PaymentStatus::of(Kopecks(1), total), PaymentStatus::Partial);
        assert_eq!(PaymentStatus::of(total, total), PaymentStatus::Paid);
        assert_eq!(
            PaymentStatus::of(Kopecks(10_001), total),
            PaymentStatus::Overpaid
        );
        assert!(PaymentStatus::of(Kopecks(0), Kopecks(0)).is_paid());
    }
}
