//! The text a customer receives when a version is published.

use domain::OrderContent;

use crate::money::decimal;
use crate::ChannelError;

/// `payload` is the `version_published` channel event: `{version, content}`.
pub fn version_note(payload: &str) -> Result<String, ChannelError> {
    #[derive(serde::Deserialize)]
    struct Published {
        version: i64,
        content: OrderContent,
    }
    let p: Published = serde_json::from_str(payload)
        .map_err(|e| ChannelError::malformed("published version", e))?;
    let mut text = format!("Состав заказа (версия {}):\n", p.version);
    for line in &p.content.lines {
        let qty = line.quantity.0;
        let qty = if qty % 1000 == 0 {
            (qty / 1000).to_string()
        } else {
            format!("{}.{:03}", qty / 1000, qty % 1000)
        };
        text.push_str(&format!(
            "— {} × {} {} по {} ₽\n",
            line.name,
            qty,
            line.unit,
            decimal(line.price)
        ));
    }
    if p.content.discount_total.0 > 0 {
        text.push_str(&format!(
            "Скидка: {} ₽\n",
            decimal(p.content.discount_total)
        ));
    }
    text.push_str(&format!(
        "Доставка: {} ₽\nИтого: {} ₽",
        decimal(p.content.delivery_cost),
        decimal(p.content.total)
    ));
    Ok(text)
}
