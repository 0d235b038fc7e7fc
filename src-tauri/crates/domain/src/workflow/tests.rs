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

mod editing {
    use super::*;
    use crate::methods::Role;
    use crate::op::OrderState;

    fn add(id: &str, name: &str, after: Option<&str>) -> WorkflowEdit {
        WorkflowEdit::AddStage {
            id: id.to_owned(),
            name: name.to_owned(),
            after: after.map(str::to_owned),
            time_limit: Some(SignedDuration::from_hours(1)),
        }
    }

    fn names(wf: &Workflow) -> Vec<&str> {
        wf.stages().iter().map(|s| s.name.as_str()).collect()
    }

    fn state(stage: &str) -> OrderState {
        OrderState {
            position: StagePosition {
                stage_id: stage.to_owned(),
                entered_at: Timestamp::UNIX_EPOCH,
                deadline: None,
            },
            delivery: Courier,
            payment: CashOnDelivery,
        }
    }

    #[test]
    fn only_the_admin_edits_the_workflow() {
        let wf = Workflow::default_template();
        let edit = WorkflowEdit::Rename {
            stage: "call".into(),
            name: "Звонок".into(),
        };
        assert_eq!(
            wf.edit(Role::Manager, &edit),
            Err(WorkflowError::NotAdmin(Role::Manager))
        );
        let renamed = wf.edit(Role::Admin, &edit).expect("admin renames");
        assert_eq!(
            renamed.stage("call").map(|s| s.name.as_str()),
            Some("Звонок")
        );
    }

    #[test]
    fn an_added_stage_joins_the_route_where_it_was_put() {
        let wf = Workflow::default_template()
            .edit(Role::Admin, &add("packing", "Упаковка", Some("picking")))
            .expect("added");
        let route = wf.route(Courier, CashOnDelivery);
        let at = ids(&route);
        let picking = at
            .iter()
            .position(|s| s == "picking")
            .expect("picking on route");
        assert_eq!(at[picking + 1], "packing");
        let positions: Vec<i32> = wf.stages().iter().map(|s| s.position).collect();
        let mut sorted = positions.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(positions, sorted, "positions stay unique and ordered");
    }

    #[test]
    fn names_must_be_present_and_unique_and_limits_sane() {
        let wf = Workflow::default_template();
        assert_eq!(
            wf.edit(Role::Admin, &add("x", "  ", None)),
            Err(WorkflowError::EmptyName)
        );
        assert_eq!(
            wf.edit(Role::Admin, &add("x", "комплектация", None)),
            Err(WorkflowError::DuplicateName("комплектация".into()))
        );
        assert_eq!(
            wf.edit(Role::Admin, &add("picking", "Другое", None)),
            Err(WorkflowError::DuplicateId("picking".into()))
        );
        let zero = WorkflowEdit::SetLimit {
            stage: "call".into(),
            time_limit: Some(SignedDuration::ZERO),
            clock_paused: false,
        };
        assert_eq!(wf.edit(Role::Admin, &zero), Err(WorkflowError::BadLimit));
    }

    #[test]
    fn reorder_keeps_closing_stages_last() {
        let wf = Workflow::default_template()
            .edit(
                Role::Admin,
                &WorkflowEdit::Reorder {
                    stage: "new".into(),
                    index: 99,
                },
            )
            .expect("reordered");
        let n = names(&wf);
        assert_eq!(&n[n.len() - 3..], ["Поступил", "Завершён", "Отменён"]);
        let moving_final = WorkflowEdit::Reorder {
            stage: "done".into(),
            index: 0,
        };
        assert!(matches!(
            wf.edit(Role::Admin, &moving_final),
            Err(WorkflowError::ClosedStage(_))
        ));
    }

    #[test]
    fn orders_in_a_removed_stage_can_still_be_moved_on() {
        let wf = Workflow::default_template()
            .edit(
                Role::Admin,
                &WorkflowEdit::Remove {
                    stage: "call".into(),
                },
            )
            .expect("removed");
        assert!(wf.stage("call").is_none());
        assert_eq!(
            wf.retired_stage("call").map(|s| s.name.as_str()),
            Some("Отзвон")
        );
        assert!(!ids(&wf.route(Courier, CashOnDelivery)).contains(&"call".to_owned()));
        // The order stuck in «Отзвон» continues from where the stage was.
        let next = wf.advance_target(&state("call")).expect("moves on");
        assert_eq!(next.id, "picking");
        // Later edits keep the removed stage's place in the order.
        let wf = wf
            .edit(Role::Admin, &add("check", "Проверка", None))
            .expect("added");
        let next = wf.advance_target(&state("call")).expect("moves on");
        assert_eq!(next.id, "picking");
        assert!(wf.cancel_target(&state("call")).is_ok());
        let moves: Vec<String> = wf
            .allowed_moves(&state("call"), Role::Manager)
            .iter()
            .map(|s| s.id.clone())
            .collect();
        assert!(moves.contains(&"new".to_owned()) && moves.contains(&"cancelled".to_owned()));
    }

    #[test]
    fn the_last_working_stage_cannot_be_removed() {
        let mut wf = Workflow::default_template();
        let open: Vec<String> = wf
            .stages()
            .iter()
            .filter(|s| !s.is_closed())
            .map(|s| s.id.clone())
            .collect();
        for id in &open[1..] {
            wf = wf
                .edit(Role::Admin, &WorkflowEdit::Remove { stage: id.clone() })
                .expect("removed");
        }
        assert_eq!(
            wf.edit(
                Role::Admin,
                &WorkflowEdit::Remove {
                    stage: open[0].clone()
                }
            ),
            Err(WorkflowError::LastStage)
        );
    }

    #[test]
    fn marketplace_template_follows_seed_003() {
        let wf = Workflow::marketplace_template();
        let route = wf.route(MarketplaceLogistics, PaymentMethod::Marketplace);
        let names: Vec<&str> = route.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Подтверждён",
                "Сборка",
                "Отправлен в магазин",
                "Поступил в магазин",
                "Передан клиенту",
                "Выполнен"
            ]
        );
    }
}

mod templates {
    use super::*;
    use crate::WorkflowTemplate;

    #[test]
    fn pickup_template_skips_delivery_and_waits_only_for_prepaid_orders() {
        let wf = Workflow::pickup_template();
        let names = |p| {
            wf.route(DeliveryMethod::Pickup, p)
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(PaymentMethod::CashOnDelivery),
            [
                "Поступил",
                "Отзвон",
                "Комплектация",
                "Готов к выдаче",
                "Выдан"
            ]
        );
        assert_eq!(
            names(PaymentMethod::BankTransfer),
            [
                "Поступил",
                "Отзвон",
                "Комплектация",
                "Ожидание оплаты",
                "Готов к выдаче",
                "Выдан"
            ]
        );
    }

    #[test]
    fn every_template_is_named_and_read_back() {
        for t in WorkflowTemplate::ALL {
            assert_eq!(WorkflowTemplate::parse(t.as_str()), Some(t));
            assert!(t.workflow().stages().len() >= 5, "{t:?}");
        }
        assert_eq!(WorkflowTemplate::parse("courier "), None);
    }
}
