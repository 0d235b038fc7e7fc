use jiff::{SignedDuration, Timestamp};

use super::*;
use DeliveryMethod::*;
use PaymentMethod::*;

fn ids(route: &[&Stage]) -> Vec<String> {
    route.iter().map(|s| s.id.clone()).collect()
}

#[test]
fn default_template_has_the_nine_stages_and_cancellation() {
    let wf = Workflow::default_template();
    let names: Vec<&str> = wf.stages().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Поступил",
            "Отзвон",
            "Комплектация",
            "Отзвон курьером",
            "Ожидание оплаты",
            "Курьерская доставка",
            "Почтовая доставка",
            "Внесение денег в кассу",
            "Завершён",
            "Отменён"
        ]
    );
}

#[test]
fn courier_cash_route() {
    let wf = Workflow::default_template();
    assert_eq!(
        ids(&wf.route(Courier, CashOnDelivery)),
        [
            "new",
            "call",
            "picking",
            "courier_call",
            "courier_delivery",
            "cash_in",
            "done"
        ]
    );
}

#[test]
fn post_prepaid_route_waits_for_payment() {
    let wf = Workflow::default_template();
    assert_eq!(
        ids(&wf.route(Post, Online)),
        [
            "new",
            "call",
            "picking",
            "awaiting_payment",
            "post_delivery",
            "cash_in",
            "done"
        ]
    );
}

#[test]
fn pickup_skips_both_delivery_stages() {
    let wf = Workflow::default_template();
    assert_eq!(
        wf.next_stage("picking", Pickup, CardOnDelivery)
            .map(|s| s.id.as_str()),
        Some("cash_in")
    );
    assert_eq!(
        wf.next_stage("picking", Pickup, BankTransfer)
            .map(|s| s.id.as_str()),
        Some("awaiting_payment")
    );
    assert_eq!(
        wf.next_stage("awaiting_payment", Pickup, BankTransfer)
            .map(|s| s.id.as_str()),
        Some("cash_in")
    );
}

#[test]
fn nothing_follows_final_or_cancelled_or_unknown() {
    let wf = Workflow::default_template();
    assert!(wf.next_stage("done", Courier, Online).is_none());
    assert!(wf.next_stage("cancelled", Courier, Online).is_none());
    assert!(wf.next_stage("nope", Courier, Online).is_none());
    assert_eq!(
        wf.next_stage("cash_in", Courier, Online)
            .map(|s| s.id.as_str()),
        Some("done")
    );
}

#[test]
fn deadline_is_entry_plus_limit_unless_paused() {
    let wf = Workflow::default_template();
    let at: Timestamp = "2025-03-01T09:00:00Z".parse().expect("valid instant");
    let new = wf.stage("new").expect("template has new");
    assert_eq!(
        new.deadline(at),
        at.checked_add(SignedDuration::from_mins(30)).ok()
    );
    assert_eq!(wf.stage("done").and_then(|s| s.deadline(at)), None);
    let mut paused = new.clone();
    paused.clock_paused = true;
    assert_eq!(paused.deadline(at), None);
}

/// Found by the route property: when no normal stage admitted an order, its route was empty
/// instead of going straight to the final stage.
#[test]
fn route_reaches_final_even_when_no_normal_stage_admits_the_order() {
    let mut stages = Workflow::default_template().stages().to_vec();
    for s in stages.iter_mut().filter(|s| s.kind == StageKind::Normal) {
        s.route.payment = Some(vec![]);
    }
    let wf = Workflow::new(stages);
    assert_eq!(ids(&wf.route(Courier, CashOnDelivery)), ["done"]);
}
