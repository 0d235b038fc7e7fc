//! Real refusals carry their typed reason (issue 15, point 10; issue 17, point 1): the window
//! words it in its own language, and the Russian `message` kept beside it for logs and older
//! windows is that same wording, so the two cannot drift.

mod common;

use common::{now, open};

use desk::Desk;
use proto::display::Lang;
use proto::{
    AdminTask, CommandError, DeliveryMethod, DocKind, ErrorCode, ErrorReason, OpRefusal, Role, User,
};

fn cyrillic(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
}

/// The reason the error carries; its Russian is the message, its English is English.
fn reason_of(e: desk::DeskError) -> (ErrorCode, ErrorReason) {
    let err = CommandError::from(e);
    let reason = *err.reason.clone().expect("a typed reason");
    assert_eq!(reason.wording(Lang::Ru), err.message);
    (err.code, reason)
}

fn act_as(desk: &Desk, role: Role) {
    desk.set_user(User {
        id: format!("u-{role:?}"),
        name: "Петрова".into(),
        role,
    });
}

/// The first demo order delivered by `method` that `fits`.
fn order_by(
    desk: &Desk,
    method: DeliveryMethod,
    fits: impl Fn(&proto::OrderDetail) -> bool,
) -> proto::OrderDetail {
    let queue = desk.queue(now()).expect("queue");
    for stage in queue.stages {
        for row in desk.stage_orders(&stage.id, now()).expect("stage orders") {
            let order = desk.order(&row.id).expect("order");
            if order.delivery == method && fits(&order) {
                return order;
            }
        }
    }
    panic!("the demo has no such order delivered by {method:?}");
}

#[test]
fn an_order_that_is_not_there_is_said_in_either_language() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (code, reason) = reason_of(
        desk.order(&uuid::Uuid::now_v7().to_string())
            .expect_err("no such order"),
    );
    assert_eq!(code, ErrorCode::NotFound);
    assert_eq!(reason, ErrorReason::OrderNotFound);
    assert!(!cyrillic(&reason.wording(Lang::En)));
    assert_eq!(
        reason.wording(Lang::Ru),
        "Заказ не найден — возможно, он удалён."
    );
}

#[test]
fn an_admin_only_setting_names_the_task_not_a_russian_phrase() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    act_as(&desk, Role::Manager);
    let (code, reason) = reason_of(
        desk.set_idle_lock_minutes(5, now())
            .expect_err("a manager may not"),
    );
    assert_eq!(code, ErrorCode::Forbidden);
    assert_eq!(
        reason,
        ErrorReason::AdminOnly {
            task: AdminTask::IdleLock
        }
    );
    assert_eq!(
        reason.wording(Lang::Ru),
        "Только администратор может менять время блокировки."
    );
    assert_eq!(
        reason.wording(Lang::En),
        "Only the administrator may change the lock time."
    );
}

#[test]
fn a_postal_orders_waybill_is_refused_with_its_number() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let post = order_by(&desk, DeliveryMethod::Post, |_| true);
    let (code, reason) = reason_of(
        desk.document(&post.id, DocKind::TransportWaybill, now())
            .expect_err("a postal order travels on the post's papers"),
    );
    assert_eq!(code, ErrorCode::InvalidInput);
    assert_eq!(
        reason,
        ErrorReason::NoWaybillForPost {
            number: post.number.clone()
        }
    );
    assert!(reason
        .wording(Lang::En)
        .starts_with(&format!("Order No. {} goes by post", post.number)));
}

/// A stage the shop named is passed as it is named, in both languages.
#[test]
fn a_refused_move_carries_the_role_and_the_shops_stage_names() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let order = order_by(&desk, DeliveryMethod::Courier, |o| o.stage_id == "new");
    act_as(&desk, Role::Picker);
    let err = desk
        .advance(&order.id, now())
        .expect_err("a picker may not move this order on");
    let (code, reason) = reason_of(err);
    assert_eq!(code, ErrorCode::Forbidden);
    let ErrorReason::Refused {
        refusal: OpRefusal::RoleForbidden { role, from, .. },
    } = &reason
    else {
        panic!("{reason:?}");
    };
    assert_eq!(*role, Role::Picker);
    assert_eq!(*from, order.stage_name);
    let english = reason.wording(Lang::En);
    assert!(english.contains("«picker»"), "{english}");
    assert!(
        english.contains(&format!("«{}»", order.stage_name)),
        "{english}"
    );
    // Apart from the shop's own stage names, the English is English.
    let mut bare = english.clone();
    for name in [
        &order.stage_name,
        order.next_stage_name.as_ref().expect("next"),
    ] {
        bare = bare.replace(name.as_str(), "");
    }
    assert!(!cyrillic(&bare), "{english}");
}

#[test]
fn a_wrong_pin_is_said_in_the_windows_language() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let person = desk
        .save_person(
            proto::PersonInput {
                id: None,
                name: "Иванова Мария".into(),
                phone: "+7 900 000-00-00".into(),
                email: String::new(),
                role: Role::Admin,
                pin: Some("2468".into()),
            },
            now(),
        )
        .expect("the administrator with a PIN");
    let (code, reason) = reason_of(
        desk.sign_in(&person.id, "0000", now())
            .expect_err("a wrong PIN"),
    );
    assert_eq!(code, ErrorCode::InvalidInput);
    assert_eq!(
        reason,
        ErrorReason::SignIn {
            refusal: proto::SignInRefusal::WrongPin { tries_left: 4 }
        }
    );
    assert_eq!(
        reason.wording(Lang::En),
        "Wrong PIN. Tries left before a pause: 4."
    );
}

/// The texts the shop or the manager typed, taken out so what is left is the desk's words.
fn without(text: &str, names: &[&str]) -> String {
    names
        .iter()
        .fold(text.to_owned(), |t, name| t.replace(name, ""))
}

fn product_input(sku: &str, name: &str, price: i64) -> proto::ProductInput {
    proto::ProductInput {
        id: None,
        sku: sku.into(),
        name: name.into(),
        barcode: String::new(),
        unit: "шт".into(),
        price,
        vat: None,
        weight_g: None,
        location: String::new(),
        stock: 0,
        archived: false,
    }
}

/// The catalogue's refusals were Russian free text (issue 15, point 10): now typed, with the
/// Russian said word for word as before.
#[test]
fn a_taken_sku_and_a_wrong_product_form_are_said_in_either_language() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let taken = desk
        .catalog("", false)
        .expect("catalogue")
        .into_iter()
        .next()
        .expect("the demo has products");
    let (code, reason) = reason_of(
        desk.save_product(product_input(&taken.sku, "Новый товар", 100), now())
            .expect_err("the SKU is another product's"),
    );
    assert_eq!(code, ErrorCode::InvalidInput);
    assert_eq!(
        reason,
        ErrorReason::Input {
            problem: proto::InputProblem::SkuTaken {
                sku: taken.sku.clone(),
                product: taken.name.clone(),
            }
        }
    );
    assert_eq!(
        reason.wording(Lang::Ru),
        format!("артикул «{}» уже у товара «{}»", taken.sku, taken.name)
    );
    let english = reason.wording(Lang::En);
    assert!(
        !cyrillic(&without(&english, &[&taken.sku, &taken.name])),
        "{english}"
    );

    let (_, reason) = reason_of(
        desk.save_product(product_input("  ", "Без артикула", -5), now())
            .expect_err("no SKU and a price below zero"),
    );
    assert_eq!(
        reason.wording(Lang::Ru),
        "артикул не заполнен; цена меньше нуля"
    );
    assert_eq!(
        reason.wording(Lang::En),
        "The product was not saved: the SKU is empty; the price is below zero."
    );
}

#[test]
fn a_person_forms_refusals_are_said_in_either_language() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let person = |name: &str, pin: &str| proto::PersonInput {
        id: None,
        name: name.into(),
        phone: String::new(),
        email: String::new(),
        role: Role::Admin,
        pin: Some(pin.into()),
    };
    let (code, reason) = reason_of(
        desk.save_person(person("  ", "2468"), now())
            .expect_err("no name"),
    );
    assert_eq!(code, ErrorCode::InvalidInput);
    assert_eq!(
        reason.wording(Lang::Ru),
        "Неверные данные: имя сотрудника: не заполнено."
    );
    assert_eq!(
        reason.wording(Lang::En),
        "Invalid data: the person's name is empty."
    );
    let (_, reason) = reason_of(
        desk.save_person(person("Сидоров", "12"), now())
            .expect_err("a PIN too short"),
    );
    assert_eq!(
        reason.wording(Lang::Ru),
        "Неверные данные: PIN-код или пароль: не короче 4 знаков."
    );
    assert!(!cyrillic(&reason.wording(Lang::En)));
    let (_, reason) = reason_of(
        desk.remove_person("not-an-id", now())
            .expect_err("no such person"),
    );
    assert_eq!(
        reason,
        ErrorReason::Input {
            problem: proto::InputProblem::NoSuchPerson
        }
    );
    assert_eq!(
        reason.wording(Lang::En),
        "Invalid data: there is no such person."
    );
}

#[test]
fn a_customers_wrong_phone_is_said_in_either_language() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let customer = desk
        .customers("")
        .expect("customers")
        .into_iter()
        .next()
        .expect("the demo has customers");
    let (code, reason) = reason_of(
        desk.save_customer(
            proto::CustomerInput {
                key: customer.key.clone(),
                name: String::new(),
                phone: "12".into(),
                email: String::new(),
                address: String::new(),
                note: String::new(),
            },
            now(),
        )
        .expect_err("not a phone"),
    );
    assert_eq!(code, ErrorCode::InvalidInput);
    assert_eq!(reason.wording(Lang::Ru), "Неверные данные: телефон «12».");
    assert_eq!(reason.wording(Lang::En), "Invalid data: the phone «12».");
}

/// The settings' refusals: the shop's setup out of turn, a marketplace action dismissed
/// without a reason.
#[test]
fn the_settings_refusals_are_said_in_either_language() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (code, reason) = reason_of(
        desk.start_own_shop("Мой магазин", now())
            .expect_err("the demo shop is not set up"),
    );
    assert_eq!(code, ErrorCode::InvalidInput);
    assert_eq!(
        reason,
        ErrorReason::Input {
            problem: proto::InputProblem::SetupOutOfTurn {
                now: proto::SetupStage::Demo
            }
        }
    );
    assert_eq!(
        reason.wording(Lang::Ru),
        "это демо-магазин, его не настраивают"
    );
    assert_eq!(
        reason.wording(Lang::En),
        "This is the demo shop: it is not set up."
    );
    let (_, reason) = reason_of(
        desk.push_dismiss(&uuid::Uuid::now_v7().to_string(), "  ", now())
            .expect_err("no reason given"),
    );
    assert_eq!(
        reason.wording(Lang::Ru),
        "Напишите, почему действие не нужно повторять."
    );
    assert!(!cyrillic(&reason.wording(Lang::En)));
}

/// The requisites form's refusal names every wrong field by the form's label in the window's
/// language (it was the domain's Russian text in the English window too).
#[test]
fn wrong_requisites_are_said_field_by_field_in_either_language() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let mut bad = desk.requisites().expect("read").expect("demo requisites");
    bad.inn = "7728413598".into();
    bad.settlement_account = "40702810438000045622".into();
    bad.kpp = "77".into();
    let (code, reason) = reason_of(desk.set_requisites(bad, now()).expect_err("three mistakes"));
    assert_eq!(code, ErrorCode::InvalidInput);
    let ErrorReason::Requisites { problems } = &reason else {
        panic!("not the requisites' reason: {reason:?}");
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
    use proto::RequisiteField as F;
    assert_eq!(fields, [F::Inn, F::Kpp, F::SettlementAccount]);
    let ru = reason.wording(Lang::Ru);
    assert!(
        ru.starts_with("Реквизиты не сохранены: ИНН: неверное контрольное число в «7728413598»"),
        "{ru}"
    );
    assert!(ru.contains("КПП: должно быть 9 знаков"), "{ru}");
    assert!(ru.contains("не сходится с БИК 044525225"), "{ru}");
    let en = reason.wording(Lang::En);
    assert!(
        en.starts_with("The requisites were not saved: INN: the check digit"),
        "{en}"
    );
    assert!(en.contains("KPP: must be 9 characters"), "{en}");
    assert!(
        en.contains("Settlement account «40702810438000045622» does not match BIC 044525225"),
        "{en}"
    );
    assert!(!cyrillic(&en), "{en}");
}

/// The settings forms show the desk's refusal beside the field it names (issue 15, point 10):
/// what the desk really refuses names the field the window's form looks for.
#[test]
fn the_settings_refusals_name_the_field_the_window_shows_them_beside() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    act_as(&desk, Role::Admin);
    let field = |e: desk::DeskError| CommandError::from(e).field().map(str::to_owned);
    let keep = desk.set_backup_settings(proto::BackupSettings {
        folder: String::new(),
        keep: 0,
    });
    assert_eq!(field(keep.expect_err("0 copies")).as_deref(), Some("keep"));
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").expect("a file");
    let folder = desk.set_backup_settings(proto::BackupSettings {
        folder: file.join("copies").display().to_string(),
        keep: 5,
    });
    assert_eq!(
        field(folder.expect_err("a folder inside a file")).as_deref(),
        Some("folder")
    );
    let unnamed = desk.edit_workflow(
        proto::WorkflowEditInput::AddStage {
            name: " ".into(),
            after: None,
            time_limit_minutes: None,
        },
        now(),
    );
    assert_eq!(
        field(unnamed.expect_err("a stage without a name")).as_deref(),
        Some("name")
    );
    let zero = desk.edit_workflow(
        proto::WorkflowEditInput::SetLimit {
            stage: "new".into(),
            time_limit_minutes: Some(0),
            clock_paused: false,
        },
        now(),
    );
    assert_eq!(
        field(zero.expect_err("a limit of 0 minutes")).as_deref(),
        Some("limit")
    );
    let lock = desk.set_idle_lock_minutes(0, now());
    assert_eq!(
        field(lock.expect_err("a lock of 0 minutes")).as_deref(),
        Some("minutes")
    );
    let txt = dir.path().join("catalog.txt").display().to_string();
    let export = desk.export_catalog(&txt);
    assert_eq!(
        field(export.expect_err("not a sheet's name")).as_deref(),
        Some("path")
    );
}
