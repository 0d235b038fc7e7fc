//! «Доставка и оплата» as the settings show and send it, and why a save was refused.

use serde::{Deserialize, Serialize};

use crate::display::Lang;
use crate::{DeliveryMethod, Kopecks, PaymentMethod};

/// What delivery costs by one method in one zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TariffView {
    pub method: DeliveryMethod,
    /// Empty: the method's tariff wherever no zone of its own applies.
    #[serde(default)]
    pub zone: String,
    pub cost: Kopecks,
    /// Goods from this amount up ship free.
    #[serde(default)]
    pub free_from: Option<Kopecks>,
}

/// The methods a phone order may be taken with and the delivery tariffs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryPaymentView {
    pub delivery: Vec<DeliveryMethod>,
    pub payment: Vec<PaymentMethod>,
    pub tariffs: Vec<TariffView>,
}

impl DeliveryPaymentView {
    /// The zones of `method`'s tariffs, for the order forms' choice of zone.
    pub fn zones(&self, method: DeliveryMethod) -> Vec<String> {
        self.tariffs
            .iter()
            .filter(|t| t.method == method && !t.zone.is_empty())
            .map(|t| t.zone.clone())
            .collect()
    }
}

/// Why «Доставка и оплата» was not saved; `row` is the tariff's place in the list sent
/// (from 0), so the form marks that row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum DeliveryPaymentProblem {
    NoDelivery,
    NoPayment,
    NoBaseTariff { method: DeliveryMethod },
    Duplicate { row: u32, zone: String },
    Negative { row: u32 },
    ZoneTooLong { row: u32, max: u32 },
    TooMany { max: u32 },
}

impl DeliveryPaymentProblem {
    pub fn wording(&self, lang: Lang) -> String {
        use DeliveryPaymentProblem as P;
        let ru = lang == Lang::Ru;
        let pick = |r: String, e: String| if ru { r } else { e };
        match self {
            P::NoDelivery => pick(
                "Выберите хотя бы один способ доставки.".into(),
                "Choose at least one delivery method.".into(),
            ),
            P::NoPayment => pick(
                "Выберите хотя бы один способ оплаты.".into(),
                "Choose at least one payment method.".into(),
            ),
            P::NoBaseTariff { method } => pick(
                format!(
                    "У способа «{}» нет тарифа без зоны: заказ вне перечисленных зон не \
                     посчитать. Добавьте строку с пустой зоной.",
                    method_name(Lang::Ru, *method)
                ),
                format!(
                    "“{}” has no tariff without a zone: an order outside the listed zones \
                     could not be priced. Add a row with an empty zone.",
                    method_name(Lang::En, *method)
                ),
            ),
            P::Duplicate { row, zone } => pick(
                format!("Строка {}: такой тариф уже есть (зона «{zone}»).", row + 1),
                format!(
                    "Row {}: this tariff is already listed (zone «{zone}»).",
                    row + 1
                ),
            ),
            P::Negative { row } => pick(
                format!("Строка {}: стоимость не может быть меньше нуля.", row + 1),
                format!("Row {}: a cost cannot be below zero.", row + 1),
            ),
            P::ZoneTooLong { row, max } => pick(
                format!("Строка {}: название зоны длиннее {max} символов.", row + 1),
                format!(
                    "Row {}: the zone's name is longer than {max} characters.",
                    row + 1
                ),
            ),
            P::TooMany { max } => pick(
                format!("Тарифов больше {max}: оставьте не больше {max}."),
                format!("More than {max} tariffs: keep {max} at most."),
            ),
        }
    }
}

/// A delivery method as the forms name it.
pub fn method_name(lang: Lang, method: DeliveryMethod) -> &'static str {
    let (ru, en) = match method {
        DeliveryMethod::Courier => ("Курьер", "Courier"),
        DeliveryMethod::Post => ("Почта", "Post"),
        DeliveryMethod::Pickup => ("Самовывоз", "Pickup"),
        DeliveryMethod::MarketplaceLogistics => ("Логистика маркетплейса", "Marketplace logistics"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_worded_in_either_language() {
        use DeliveryPaymentProblem as P;
        let all = [
            P::NoDelivery,
            P::NoPayment,
            P::NoBaseTariff {
                method: DeliveryMethod::Pickup,
            },
            P::Duplicate {
                row: 2,
                zone: "Химки".into(),
            },
            P::Negative { row: 0 },
            P::ZoneTooLong { row: 4, max: 64 },
            P::TooMany { max: 200 },
        ];
        for p in all {
            let ru = p.wording(Lang::Ru);
            let en = p.wording(Lang::En);
            assert!(ru.chars().any(|c| matches!(c, 'а'..='я')), "{ru}");
            assert_ne!(ru, en);
            let latin = en.replace("Химки", "");
            assert!(
                !latin.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')),
                "{en}"
            );
        }
        assert!(P::Duplicate {
            row: 2,
            zone: "Химки".into()
        }
        .wording(Lang::Ru)
        .starts_with("Строка 3"));
    }
}
