//! Our orders as the CommerceML 2 document 1C reads in the sale exchange (`mode=query`).

use domain::Order;
use jiff::Timestamp;
use quick_xml::escape::escape;

use crate::money::decimal;

fn qty(q: domain::Quantity) -> String {
    if q.0 % 1000 == 0 {
        (q.0 / 1000).to_string()
    } else {
        format!("{}.{:03}", q.0 / 1000, (q.0 % 1000).abs())
    }
}

/// `orders.xml` for `orders`; `status` names each order's status as the map gives it.
pub fn orders_document(orders: &[(Order, Option<String>)], now: Timestamp) -> String {
    let mut out = String::with_capacity(1024 + orders.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<КоммерческаяИнформация ВерсияСхемы=\"2.08\" ДатаФормирования=\"{}\">\n",
        now.strftime("%Y-%m-%dT%H:%M:%S")
    ));
    for (order, status) in orders {
        let total = order
            .totals()
            .map(|t| t.total)
            .unwrap_or(order.original_total);
        let created = order.created_at;
        out.push_str("  <Документ>\n");
        field(&mut out, 4, "Ид", &order.id.to_string());
        field(&mut out, 4, "Номер", &order.number.to_string());
        field(
            &mut out,
            4,
            "Дата",
            &created.strftime("%Y-%m-%d").to_string(),
        );
        field(
            &mut out,
            4,
            "Время",
            &created.strftime("%H:%M:%S").to_string(),
        );
        field(&mut out, 4, "ХозОперация", "Заказ товара");
        field(&mut out, 4, "Роль", "Продавец");
        field(&mut out, 4, "Валюта", "руб");
        field(&mut out, 4, "Курс", "1");
        field(&mut out, 4, "Сумма", &decimal(total));
        out.push_str("    <Контрагенты>\n      <Контрагент>\n");
        field(&mut out, 8, "Ид", &order.customer.id.to_string());
        field(&mut out, 8, "Наименование", &order.customer.name);
        field(&mut out, 8, "Роль", "Покупатель");
        out.push_str("        <Адрес>\n");
        field(&mut out, 10, "Представление", &order.address);
        out.push_str("        </Адрес>\n        <Контакты>\n");
        out.push_str("          <Контакт>\n");
        field(&mut out, 12, "Тип", "Телефон рабочий");
        field(&mut out, 12, "Значение", &order.customer.phone);
        out.push_str(
            "          </Контакт>\n        </Контакты>\n      </Контрагент>\n    </Контрагенты>\n",
        );
        out.push_str("    <Товары>\n");
        for line in &order.lines {
            out.push_str("      <Товар>\n");
            field(
                &mut out,
                8,
                "Ид",
                &line
                    .product_id
                    .map_or_else(|| line.sku.clone(), |p| p.to_string()),
            );
            field(&mut out, 8, "Артикул", &line.sku);
            field(&mut out, 8, "Наименование", &line.name);
            out.push_str(&format!(
                "        <БазоваяЕдиница Код=\"796\" НаименованиеПолное=\"Штука\">{}</БазоваяЕдиница>\n",
                escape(line.unit.as_str())
            ));
            field(&mut out, 8, "ЦенаЗаЕдиницу", &decimal(line.price));
            field(&mut out, 8, "Количество", &qty(line.quantity));
            field(
                &mut out,
                8,
                "Сумма",
                &decimal(line.amount().unwrap_or(line.price)),
            );
            out.push_str("      </Товар>\n");
        }
        out.push_str("    </Товары>\n    <ЗначенияРеквизитов>\n");
        let paid = order.payment_status().map(|p| p.is_paid()).unwrap_or(false);
        requisite(&mut out, "Метод оплаты", order.payment.as_str());
        requisite(
            &mut out,
            "Заказ оплачен",
            if paid { "true" } else { "false" },
        );
        if let Some(status) = status {
            requisite(&mut out, "Статус заказа", status);
        }
        out.push_str("    </ЗначенияРеквизитов>\n  </Документ>\n");
    }
    out.push_str("</КоммерческаяИнформация>\n");
    out
}

fn field(out: &mut String, indent: usize, name: &str, value: &str) {
    out.push_str(&format!(
        "{:indent$}<{name}>{}</{name}>\n",
        "",
        escape(value),
        indent = indent
    ));
}

fn requisite(out: &mut String, name: &str, value: &str) {
    out.push_str("      <ЗначениеРеквизита>\n");
    field(out, 8, "Наименование", name);
    field(out, 8, "Значение", value);
    out.push_str("      </ЗначениеРеквизита>\n");
}
