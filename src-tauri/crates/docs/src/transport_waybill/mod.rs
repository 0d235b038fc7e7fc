//! Транспортная накладная: the form in force on the paper's date (see [`forms`]), laid out
//! with every section and the captions under its lines, filled with what the desk knows and
//! ruled blanks for what is written by hand at loading and delivery.

mod draw;
mod fill;
mod form_2200;
pub mod forms;
mod layout_spec;
#[cfg(test)]
mod layout_tests;

use jiff::civil::Date;

use crate::canvas::{Align, Canvas, CONTENT_W, MARGIN_LEFT, MARGIN_TOP};
use crate::font::Weight;
use crate::model::{DocOrder, Party};
use crate::money::format_date_short;
use crate::requisites::Requisites;
use crate::DocError;

pub use forms::{choose, form_for, FormChoice, FormWarning, WaybillForm, FORMS};

/// What the carrier side adds to an order. Unknown figures stay `None` and print as blanks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Carriage {
    pub number: String,
    /// The paper's date; it also picks the form. `None`: the order paper's date.
    pub date: Option<Date>,
    pub carrier: Party,
    pub driver: String,
    /// Type, make and model: «Грузовой фургон ГАЗель NEXT».
    pub vehicle: String,
    pub vehicle_plate: String,
    /// Overrides the cargo line built from the order («Товары по заказу № …»).
    pub cargo: String,
    /// Packages as picked; `None` leaves the line to be filled in by hand.
    pub places: Option<u32>,
    /// Gross weight when the catalogue knows every line's weight; `None` leaves a blank
    /// (never «0 кг»).
    pub gross_weight_grams: Option<i64>,
    pub instructions: String,
    /// The shop's товарная накладная (number, date) when one was made: section 4 cites it as
    /// the paper confirming the shipment, and cites nothing it cannot name.
    pub delivery_note: Option<(String, Date)>,
    /// The loading place: the shop's address when its own courier takes the goods.
    pub pickup_address: String,
    pub cost_kopecks: Option<i64>,
}

impl Carriage {
    /// The date the paper is made out for, which decides the form.
    pub fn paper_date(&self, order: &DocOrder) -> Date {
        self.date.unwrap_or(order.date)
    }
}

/// Renders the transport waybill of `order` carried on the terms of `carriage`, on the form
/// [`form_for`] its date; the desk asks [`choose`] for the warning to show.
pub fn transport_waybill(
    shop: &Requisites,
    order: &DocOrder,
    carriage: &Carriage,
) -> Result<Vec<u8>, DocError> {
    let mut c = Canvas::new(&format!("Транспортная накладная № {}", carriage.number))?;
    draw(&mut c, shop, order, carriage);
    Ok(c.finish())
}

/// Transport waybills of many orders in one PDF (one print job), each from a new page.
pub fn transport_waybills(
    shop: &Requisites,
    orders: &[(DocOrder, Carriage)],
) -> Result<Vec<u8>, DocError> {
    Canvas::render_each(
        "Транспортные накладные",
        orders,
        |c, (order, carriage)| {
            draw(c, shop, order, carriage);
            Ok(())
        },
    )
}

fn draw(c: &mut Canvas, shop: &Requisites, order: &DocOrder, carriage: &Carriage) {
    let date = carriage.paper_date(order);
    c.number_pages(&format!(
        "Транспортная накладная № {} от {}",
        carriage.number,
        format_date_short(date)
    ));
    let (form, _) = form_for(date);
    let right = MARGIN_LEFT + CONTENT_W;
    let mut y = MARGIN_TOP;
    for line in form.caption {
        c.text(right, y, 7.0, Weight::Regular, Align::Right, line);
        y += 3.0;
    }
    c.text(right, y + 1.0, 7.0, Weight::Regular, Align::Right, "Форма");
    y += 7.0;
    let centre = MARGIN_LEFT + CONTENT_W / 2.0;
    c.text(
        centre,
        y,
        13.0,
        Weight::Bold,
        Align::Center,
        "ТРАНСПОРТНАЯ НАКЛАДНАЯ",
    );
    y += 3.0;
    let values = fill::values(shop, order, carriage);
    draw::draw_form(c, form, &values, y);
}
