//! What the desk knows for each field of the form; everything else stays a blank line for
//! the pen. Unknown figures (weight, places) are left blank rather than printed as 0 or a
//! guess: a wrong figure on a signed paper is worse than an empty line.

use super::layout_spec::Field;
use super::Carriage;
use crate::model::DocOrder;
use crate::money::{format_date_short, format_quantity, format_rubles};
use crate::parts::shop_line;
use crate::requisites::{is_sole_trader, Requisites};
use proto::display::ru_plural as plural;

/// The known values by field; a field missing here is written by hand.
pub struct Values(Vec<(Field, String)>);

impl Values {
    pub fn get(&self, field: Field) -> &str {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The shipper as the form's notes ask of a company: name, ИНН, КПП, ОГРН, address, phone.
pub fn shipper_line(shop: &Requisites) -> String {
    if shop.ogrn.is_empty() {
        return shop_line(shop);
    }
    let kind = if is_sole_trader(shop) {
        "ОГРНИП"
    } else {
        "ОГРН"
    };
    let mut with_ogrn = shop.clone();
    // The number stays on the line of its label when the name wraps.
    with_ogrn.name = format!("{}, {kind}\u{a0}{}", shop.name, shop.ogrn);
    shop_line(&with_ogrn)
}

fn places_text(places: u32) -> String {
    let noun = plural(places, "грузовое место", "грузовых места", "грузовых мест");
    format!("{places} {noun}")
}

fn mass_text(grams: i64) -> String {
    format!("{} кг", format_quantity(grams))
}

pub fn values(shop: &Requisites, order: &DocOrder, t: &Carriage) -> Values {
    let mut v: Vec<(Field, String)> = Vec::new();
    let mut put = |field: Field, value: String| {
        if !value.trim().is_empty() {
            v.push((field, value));
        }
    };
    put(
        Field::WaybillDate,
        t.date.map(format_date_short).unwrap_or_default(),
    );
    put(Field::WaybillNumber, t.number.clone());
    put(Field::Shipper, shipper_line(shop));
    put(Field::Consignee, order.buyer.one_line());
    put(Field::DeliveryAddress, order.delivery_address.clone());
    let cargo = if t.cargo.is_empty() {
        // Delivery and other services are not cargo: only goods lines are named here.
        let n = order.lines.iter().filter(|l| !l.service).count() as u64;
        let noun = plural(n, "наименование", "наименования", "наименований");
        format!(
            "Товары по заказу № {} от {}: {n} {noun}",
            order.number,
            format_date_short(order.order_date)
        )
    } else {
        t.cargo.clone()
    };
    put(Field::Cargo, cargo);
    if let Some(places) = t.places {
        put(Field::Packaging, places_text(places));
        put(Field::LoadingPlaces, places.to_string());
    }
    if let Some(grams) = t.gross_weight_grams {
        put(Field::Mass, format!("масса брутто {}", mass_text(grams)));
        put(
            Field::LoadingMass,
            format!("{}, расчетная масса груза", mass_text(grams)),
        );
    }
    // Only papers that exist are cited, each by its own number and date: the товарная
    // накладная if one was made, an invoice if one was issued — never the order's number as
    // either.
    let mut docs = Vec::new();
    if let Some((number, date)) = &t.delivery_note {
        docs.push(format!(
            "Товарная накладная № {number} от {}",
            format_date_short(*date)
        ));
    }
    if let Some((number, date)) = &order.invoice {
        docs.push(format!(
            "счёт на оплату № {number} от {}",
            format_date_short(*date)
        ));
    }
    let docs = docs.join("; ");
    put(Field::ShipmentDocs, docs);
    if !order.delivery_window.is_empty() {
        put(
            Field::Schedule,
            format!("Доставка {}", order.delivery_window),
        );
        put(Field::UnloadPlanned, order.delivery_window.clone());
    }
    put(Field::Instructions, t.instructions.clone());
    put(Field::Carrier, t.carrier.one_line());
    put(Field::Driver, t.driver.clone());
    put(Field::Vehicle, t.vehicle.clone());
    put(Field::Plate, t.vehicle_plate.clone());
    put(Field::LoadingAddress, t.pickup_address.clone());
    put(Field::UnloadAddress, order.delivery_address.clone());
    if let Some(k) = t.cost_kopecks {
        put(Field::Cost, format_rubles(k));
    }
    Values(v)
}
