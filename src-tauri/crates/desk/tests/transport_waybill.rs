//! The transport waybill as the desk makes it (issue 18, point 6): refused for an order sent
//! by post, the shop as carrier and loading place for its own courier, no invented weight
//! or places, and a warning when the form's rules ended before the paper's date.

mod common;

use common::{now, open, pdf_words};

use desk::Desk;
use jiff::Timestamp;
use proto::{CommandError, DeliveryMethod, DocKind, ErrorCode};

/// The first demo order delivered by `method`, from any stage.
fn order_by(desk: &Desk, method: DeliveryMethod) -> String {
    let queue = desk.queue(now()).expect("queue");
    for stage in queue.stages {
        for row in desk.stage_orders(&stage.id, now()).expect("stage orders") {
            if desk.order(&row.id).expect("order").delivery == method {
                return row.id;
            }
        }
    }
    panic!("the demo has no order delivered by {method:?}");
}

#[test]
fn a_postal_order_gets_no_transport_waybill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let post = order_by(&desk, DeliveryMethod::Post);
    let number = desk.order(&post).expect("order").number;
    let err = desk
        .document(&post, DocKind::TransportWaybill, now())
        .expect_err("a postal order travels on the post's papers");
    let err = CommandError::from(err);
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message
            .contains(&format!("Заказ № {number} отправляется почтой")),
        "{}",
        err.message
    );
    // One postal order in a batch refuses the batch, naming it.
    let courier = order_by(&desk, DeliveryMethod::Courier);
    let err = desk
        .documents(&[courier, post], DocKind::TransportWaybill, now())
        .expect_err("batch with a postal order");
    assert!(CommandError::from(err).message.contains(&number));
}

#[test]
fn the_own_courier_s_waybill_names_the_shop_as_carrier_and_loading_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let shop = desk.requisites().expect("requisites").expect("demo shop");
    let id = order_by(&desk, DeliveryMethod::Courier);
    let text = pdf_words(
        &desk
            .document(&id, DocKind::TransportWaybill, now())
            .expect("waybill"),
    );
    // Shipper and carrier.
    assert!(text.matches(shop.name.as_str()).count() >= 2, "{text}");
    let ids = format!("ИНН {}, КПП {}", shop.inn, shop.kpp);
    assert!(text.matches(&ids).count() >= 2, "{text}");
    // Shipper, carrier and the loading place.
    assert!(text.matches(shop.address.as_str()).count() >= 3, "{text}");
    assert!(!text.contains("Перевозчик: курьер"), "{text}");
    assert!(!text.contains("0 кг"), "{text}");
    assert!(!text.contains("Грузовых мест: 1"), "{text}");
    assert!(text.contains("от 21 декабря 2020 г. № 2200"), "{text}");
}

#[test]
fn a_waybill_made_after_the_rules_ended_comes_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let id = order_by(&desk, DeliveryMethod::Courier);
    let ids = [id.clone()];
    let before: Timestamp = "2026-08-31T09:00:00Z".parse().expect("instant");
    let after: Timestamp = "2026-12-02T09:00:00Z".parse().expect("instant");
    let warnings = |at| {
        desk.paper_warnings(&ids, DocKind::TransportWaybill, at)
            .expect("warnings")
    };
    assert!(warnings(before).is_empty());
    let late = warnings(after);
    assert_eq!(late.len(), 1, "{late:?}");
    let number = desk.order(&id).expect("order").number;
    assert_eq!(
        late[0],
        proto::PaperWarning::WaybillFormExpired {
            number,
            date: "2026-12-02".into(),
            ended: "2026-09-01".into(),
        }
    );
    assert!(desk
        .paper_warnings(&ids, DocKind::Invoice, after)
        .expect("warnings")
        .is_empty());
}

/// The warning follows the paper's date, not the day it is asked: a waybill made out on
/// 31.08.2026, while the Rules were in force, is printed again in December with no warning
/// (it warned on every reprint after 01.09, the form being right for the paper's date).
#[test]
fn a_reprint_of_a_waybill_made_while_its_form_was_in_force_is_not_warned_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let id = order_by(&desk, DeliveryMethod::Courier);
    let ids = [id.clone()];
    let made: Timestamp = "2026-08-31T09:00:00Z".parse().expect("instant");
    let reprint: Timestamp = "2026-12-02T09:00:00Z".parse().expect("instant");
    let pdf = desk
        .document(&id, DocKind::TransportWaybill, made)
        .expect("made out");
    assert!(pdf_words(&pdf).contains("31.08.2026"));
    let warnings = desk
        .paper_warnings(&ids, DocKind::TransportWaybill, reprint)
        .expect("warnings");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_company_buyer_is_the_consignee_with_its_inn_and_kpp() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let id = order_by(&desk, DeliveryMethod::Courier);
    let company = proto::CompanyBuyer {
        name: "ООО «Ромашка»".into(),
        inn: "7736050003".into(),
        kpp: "772801001".into(),
        address: "141400, Московская обл., г. Химки, ул. Ленина, д. 5, офис 12".into(),
        ..proto::CompanyBuyer::default()
    };
    match desk
        .set_buyer(&id, Some(company), now())
        .expect("set buyer")
    {
        proto::BuyerOutcome::Saved { .. } => {}
        proto::BuyerOutcome::Invalid { errors } => panic!("refused: {errors:?}"),
    }
    let text = pdf_words(
        &desk
            .document(&id, DocKind::TransportWaybill, now())
            .expect("waybill"),
    );
    // pdftotext sets the delivery address of the next column on the same lines, so the
    // legal address is checked by its own words.
    assert!(
        text.contains("ООО «Ромашка», ИНН 7736050003, КПП 772801001"),
        "{text}"
    );
    assert!(text.contains("ул. Ленина, д. 5, офис 12"), "{text}");
}

/// Weight comes from the catalogue once every product on the order has one; section 4 cites
/// the товарная накладная once it has been made out, by its own number and date.
#[test]
fn the_catalogues_weights_fill_the_gross_weight_and_an_issued_delivery_note_is_cited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let id = order_by(&desk, DeliveryMethod::Courier);
    let waybill = |desk: &Desk| {
        pdf_words(
            &desk
                .document(&id, DocKind::TransportWaybill, now())
                .expect("waybill"),
        )
    };
    let before = waybill(&desk);
    assert!(!before.contains("масса брутто"), "no weights yet: {before}");
    assert!(!before.contains("Товарная накладная №"), "{before}");

    // 250 g each.
    for p in desk.catalog("", true).expect("catalogue") {
        let input = proto::ProductInput {
            weight_g: Some(250),
            ..p.into()
        };
        desk.save_product(input, now()).expect("weight saved");
    }
    let order = desk.order(&id).expect("order");
    let milli: i64 = order.lines.iter().map(|l| l.quantity).sum();
    let grams = (250 * milli + 500) / 1000;
    desk.document(&id, DocKind::DeliveryNote, now())
        .expect("накладная");
    let after = waybill(&desk);
    let mass = format!("масса брутто {} кг", docs::money::format_quantity(grams));
    assert!(after.contains(&mass), "{mass} in {after}");
    assert!(
        after.contains(&format!("Товарная накладная № {}", order.number)),
        "{after}"
    );
}

/// A waybill printed again days later is the same paper: the date it was first made out on
/// (kept with its number, like the товарная накладная's), not the day of the reprint.
#[test]
fn a_reprinted_waybill_keeps_the_date_it_was_first_made_out_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let id = order_by(&desk, DeliveryMethod::Courier);
    let first = pdf_words(
        &desk
            .document(&id, DocKind::TransportWaybill, now())
            .expect("first"),
    );
    assert!(first.contains("22.11.2026"), "{first}");
    drop(desk);

    let desk = open(dir.path());
    let later = now() + jiff::SignedDuration::from_hours(24 * 3);
    let reprint = pdf_words(
        &desk
            .document(&id, DocKind::TransportWaybill, later)
            .expect("reprint"),
    );
    assert!(reprint.contains("22.11.2026"), "{reprint}");
    assert!(
        !reprint.contains("25.11.2026"),
        "the reprint is dated the day it was printed:\n{reprint}"
    );
}

/// The packages counted at the pick are the waybill's places (it left them blank: nothing
/// recorded them), the count is in the order's history, and the same count again records
/// nothing.
#[test]
fn the_packages_counted_at_the_pick_are_the_waybills_places() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let id = order_by(&desk, DeliveryMethod::Courier);
    let detail = desk
        .set_places(&id, Some(3), now())
        .expect("three packages");
    assert_eq!(detail.places, Some(3));
    let text = pdf_words(
        &desk
            .document(&id, DocKind::TransportWaybill, now())
            .expect("waybill"),
    );
    assert!(text.contains("3 грузовых места"), "{text}");
    let counted = |desk: &Desk| {
        desk.history(&id)
            .expect("history")
            .into_iter()
            .filter(|e| e.description == "Грузовых мест: 3")
            .count()
    };
    assert_eq!(counted(&desk), 1);
    desk.set_places(&id, Some(3), now())
        .expect("the same count");
    assert_eq!(counted(&desk), 1, "the same count again is no new entry");
    drop(desk);
    let desk = open(dir.path());
    assert_eq!(desk.order(&id).expect("order").places, Some(3), "kept");
    let err = desk
        .set_places(&id, Some(0), now())
        .expect_err("no packages is not a count");
    let err = CommandError::from(err);
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("от 1 до 99999"), "{}", err.message);
    assert_eq!(err.field(), Some("places"));
}
