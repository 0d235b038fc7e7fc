//! The file's columns: one row per order line, the order's own fields repeated on each, so a
//! spreadsheet's filter or pivot table works on any of them.

use std::collections::HashMap;
use std::io::Write;

use domain::{Channel, DeliveryMethod, PaymentMethod, PaymentStatus, Workflow};
use jiff::tz::TimeZone;
use store::ExportedOrder;

use crate::sheet::{vat_text, Cell, SheetError, SheetWriter};
use crate::DeskError;

pub(super) const HEADERS: [&str; 26] = [
    "Номер заказа",
    "Дата",
    "Канал",
    "Номер на сайте",
    "Этап",
    "Покупатель",
    "Телефон",
    "E-mail",
    "Организация",
    "ИНН",
    "Доставка",
    "Адрес",
    "Стоимость доставки",
    "Оплата",
    "Статус оплаты",
    "Оплачено",
    "Артикул",
    "Наименование",
    "Ед. изм.",
    "Количество",
    "Цена",
    "Скидка",
    "НДС",
    "Сумма строки",
    "Итого по заказу",
    "Комментарий",
];

/// Column widths in characters: the names and addresses wide enough to read.
pub(super) const WIDTHS: [(u16, f64); 8] = [
    (1, 16.0),
    (4, 18.0),
    (5, 28.0),
    (6, 18.0),
    (8, 24.0),
    (11, 40.0),
    (17, 40.0),
    (25, 30.0),
];

/// Why the writing stopped: the file, or the shop's data.
pub(super) enum Stop {
    Sheet(SheetError),
    Desk(DeskError),
}

impl From<SheetError> for Stop {
    fn from(e: SheetError) -> Stop {
        Stop::Sheet(e)
    }
}

impl From<DeskError> for Stop {
    fn from(e: DeskError) -> Stop {
        Stop::Desk(e)
    }
}

/// What the rows need besides the order: stage names (retired stages too, for old orders)
/// and the shop's time zone for the date.
pub(super) struct Names {
    stages: HashMap<String, String>,
    zone: TimeZone,
}

impl Names {
    pub(super) fn new(workflow: &Workflow, zone: TimeZone) -> Names {
        let stages = workflow
            .retired()
            .iter()
            .chain(workflow.stages())
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        Names { stages, zone }
    }
}

/// Writes the order's rows; returns how many lines it has.
pub(super) fn write<W: Write + Send>(
    sheet: &mut SheetWriter<W>,
    o: &ExportedOrder,
    names: &Names,
) -> Result<u64, Stop> {
    let order = &o.order;
    let totals = order.totals().map_err(DeskError::from)?;
    let company = order.buyer.company();
    let phone = proto::display::phone(&order.customer.phone);
    let stage = names
        .stages
        .get(&order.stage.stage_id)
        .map_or(order.stage.stage_id.as_str(), String::as_str);
    let status = PaymentStatus::of(o.paid, totals.total);
    let head = [
        Cell::Int(order.number),
        Cell::Time(order.created_at.to_zoned(names.zone.clone()).datetime()),
        Cell::Text(channel_name(order.channel)),
        Cell::Text(&o.channel_numbers),
        Cell::Text(stage),
        Cell::Text(&order.customer.name),
        Cell::Text(&phone),
        Cell::Text(order.customer.email.as_deref().unwrap_or("")),
        Cell::Text(company.map_or("", |c| c.name.as_str())),
        Cell::Text(company.map_or("", |c| c.inn.as_str())),
        Cell::Text(delivery_name(order.delivery)),
        Cell::Text(&order.address),
        Cell::Money(totals.delivery_cost.0),
        Cell::Text(payment_name(order.payment)),
        Cell::Text(status_name(status)),
        Cell::Money(o.paid.0),
    ];
    let tail = [
        Cell::Money(totals.total.0),
        Cell::Text(order.comment.as_deref().unwrap_or("")),
    ];
    if order.lines.is_empty() {
        let none = [Cell::Empty; 8];
        sheet.row(&[&head[..], &none[..], &tail[..]].concat())?;
        return Ok(0);
    }
    for (line, price) in order.lines.iter().zip(&totals.lines) {
        let discount = price.line_discount.0.saturating_add(price.order_discount.0);
        let cells = [
            Cell::Text(&line.sku),
            Cell::Text(&line.name),
            Cell::Text(&line.unit),
            Cell::Milli(line.quantity.0),
            Cell::Money(line.price.0),
            Cell::Money(discount),
            Cell::Text(vat_text(line.vat)),
            Cell::Money(price.amount.0),
        ];
        sheet.row(&[&head[..], &cells[..], &tail[..]].concat())?;
    }
    Ok(order.lines.len() as u64)
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Site => "Сайт",
        Channel::Phone => "Телефон",
        Channel::Marketplace => "Маркетплейс",
    }
}

fn delivery_name(d: DeliveryMethod) -> &'static str {
    match d {
        DeliveryMethod::Courier => "Курьер",
        DeliveryMethod::Post => "Почта",
        DeliveryMethod::Pickup => "Самовывоз",
        DeliveryMethod::MarketplaceLogistics => "Логистика маркетплейса",
    }
}

fn payment_name(p: PaymentMethod) -> &'static str {
    match p {
        PaymentMethod::CashOnDelivery => "Наличные курьеру",
        PaymentMethod::CardOnDelivery => "Карта курьеру",
        PaymentMethod::BankTransfer => "Безналичный расчёт",
        PaymentMethod::Online => "Онлайн",
        PaymentMethod::Marketplace => "Через маркетплейс",
    }
}

fn status_name(s: PaymentStatus) -> &'static str {
    match s {
        PaymentStatus::Unpaid => "Не оплачен",
        PaymentStatus::Partial => "Оплачен частично",
        PaymentStatus::Paid => "Оплачен",
        PaymentStatus::Overpaid => "Переплата",
    }
}
