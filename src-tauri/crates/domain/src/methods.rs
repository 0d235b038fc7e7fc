use serde::{Deserialize, Serialize};

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
}
