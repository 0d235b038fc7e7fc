use serde::{Deserialize, Serialize};

use crate::money::{div_round, Kopecks};

/// Enums stored as text: the database and the op log keep the same spelling as serde.
macro_rules! text_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

/// Where an order came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Site,
    Phone,
    Marketplace,
}
text_enum!(Channel { Site => "site", Phone => "phone", Marketplace => "marketplace" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    Courier,
    Post,
    Pickup,
    MarketplaceLogistics,
}
text_enum!(DeliveryMethod {
    Courier => "courier",
    Post => "post",
    Pickup => "pickup",
    MarketplaceLogistics => "marketplace_logistics",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    CashOnDelivery,
    CardOnDelivery,
    BankTransfer,
    Online,
    Marketplace,
}
text_enum!(PaymentMethod {
    CashOnDelivery => "cash_on_delivery",
    CardOnDelivery => "card_on_delivery",
    BankTransfer => "bank_transfer",
    Online => "online",
    Marketplace => "marketplace",
});

impl DeliveryMethod {
    /// Carried to the customer's door, so the order needs an address to go out.
    pub fn needs_address(self) -> bool {
        matches!(self, DeliveryMethod::Courier | DeliveryMethod::Post)
    }
}

impl PaymentMethod {
    /// Paid before the goods leave, so the shop waits for the money ("безналичный расчёт").
    pub fn is_prepaid_non_cash(self) -> bool {
        matches!(self, PaymentMethod::BankTransfer | PaymentMethod::Online)
    }
}

/// VAT rate of a product or shop; the УСН rates are VAT for simplified-tax shops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VatRate {
    None,
    Vat0,
    Vat5,
    Vat7,
    Vat10,
    Vat22,
}
text_enum!(VatRate {
    None => "none",
    Vat0 => "vat0",
    Vat5 => "vat5",
    Vat7 => "vat7",
    Vat10 => "vat10",
    Vat22 => "vat22",
});

impl VatRate {
    /// The rate in whole percent; `None` for a seller outside VAT ("Без налога (НДС)").
    pub fn percent(self) -> Option<i64> {
        match self {
            VatRate::None => None,
            VatRate::Vat0 => Some(0),
            VatRate::Vat5 => Some(5),
            VatRate::Vat7 => Some(7),
            VatRate::Vat10 => Some(10),
            VatRate::Vat22 => Some(22),
        }
    }

    /// The VAT inside a tax-inclusive amount: round(amount × rate / (100 + rate)) to the
    /// kopeck, as the invoice prints it per line.
    pub fn included_in(self, amount: Kopecks) -> Kopecks {
        match self.percent() {
            None | Some(0) => Kopecks::ZERO,
            Some(rate) => Kopecks(
                i64::try_from(div_round(
                    i128::from(amount.0) * i128::from(rate),
                    i128::from(100 + rate),
                ))
                // |vat| < |amount| always, so this cannot overflow.
                .unwrap_or(amount.0),
            ),
        }
    }

    /// How documents and the order card name the rate.
    pub fn label(self) -> &'static str {
        match self {
            VatRate::None => "Без НДС",
            VatRate::Vat0 => "НДС 0%",
            VatRate::Vat5 => "НДС 5%",
            VatRate::Vat7 => "НДС 7%",
            VatRate::Vat10 => "НДС 10%",
            VatRate::Vat22 => "НДС 22%",
        }
    }
}

/// What a user of the shop is allowed to do; stages name the roles responsible for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Manager,
    Picker,
    Dispatcher,
}
text_enum!(Role {
    Admin => "admin",
    Manager => "manager",
    Picker => "picker",
    Dispatcher => "dispatcher",
});

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "администратор",
            Role::Manager => "менеджер",
            Role::Picker => "комплектовщик",
            Role::Dispatcher => "диспетчер",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_matches_serde_spelling() {
        for m in DeliveryMethod::ALL {
            let json = serde_json::to_string(m).expect("serialize");
            assert_eq!(json, format!("\"{}\"", m.as_str()));
            assert_eq!(DeliveryMethod::parse(m.as_str()), Some(*m));
        }
        for m in PaymentMethod::ALL {
            let json = serde_json::to_string(m).expect("serialize");
            assert_eq!(json, format!("\"{}\"", m.as_str()));
        }
        assert_eq!(Channel::parse("fax"), None);
    }

    #[test]
    fn included_vat_uses_the_rate_fraction() {
        // 1 220 ₽ with 22 % VAT inside: 220 ₽.
        assert_eq!(
            VatRate::Vat22.included_in(Kopecks(122_000)),
            Kopecks(22_000)
        );
        // 100 ₽ at 10 %: 9.0909… → 9.09 ₽.
        assert_eq!(VatRate::Vat10.included_in(Kopecks(10_000)), Kopecks(909));
        // 1 ₽ at 5 %: 4.76 kopecks → 5.
        assert_eq!(VatRate::Vat5.included_in(Kopecks(100)), Kopecks(5));
        assert_eq!(VatRate::None.included_in(Kopecks(10_000)), Kopecks::ZERO);
        assert_eq!(VatRate::Vat0.included_in(Kopecks(10_000)), Kopecks::ZERO);
    }
}
