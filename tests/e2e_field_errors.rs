//! End-to-end in the real window (issue 15, point 10): the forms that sent their refusals to
//! the one banner now say them beside the field they name. A new shop is set up from the first
//! run with a wrong step at each turn (a team hub over http, no shop name, an INN with a wrong
//! check digit, a PIN too short); then, in its settings and catalogue, a stage without a name
//! and a zero time limit, a lock of 0 minutes, 0 backup copies kept and a folder that cannot be
//! one, a product without a SKU, a catalogue file that is not there and an export to .txt;
//! the only administrator removed, no payment method offered, a team hub over http and a
//! connection whose keys this PC cannot keep. Each refusal stands under
//! its input (marked `aria-invalid`) or beside the button that asked, the banner stays away,
//! and typing in the input or a later success takes the refusal away. Then the same kinds of
//! refusal in the English window: English words, no Cyrillic.
//!
//! Screenshots at 1366×768 and 1920×1080 go to `ORDERDESK_SCREENSHOTS` (`field-errors-*.png`).

mod window;

use std::time::Duration;

use window::{Desk, Harness};

const STEP: Duration = Duration::from_secs(15);

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn the_setup_forms_say_a_refusal_beside_the_field_it_names() {
    tokio::time::timeout(Duration::from_secs(600), story())
        .await
        .expect("the field errors story finished within 10 minutes");
}

/// Shoots the window at both sizes with the refusal `note` scrolled into view.
async fn both_sizes(desk: &Desk, note: &str, name: &str) {
    for (w, h) in [(1920, 1080), (1366, 768)] {
        desk.resize(w, h).await;
        desk.eval(&format!(
            "document.querySelector(\"{note}\").scrollIntoView({{block: 'center'}}); return true;"
        ))
        .await;
        desk.painted().await;
        desk.screenshot(&format!("field-errors-{name}-{w}x{h}.png"))
            .await;
    }
}

/// The refusal `want` stands in `note`, under `input`, which is marked invalid; the banner
/// says nothing.
async fn beside(desk: &Desk, input: &str, note: &str, want: &str) {
    desk.wait_contains(note, want, STEP).await;
    assert_eq!(
        desk.count(&format!("{input}[aria-invalid='true']")).await,
        1,
        "{input} is marked invalid beside «{want}»"
    );
    assert_eq!(
        desk.count("#error").await,
        0,
        "«{want}» is said beside {input}, not in the banner"
    );
}

/// Typing in `input` took the refusal in `note` away.
async fn cleared(desk: &Desk, input: &str, note: &str) {
    desk.wait_count(note, 0).await;
    assert_eq!(
        desk.count(&format!("{input}[aria-invalid='true']")).await,
        0,
        "{input} is no longer marked invalid"
    );
}

/// Valid requisites of an invented company, but the INN's check digit is wrong.
const REQUISITES: [(&str, &str); 12] = [
    ("#req-name", "ООО «Добрые традиции»"),
    ("#req-inn", "7728413598"),
    ("#req-kpp", "772801001"),
    ("#req-ogrn", "1167746543216"),
    ("#req-address", "117342, г. Москва, ул. Бутлерова, д. 17"),
    ("#req-phone", "+7 495 120-45-67"),
    ("#req-bank", "ПАО СБЕРБАНК г. Москва"),
    ("#req-bic", "044525225"),
    ("#req-account", "40702810438000045621"),
    ("#req-corr", "30101810400000000225"),
    ("#req-director", "Евгеньев Е. Е."),
    ("#req-accountant", "Морозова Е. Н."),
];

async fn first_run(desk: &Desk) {
    // A team hub over plain http to another PC: the address is refused under itself.
    desk.click("#first-run-team").await;
    desk.fill("#hub-url", "http://hub.example.ru").await;
    desk.fill("#hub-token", "device-token").await;
    desk.click("#join-team").await;
    beside(desk, "#hub-url", "#hub-url-error", "https://").await;
    both_sizes(desk, "#hub-url-error", "hub-url").await;
    desk.fill("#hub-url", "https://hub.example.ru").await;
    cleared(desk, "#hub-url", "#hub-url-error").await;
    desk.click("#setup-back").await;

    // No shop name.
    desk.click("#first-run-own").await;
    desk.click("#start-own").await;
    beside(
        desk,
        "#shop-name-input",
        "#shop-name-input-error",
        "название магазина",
    )
    .await;
    both_sizes(desk, "#shop-name-input-error", "shop-name").await;
    desk.fill("#shop-name-input", "Добрые традиции").await;
    cleared(desk, "#shop-name-input", "#shop-name-input-error").await;
    desk.click("#start-own").await;

    // An INN with a wrong check digit: said under the INN, every other field accepted.
    desk.wait_for("#requisites-form").await;
    for (field, value) in REQUISITES {
        desk.set_value(field, value).await;
    }
    desk.click("#save-requisites").await;
    beside(desk, "#req-inn", "#req-inn-error", "контрольное число").await;
    assert_eq!(
        desk.count("#requisites-form [aria-invalid='true']").await,
        1,
        "only the INN is refused"
    );
    both_sizes(desk, "#req-inn-error", "inn").await;
    desk.set_value("#req-inn", "7728413599").await;
    cleared(desk, "#req-inn", "#req-inn-error").await;
    desk.click("#save-requisites").await;

    desk.wait_for("#template-pickup").await;
    desk.click("#template-pickup").await;
    desk.wait_for("#finish-methods").await;
    desk.click_in_dom("#finish-methods").await;

    // A PIN too short for the administrator.
    desk.fill("#admin-name", "Иванова Мария").await;
    desk.fill("#admin-pin", "12").await;
    desk.click("#finish-setup").await;
    beside(desk, "#admin-pin", "#admin-pin-error", "PIN").await;
    both_sizes(desk, "#admin-pin-error", "admin-pin").await;
    desk.fill("#admin-pin", "1357").await;
    cleared(desk, "#admin-pin", "#admin-pin-error").await;
    desk.click("#finish-setup").await;
    desk.wait_contains(".topbar .user", "Иванова Мария", STEP)
        .await;
}

async fn stages(desk: &Desk) {
    desk.click("#open-settings").await;
    desk.wait_for("#stages-table tr.stage-row[data-stage='new']")
        .await;
    // A new stage without a name.
    desk.click("#add-stage-button").await;
    beside(
        desk,
        "#new-stage-name",
        "#new-stage-name-error",
        "название этапа",
    )
    .await;
    desk.fill("#new-stage-name", "Упаковка").await;
    cleared(desk, "#new-stage-name", "#new-stage-name-error").await;

    // A time limit of zero minutes on «Новый»: said under that stage's limit.
    let limit = "tr[data-stage='new'] input.limit";
    desk.set_value(limit, "0").await;
    beside(desk, limit, "#stage-new-limit-error", "срок этапа").await;
    both_sizes(desk, "#stage-new-limit-error", "stage-limit").await;
    desk.set_value(limit, "30").await;
    cleared(desk, limit, "#stage-new-limit-error").await;
}

async fn idle_lock(desk: &Desk) {
    desk.click("#settings-people").await;
    desk.fill("#idle-lock-minutes", "0").await;
    desk.click("#save-idle-lock").await;
    beside(
        desk,
        "#idle-lock-minutes",
        "#idle-lock-minutes-error",
        "блокировка",
    )
    .await;
    both_sizes(desk, "#idle-lock-minutes-error", "idle-lock").await;
    desk.fill("#idle-lock-minutes", "15").await;
    cleared(desk, "#idle-lock-minutes", "#idle-lock-minutes-error").await;

    // The shop's only administrator, who is also the one signed in, cannot be removed: said
    // beside that person's «Удалить».
    desk.click(&format!("{ME} button.remove-person")).await;
    let note = format!("{ME} #remove-person-error");
    desk.wait_contains(&note, "последний администратор", STEP)
        .await;
    assert_eq!(
        desk.count("#error").await,
        0,
        "said beside «Удалить», not in the banner"
    );
    both_sizes(desk, &note, "remove-person").await;
    // A later success (a person added) takes it away.
    desk.add_person("Петров Сергей", "manager", "2468").await;
    desk.wait_count("#remove-person-error", 0).await;
}

/// The person signed in, as the people's table shows them.
const ME: &str = "tr.person-row[data-name='Иванова Мария']";

/// No payment method offered: said under the payment methods, which are marked invalid.
async fn delivery_payment(desk: &Desk) {
    desk.click("#settings-delivery-payment").await;
    desk.wait_for("#offered-payment input").await;
    let on = desk.count("#offered-payment input:checked").await;
    for _ in 0..on {
        desk.click_in_dom("#offered-payment input:checked").await;
    }
    desk.wait_count("#offered-payment input:checked", 0).await;
    desk.click_in_dom("#save-delivery-payment").await;
    beside(
        desk,
        "#offered-payment",
        "#offered-payment-error",
        "способ оплаты",
    )
    .await;
    both_sizes(desk, "#offered-payment-error", "offered-payment").await;
    desk.click_in_dom("#offered-payment input").await;
    cleared(desk, "#offered-payment", "#offered-payment-error").await;
    desk.click_in_dom("#save-delivery-payment").await;
    desk.wait_for("#delivery-payment .done").await;

    // Настройки → Команда: a hub over plain http, refused under its address as at the
    // first run.
    desk.click("#settings-team").await;
    desk.fill("#hub-url", "http://hub.example.ru").await;
    desk.fill("#hub-token", "device-token").await;
    desk.click("#join-team").await;
    beside(desk, "#hub-url", "#hub-url-error", "https://").await;
    desk.fill("#hub-url", "https://hub.example.ru").await;
    cleared(desk, "#hub-url", "#hub-url-error").await;
}

/// A connection added where no keyring runs (this harness starts none): the site answers
/// the test, but the keys cannot be kept, and that is said beside «Добавить подключение»,
/// not in the banner.
async fn channel_keys(desk: &Desk) {
    // A site that answers every list with an empty one.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let site = listener.local_addr().expect("address");
    let router = axum::Router::new().fallback(|| async { axum::Json(serde_json::json!([])) });
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    desk.click("#settings-channels").await;
    desk.wait_for("#add-channel").await;
    desk.choose("#channel-kind", "#0").await;
    desk.set_value("#channel-name", "Сайт").await;
    desk.set_value("#channel-url", &format!("http://{site}"))
        .await;
    desk.set_value("#channel-key", "ck_e2e").await;
    desk.set_value("#channel-secret", "cs_e2e").await;
    desk.click("#add-channel-button").await;
    desk.until("the add is refused or saved", || async {
        desk.count("#add-channel-button-error").await + desk.count("section.channel").await > 0
    })
    .await;
    if desk.count("section.channel").await > 0 {
        // A desktop session with a keyring (a developer's own display) keeps the keys.
        eprintln!("a keyring kept the keys: the refusal beside «Добавить подключение» not seen");
        return;
    }
    desk.wait_contains("#add-channel-button-error", "Хранилище паролей", STEP)
        .await;
    assert_eq!(
        desk.count("#error").await,
        0,
        "said beside «Добавить подключение», not in the banner"
    );
    both_sizes(desk, "#add-channel-button-error", "channel-keys").await;
}

async fn backups(desk: &Desk) {
    desk.click("#settings-backups").await;
    desk.wait_for("#backup-keep").await;
    desk.fill("#backup-keep", "0").await;
    desk.click("#save-backup-settings").await;
    beside(desk, "#backup-keep", "#backup-keep-error", "копий").await;
    desk.fill("#backup-keep", "5").await;
    cleared(desk, "#backup-keep", "#backup-keep-error").await;

    // A folder inside a file cannot be made.
    desk.fill("#backup-folder", "/etc/hostname/copies").await;
    desk.click("#save-backup-settings").await;
    beside(
        desk,
        "#backup-folder",
        "#backup-folder-error",
        "/etc/hostname/copies",
    )
    .await;
    assert_eq!(
        desk.count("#backups-error").await,
        0,
        "not under «Сделать копию сейчас»"
    );
    both_sizes(desk, "#backup-folder-error", "backup-folder").await;
    desk.set_value("#backup-folder", "").await;
    cleared(desk, "#backup-folder", "#backup-folder-error").await;
    desk.click("#save-backup-settings").await;
    desk.wait_for("#backups-note").await;
    desk.click("#close-settings").await;
}

/// `dir`: where the catalogue files the manager types are (none of them there yet).
async fn catalogue(desk: &Desk, dir: &std::path::Path) {
    desk.click("#open-catalog").await;
    desk.click("#catalog-add").await;
    desk.click("#new-product-save").await;
    beside(desk, "#new-sku", "#new-sku-error", "артикул").await;
    both_sizes(desk, "#new-sku-error", "product-sku").await;
    desk.fill("#new-sku", "MUG-1").await;
    cleared(desk, "#new-sku", "#new-sku-error").await;

    // A file that is not there: said under the import's path.
    let missing = dir.join("missing.csv");
    let missing = missing.to_str().expect("a UTF-8 temp path");
    desk.fill("#import-path", missing).await;
    desk.click("#import-preview").await;
    beside(desk, "#import-path", "#import-path-error", missing).await;
    desk.fill("#import-path", "/tmp/catalog.csv").await;
    cleared(desk, "#import-path", "#import-path-error").await;

    // An export to a file the desk cannot write as a sheet: said under the export's path.
    let txt = dir.join("catalog.txt");
    desk.fill("#export-path", txt.to_str().expect("a UTF-8 temp path"))
        .await;
    desk.click("#export-catalog").await;
    beside(desk, "#export-path", "#export-path-error", ".xlsx или .csv").await;
    both_sizes(desk, "#export-path-error", "export-path").await;
    desk.fill("#export-path", "catalog.csv").await;
    cleared(desk, "#export-path", "#export-path-error").await;
}

/// The English window's refusal in `note`: holds `want`, and not one Cyrillic letter.
async fn in_english(desk: &Desk, note: &str, want: &str) {
    desk.wait_contains(note, want, STEP).await;
    let said = desk.text(note).await;
    assert!(
        !said.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
        "{note} says «{said}» in the English window"
    );
    assert_eq!(desk.count("#error").await, 0, "«{said}»: not in the banner");
}

/// The same kinds of refusal in English: a stage without a name, a lock of 0 minutes, the
/// last administrator removed, no payment method offered.
async fn in_english_too(desk: &Desk) {
    desk.click_in_dom("#switch-lang").await;
    desk.wait_contains("#switch-lang", "Русский", STEP).await;
    desk.click("#open-settings").await;
    desk.click("#settings-stages").await;
    desk.wait_for("#new-stage-name").await;
    desk.set_value("#new-stage-name", "").await;
    desk.click("#add-stage-button").await;
    in_english(desk, "#new-stage-name-error", "name cannot be empty").await;
    both_sizes(desk, "#new-stage-name-error", "en-stage-name").await;

    desk.click("#settings-people").await;
    desk.fill("#idle-lock-minutes", "0").await;
    desk.click("#save-idle-lock").await;
    in_english(desk, "#idle-lock-minutes-error", "1 to 480 minutes").await;
    desk.click(&format!("{ME} button.remove-person")).await;
    let note = format!("{ME} #remove-person-error");
    in_english(desk, &note, "last administrator").await;
    both_sizes(desk, &note, "en-remove-person").await;

    desk.click("#settings-delivery-payment").await;
    desk.wait_for("#offered-payment input:checked").await;
    let on = desk.count("#offered-payment input:checked").await;
    for _ in 0..on {
        desk.click_in_dom("#offered-payment input:checked").await;
    }
    desk.click_in_dom("#save-delivery-payment").await;
    in_english(desk, "#offered-payment-error", "payment method").await;
    desk.click("#close-settings").await;
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let desk = Desk::open_without_demo(&harness, data.path(), "#first-run").await;
    first_run(&desk).await;
    stages(&desk).await;
    idle_lock(&desk).await;
    delivery_payment(&desk).await;
    channel_keys(&desk).await;
    backups(&desk).await;
    catalogue(&desk, data.path()).await;
    in_english_too(&desk).await;
    desk.close().await;
}
