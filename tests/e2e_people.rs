//! End-to-end in the real window: staff and sign-in on a shared PC (issue 14, point 3). The
//! demo shop's administrator adds herself with a PIN and a manager with his; «Сменить
//! пользователя» shows the sign-in screen; the manager's wrong PIN is refused in Russian
//! beside the field, and in English once the window is switched to English (the desk sends
//! why, not only its Russian text); the right one signs him in; he moves an order and its
//! history names him. Restarted, the desk remembers him and the lock asks his PIN.
//!
//! Screenshots at 1366×768 and 1920×1080 go to `ORDERDESK_SCREENSHOTS` (`people-*.png`).

mod window;

use std::time::Duration;

use window::{Desk, Harness};

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn a_manager_signs_in_with_a_pin_and_is_named_in_the_history() {
    tokio::time::timeout(Duration::from_secs(300), story())
        .await
        .expect("the people story finished within 5 minutes");
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");

    let desk = Desk::open(&harness, data.path()).await;
    desk.click("#open-settings").await;
    desk.click("#settings-people").await;
    // A PIN too short is said beside the PIN, not in the banner (issue 15, point 10), and goes
    // once the PIN is typed again.
    desk.click("#add-person").await;
    desk.fill("#person-name", "Сидорова Анна").await;
    desk.choose("#person-role", "admin").await;
    desk.fill("#person-pin", "12").await;
    desk.click("#save-person").await;
    desk.wait_contains("#person-pin-error", "PIN", Duration::from_secs(10))
        .await;
    assert_eq!(
        desk.count("#error").await,
        0,
        "beside the PIN, not in the banner"
    );
    assert_eq!(desk.count("#person-pin[aria-invalid='true']").await, 1);
    desk.both_sizes("people-short-pin").await;
    desk.fill("#person-pin", "1234").await;
    desk.wait_count("#person-pin-error", 0).await;
    desk.click("#cancel-person").await;
    desk.add_person("Иванова Мария", "admin", "1357").await;
    desk.add_person("Петров Сергей", "manager", "2468").await;
    desk.both_sizes("people-staff").await;

    // «Сменить пользователя»: the sign-in screen lists both.
    desk.click("#switch-user").await;
    desk.wait_for("#sign-in-screen").await;
    desk.wait_count("#sign-in-people li", 2).await;
    let manager = desk.sign_in_button("Петров").await;
    desk.click(&manager).await;
    desk.fill("#pin-input", "0000").await;
    desk.click("#sign-in").await;
    desk.wait_contains("#pin-error", "Неверный PIN-код", Duration::from_secs(10))
        .await;
    desk.both_sizes("people-wrong-pin").await;
    // The same refusal in the English window is worded in English (issue 15, point 10): the
    // desk sends why, not only its Russian text. The sign-in screen is drawn anew in the
    // other language, so the manager is chosen again.
    desk.click_in_dom("#switch-lang").await;
    desk.wait_contains("#switch-lang", "Русский", Duration::from_secs(10))
        .await;
    desk.click_in_dom(&manager).await;
    desk.fill("#pin-input", "1111").await;
    desk.click("#sign-in").await;
    desk.wait_contains(
        "#pin-error",
        "Wrong PIN. Tries left before a pause: 3.",
        Duration::from_secs(10),
    )
    .await;
    desk.both_sizes("people-wrong-pin-english").await;
    desk.click_in_dom("#switch-lang").await;
    desk.wait_contains("#switch-lang", "English", Duration::from_secs(10))
        .await;
    desk.click_in_dom(&manager).await;
    desk.fill("#pin-input", "2468").await;
    desk.click("#sign-in").await;
    desk.wait_count("#sign-in-screen", 0).await;
    desk.wait_contains(".topbar .user", "Петров Сергей", Duration::from_secs(10))
        .await;

    // His change is his in the history.
    desk.click("#close-settings").await;
    desk.click_stage("new").await;
    desk.open_first_order().await;
    desk.click("#advance").await;
    desk.click_in_dom("#tab-history").await;
    desk.wait_contains("#history", "Петров Сергей", Duration::from_secs(10))
        .await;
    desk.both_sizes("people-history").await;
    desk.close().await;

    // Restarted: he is remembered, and the lock asks his PIN over the desk.
    let desk = Desk::open(&harness, data.path()).await;
    desk.wait_for("#lock-screen").await;
    desk.wait_contains("#locked-user", "Петров Сергей", Duration::from_secs(10))
        .await;
    desk.both_sizes("people-locked").await;
    desk.fill("#pin-input", "2468").await;
    desk.click("#sign-in").await;
    desk.wait_count("#lock-screen", 0).await;
    desk.wait_contains(".topbar .user", "Петров Сергей", Duration::from_secs(10))
        .await;
    desk.close().await;
}
