//! Транспортная накладная, Приложение № 4 к постановлению Правительства РФ от 21.12.2020
//! № 2200: twelve numbered sections, printed when a carrier takes the goods. An empty section
//! gets a dash, as the form requires.

use jiff::civil::Date;

use crate::canvas::{Align, Canvas, CONTENT_W, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_H};
use crate::font::Weight;
use crate::model::{DocOrder, Party};
use crate::money::{format_date_short, format_quantity, format_rubles};
use crate::parts::shop_line;
use crate::requisites::Requisites;
use crate::words::{amount_in_words, plural};
use crate::DocError;

/// What the carrier side adds to an order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Carriage {
    pub number: String,
    pub date: Option<Date>,
    pub carrier: Party,
    pub driver: String,
    /// Type, make and model: «Грузовой фургон ГАЗель NEXT».
    pub vehicle: String,
    pub vehicle_plate: String,
    /// Overrides the cargo line built from the order («Товары народного потребления …»).
    pub cargo: String,
    pub places: u32,
    pub gross_weight_grams: i64,
    pub instructions: String,
    pub pickup_address: String,
    pub cost_kopecks: Option<i64>,
}

type Row = (String, &'static str);

fn dash(value: String) -> String {
    if value.trim().is_empty() {
        "—".to_owned()
    } else {
        value
    }
}

fn sections(shop: &Requisites, order: &DocOrder, t: &Carriage) -> Vec<(&'static str, Vec<Row>)> {
    let weight_kg = format_quantity(t.gross_weight_grams);
    let cargo = if t.cargo.is_empty() {
        let n = order.lines.len() as u64;
        let noun = plural(n, "наименование", "наименования", "наименований");
        format!(
            "Товары по заказу № {} от {}: {n} {noun}",
            order.number,
            format_date_short(order.order_date)
        )
    } else {
        t.cargo.clone()
    };
    let mut docs = format!(
        "Товарная накладная № {} от {}",
        order.number,
        format_date_short(order.date)
    );
    // Only an invoice actually issued is cited, by its own number and date.
    if let Some((number, date)) = &order.invoice {
        docs.push_str(&format!(
            "; счёт на оплату № {number} от {}",
            format_date_short(*date)
        ));
    }
    let cost = t.cost_kopecks.map_or_else(String::new, |k| {
        format!("{} руб. ({})", format_rubles(k), amount_in_words(k))
    });
    let consignee = format!(
        "{}; адрес доставки: {}",
        order.buyer.one_line(),
        order.delivery_address
    );
    let vehicle = [t.vehicle.as_str(), t.vehicle_plate.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", рег. номер ");
    // The shipper is identified as the form's notes ask of a company: name, ИНН, КПП, ОГРН,
    // address, phone; the number stays on the line of its label.
    let shipper = if shop.ogrn.is_empty() {
        shop_line(shop)
    } else {
        let kind = if crate::requisites::is_sole_trader(shop) {
            "ОГРНИП"
        } else {
            "ОГРН"
        };
        let mut with_ogrn = shop.clone();
        with_ogrn.name = format!("{}, {kind}\u{a0}{}", shop.name, shop.ogrn);
        shop_line(&with_ogrn)
    };
    vec![
        (
            "Грузоотправитель",
            vec![(
                shipper,
                "(реквизиты, позволяющие идентифицировать Грузоотправителя)",
            )],
        ),
        (
            "Грузополучатель",
            vec![(
                consignee,
                "(реквизиты, позволяющие идентифицировать Грузополучателя)",
            )],
        ),
        (
            "Груз",
            vec![
                (cargo, "(отгрузочное наименование груза)"),
                (
                    format!("Грузовых мест: {}", t.places),
                    "(количество грузовых мест)",
                ),
                (
                    format!("Масса брутто: {weight_kg} кг"),
                    "(масса груза брутто в килограммах)",
                ),
            ],
        ),
        (
            "Сопроводительные документы на груз (при наличии)",
            vec![(
                docs,
                "(перечень прилагаемых к транспортной накладной документов)",
            )],
        ),
        (
            "Указания грузоотправителя по особым условиям перевозки",
            vec![(
                t.instructions.clone(),
                "(маркировка, условия перевозки, температурный режим)",
            )],
        ),
        (
            "Перевозчик",
            vec![
                (
                    t.carrier.one_line(),
                    "(реквизиты, позволяющие идентифицировать Перевозчика)",
                ),
                (
                    t.driver.clone(),
                    "(фамилия, имя, отчество (при наличии) водителя (водителей))",
                ),
            ],
        ),
        (
            "Транспортное средство",
            vec![(vehicle, "(тип, марка, модель, регистрационный номер)")],
        ),
        (
            "Прием груза",
            vec![
                (t.pickup_address.clone(), "(адрес места погрузки)"),
                (
                    format!(
                        "Дата и время подачи под погрузку: {}    ____ ч ____ мин",
                        t.date.map(format_date_short).unwrap_or_default()
                    ),
                    "(заявленные дата и время подачи)",
                ),
                (
                    "Грузоотправитель ______________   Водитель ______________".to_owned(),
                    "(подписи лиц, сдавших и принявших груз)",
                ),
            ],
        ),
        (
            "Переадресовка (при наличии)",
            vec![(
                String::new(),
                "(дата, форма переадресовки, адрес нового пункта выгрузки)",
            )],
        ),
        (
            "Выдача груза",
            vec![
                (order.delivery_address.clone(), "(адрес места выгрузки)"),
                (
                    "Дата и время: «____» __________ 20___ г.  ____ ч ____ мин".to_owned(),
                    "(фактические дата и время прибытия)",
                ),
                (
                    "Грузополучатель ______________   Водитель ______________".to_owned(),
                    "(подписи лиц, сдавших и принявших груз)",
                ),
            ],
        ),
        (
            "Отметки грузоотправителей, грузополучателей, перевозчиков (при необходимости)",
            vec![(
                String::new(),
                "(краткое описание обстоятельств, расчёт и размер штрафа)",
            )],
        ),
        (
            "Стоимость перевозки груза (установленная плата) в рублях (при необходимости)",
            vec![(cost, "(стоимость перевозки без налога, налог, с налогом)")],
        ),
    ]
}

/// Renders the transport waybill of `order` carried on the terms of `carriage`.
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
    c.number_pages(&format!("Транспортная накладная № {}", carriage.number));
    let x = MARGIN_LEFT;
    let right = x + CONTENT_W;
    let mut y = MARGIN_TOP;
    for line in [
        "Приложение № 4",
        "к постановлению Правительства Российской Федерации",
        "от 21 декабря 2020 г. № 2200",
        "(в редакции постановления от 30 ноября 2021 г. № 2116)",
    ] {
        c.text(right, y, 7.0, Weight::Regular, Align::Right, line);
        y += 3.0;
    }
    y += 5.0;
    c.text(
        x + CONTENT_W / 2.0,
        y,
        13.0,
        Weight::Bold,
        Align::Center,
        "ТРАНСПОРТНАЯ НАКЛАДНАЯ",
    );
    y += 6.0;
    let date = carriage.date.map(format_date_short).unwrap_or_default();
    let head = format!("Дата: {date}    № {}    Экземпляр № ____", carriage.number);
    c.text(
        x + CONTENT_W / 2.0,
        y,
        9.5,
        Weight::Regular,
        Align::Center,
        &head,
    );
    y += 4.0;

    for (n, (title, rows)) in sections(shop, order, carriage).into_iter().enumerate() {
        let wrapped: Vec<(Vec<String>, &str)> = rows
            .into_iter()
            .map(|(value, caption)| {
                (
                    c.wrap(9.0, Weight::Regular, &dash(value), CONTENT_W - 4.0),
                    caption,
                )
            })
            .collect();
        let height = 7.0
            + wrapped
                .iter()
                .map(|(v, _)| v.len() as f32 * 3.8 + 3.5)
                .sum::<f32>();
        if y + height > PAGE_H - MARGIN_BOTTOM {
            c.new_page();
            y = MARGIN_TOP;
        }
        c.frame(x, y, CONTENT_W, height, 0.5);
        c.line(x, y + 5.0, right, y + 5.0, 0.5);
        c.text(
            x + 2.0,
            y + 3.7,
            9.0,
            Weight::Bold,
            Align::Left,
            &format!("{}. {title}", n + 1),
        );
        let mut line_y = y + 9.0;
        for (value, caption) in wrapped {
            for line in &value {
                c.text(x + 2.0, line_y, 9.0, Weight::Regular, Align::Left, line);
                line_y += 3.8;
            }
            c.line(x + 2.0, line_y - 2.9, right - 2.0, line_y - 2.9, 0.3);
            c.text(
                x + CONTENT_W / 2.0,
                line_y - 0.6,
                6.0,
                Weight::Regular,
                Align::Center,
                caption,
            );
            line_y += 3.5;
        }
        y += height;
    }
}
