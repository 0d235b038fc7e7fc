//! The order actions of issue 3 through the desk API, on real SQLite files.

use desk::{Desk, DeskError};
use jiff::{SignedDuration, Timestamp};
use proto::{
    CallOutcome, CommandError, DeliveryChange, DeliveryMethod, Discount, ErrorCode, LineEdit,
    NewCall, NewLine, NewOrder, NewPayment, PaymentMethod, PaymentStatus, QueueQuery, QueueScope,
    Role, User,
};

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn later(minutes: i64) -> Timestamp {
    now()
        .checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

fn open(dir: &tempfile::TempDir) -> Desk {
    Desk::open_demo(dir.path(), now()).expect("open")
}

fn product_ids(desk: &Desk) -> Vec<String> {
    desk.products()
        .expect("products")
        .into_iter()
        .map(|p| p.id)
        .collect()
}

fn phone_order(desk: &Desk) -> proto::OrderDetail {
    let products = product_ids(desk);
    desk.create_order(
        NewOrder {
            customer: "Фёдоров Пётр Ильич".into(),
            phone: "8 (903) 555-12-34".into(),
            email: Some("Petr@Example.ru".into()),
            delivery: DeliveryChange {
                method: DeliveryMethod::Courier,
                zone: Some("moscow".into()),
                address: "г. Москва, ул. Ленина, д. 5".into(),
                window_from: None,
                window_to: None,
            },
            payment: PaymentMethod::CashOnDelivery,
            lines: vec![NewLine {
                product_id: products[0].clone(),
                quantity: 1000,
            }],
            comment: None,
        },
        now(),
    )
    .expect("phone order")
}

#[test]
fn phone_order_story_draft_versions_diff_confirm_route_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    let o = phone_order(&desk);
    assert!(o.draft);
    assert_eq!(o.version, 1);
    assert_eq!(o.stage_id, "new");
    assert_eq!(o.phone, "79035551234");
    assert_eq!(o.original_total, o.total);
    let products = product_ids(&desk);

    let o = desk
        .edit_lines(
            &o.id,
            vec![LineEdit::Add {
                product_id: products[1].clone(),
                quantity: 2000,
                price: None,
            }],
            later(1),
        )
        .expect("edit 1");
    let first_line = o.lines[0].id.clone();
    let o = desk
        .edit_lines(
            &o.id,
            vec![
                LineEdit::SetQuantity {
                    line_id: first_line.clone(),
                    quantity: 3000,
                },
                LineEdit::SetDiscount {
                    line_id: first_line.clone(),
                    discount: Discount::Percent(1000),
                },
            ],
            later(2),
        )
        .expect("edit 2");
    assert_eq!(o.version, 3);
    assert_eq!(desk.versions(&o.id).expect("versions").len(), 3);
    assert_ne!(
        o.original_total, o.total,
        "the original total stays visible"
    );
    assert_eq!(o.total, o.subtotal - o.discount + o.delivery_cost);
    let vat: i64 = o.vat.iter().map(|v| v.vat).sum();
    // Σ per-rate VAT = Σ per-line VAT + the delivery's VAT at 22 % (round half up).
    let delivery_vat = (o.delivery_cost * 22 * 2 + 122) / 244;
    assert_eq!(
        vat,
        o.lines.iter().map(|l| l.vat).sum::<i64>() + delivery_vat
    );

    let diff = desk.diff_versions(&o.id, 1, 3).expect("diff");
    assert_eq!(diff.added.len(), 1);
    assert!(diff.removed.is_empty());
    assert_eq!(diff.changed.len(), 1);
    let change = &diff.changed[0];
    assert_eq!(
        change.quantity.as_ref().map(|c| (c.before, c.after)),
        Some((1000, 3000))
    );
    assert!(change.discount.is_some());
    assert_eq!(diff.total.after, o.total);
    let err = desk.diff_versions(&o.id, 1, 9).expect_err("no version 9");
    assert_eq!(err.code(), ErrorCode::NotFound);

    desk.publish_version(&o.id, 3, later(3)).expect("publish");
    let err = desk.confirm_version(&o.id, 2, later(4)).expect_err("stale");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let o = desk.confirm_version(&o.id, 3, later(4)).expect("confirm");
    assert!(!o.draft);
    assert_eq!(o.confirmed_version, Some(3));

    let mut visited = vec![o.stage_id.clone()];
    let mut o = o;
    while o.next_stage.is_some() {
        o = desk.advance(&o.id, later(10)).expect("advance");
        visited.push(o.stage_id.clone());
    }
    assert_eq!(
        visited,
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

    let history = desk.history(&o.id).expect("history");
    let kinds: Vec<&str> = history.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(
        kinds[..5],
        [
            "create_order",
            "edit_lines",
            "edit_lines",
            "publish_version",
            "confirm_version"
        ]
    );
    assert_eq!(history.len(), 5 + 6);
    assert!(history.iter().all(|h| h.actor_name == "Администратор"));
    assert_eq!(history[5].description, "Этап: «Поступил» → «Отзвон»");
    assert_eq!(history[5].before.as_deref(), Some("этап «Поступил»"));
    assert!(history[2]
        .after
        .as_deref()
        .is_some_and(|a| a.contains("итого")));
    // The same steps as data, for a window in English to word (issue 15, point 10).
    assert_eq!(
        history[5].event,
        Some(proto::HistoryEvent::StageMoved {
            from: "Поступил".to_owned(),
            to: "Отзвон".to_owned()
        })
    );
    assert_eq!(
        history[5].before_state,
        Some(proto::StateView::Stage {
            name: "Поступил".to_owned()
        })
    );
    assert_eq!(
        history[3].event,
        Some(proto::HistoryEvent::VersionPublished { version: 3 })
    );
    assert!(matches!(
        history[2].after_state,
        Some(proto::StateView::Content { total, .. }) if total == o.total
    ));
    assert!(history.iter().all(|h| h.event.is_some()));
}

#[test]
fn delivery_change_recalculates_and_payments_make_paid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    let o = phone_order(&desk);
    let post = desk
        .change_delivery(
            &o.id,
            DeliveryChange {
                method: DeliveryMethod::Post,
                zone: None,
                address: "Тверь, ул. Советская, 1".into(),
                window_from: None,
                window_to: None,
            },
            later(1),
        )
        .expect("post");
    // Post has a flat 450 ₽ tariff with no free threshold.
    assert_eq!(post.delivery_cost, 45_000);
    assert_eq!(
        post.total,
        post.subtotal - post.discount + post.delivery_cost
    );
    let half = post.total / 2;
    let part = desk
        .record_payment(
            &o.id,
            NewPayment {
                amount: half,
                method: PaymentMethod::CashOnDelivery,
                note: None,
            },
            later(2),
        )
        .expect("part");
    assert_eq!(part.payment_status, PaymentStatus::Partial);
    let paid = desk
        .record_payment(
            &o.id,
            NewPayment {
                amount: post.total - half,
                method: PaymentMethod::CashOnDelivery,
                note: Some("остаток".into()),
            },
            later(3),
        )
        .expect("rest");
    assert_eq!(paid.payment_status, PaymentStatus::Paid);
    assert_eq!(paid.payments.len(), 2);
    let call = desk
        .log_call(
            &o.id,
            NewCall {
                started_at: later(4).as_millisecond(),
                ended_at: later(6).as_millisecond(),
                outcome: CallOutcome::NoAnswer,
                note: None,
            },
            later(6),
        )
        .expect("call");
    assert_eq!(call.call_attempts, 1);
    assert_eq!(call.calls[0].duration_ms, 120_000);
    let paid_rows = desk
        .orders(
            QueueQuery {
                paid: Some(true),
                ..QueueQuery::default()
            },
            now(),
        )
        .expect("paid filter");
    assert!(paid_rows.iter().any(|r| r.id == o.id && r.paid));
}

#[test]
fn roles_limit_moves_and_edits_with_a_russian_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    let o = phone_order(&desk);
    desk.set_user(User {
        id: "u-picker".into(),
        name: "Сидоров".into(),
        role: Role::Picker,
    });
    let err = desk.advance(&o.id, later(1)).expect_err("picker in «new»");
    assert!(matches!(err, DeskError::Forbidden { .. }), "{err:?}");
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let shown = CommandError::from(err);
    assert!(shown.message.contains("комплектовщик"), "{}", shown.message);
    assert!(shown.message.contains("Поступил"), "{}", shown.message);
    let err = desk
        .set_order_discount(&o.id, Discount::Percent(500), later(1))
        .expect_err("pickers give no discounts");
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert!(desk.order(&o.id).expect("order").allowed_stages.is_empty());
    let mine = desk
        .orders(
            QueueQuery {
                scope: QueueScope::Mine,
                ..QueueQuery::default()
            },
            now(),
        )
        .expect("my queue");
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|r| r.stage_id == "picking"));

    desk.set_user(User {
        id: "u-manager".into(),
        name: "Петрова".into(),
        role: Role::Manager,
    });
    let err = desk
        .move_to(&o.id, "post_delivery", later(2))
        .expect_err("a courier order never enters post delivery");
    assert_eq!(err.code(), ErrorCode::TransitionNotAllowed);
    let moved = desk.move_to(&o.id, "picking", later(2)).expect("on route");
    assert_eq!(moved.stage_id, "picking");
    let cancelled = desk
        .cancel(&o.id, Some("Клиент передумал".into()), later(3))
        .expect("cancel");
    assert_eq!(cancelled.stage_id, "cancelled");
    let history = desk.history(&o.id).expect("history");
    assert_eq!(
        history.last().map(|h| h.actor_name.as_str()),
        Some("Петрова")
    );
    assert_eq!(history.last().map(|h| h.role), Some(Role::Manager));
}

#[test]
fn search_by_name_phone_number_and_email() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    let o = phone_order(&desk);
    for text in [
        "федоров",
        "ФЁДОРОВ пёт",
        "+7 903 555-12-34",
        "89035551234",
        "petr@example.RU",
        o.number.as_str(),
    ] {
        let found = desk.search(text, now()).expect("search");
        assert!(found.iter().any(|r| r.id == o.id), "{text}: {found:?}");
    }
    assert!(desk
        .search("Несуществующий", now())
        .expect("search")
        .is_empty());
}

/// The manager reads half a number off a note or hears the start of a phone: «№102» finds
/// orders 10200–10299 and «915 105» the phone +7 915 105-…
#[test]
fn search_by_the_start_of_a_number_or_a_phone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    let o = phone_order(&desk);
    let number = o.number.clone();
    let found = desk
        .search(&format!("№{}", &number[..3]), now())
        .expect("search");
    assert!(found.iter().any(|r| r.id == o.id), "{number}: {found:?}");
    assert!(found.iter().all(|r| r.number.starts_with(&number[..3])));
    // The phone order's number is +7 903 555-12-34.
    for text in ["903 555", "8 903 555", "903555"] {
        let found = desk.search(text, now()).expect("search");
        assert!(found.iter().any(|r| r.id == o.id), "{text}: {found:?}");
    }
}

#[test]
fn problems_queue_is_sorted_by_deadline_and_alerts_come_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    let problems = desk
        .orders(
            QueueQuery {
                scope: QueueScope::Problems,
                ..QueueQuery::default()
            },
            now(),
        )
        .expect("problems");
    assert!(!problems.is_empty());
    assert!(problems.iter().all(|r| r.overdue));
    let deadlines: Vec<i64> = problems.iter().filter_map(|r| r.deadline).collect();
    assert!(deadlines.windows(2).all(|w| w[0] <= w[1]));

    let first = desk.due_alerts(now()).expect("alerts");
    assert_eq!(first.len(), problems.len());
    assert!(desk.due_alerts(now()).expect("again").is_empty(), "once");
    let o = phone_order(&desk);
    // 30 min limit in «Поступил»: overdue 31 minutes on, alerted once.
    let alerts = desk.due_alerts(later(31)).expect("alerts");
    let mine: Vec<_> = alerts.iter().filter(|a| a.order_id == o.id).collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].stage_name, "Поступил");
    assert_eq!(mine[0].responsible_roles, [Role::Manager]);
    assert!(desk
        .due_alerts(later(40))
        .expect("alerts")
        .iter()
        .all(|a| a.order_id != o.id));
    // Entering the next stage restarts the clock and allows one new alert there.
    desk.advance(&o.id, later(41)).expect("advance");
    let next = desk.due_alerts(later(41 + 121)).expect("alerts");
    assert!(next
        .iter()
        .any(|a| a.order_id == o.id && a.stage_id == "call"));
}

/// A failure after the effect was written (here the ops row insert, made to fail by a
/// trigger) must leave no trace: no changed lines, no new version.
#[test]
fn a_transaction_failing_after_its_effect_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    let o = phone_order(&desk);
    drop(desk);
    let conn = rusqlite::Connection::open(dir.path().join("orderdesk.sqlite3")).expect("db");
    conn.execute_batch(
        "CREATE TRIGGER fail_ops BEFORE INSERT ON ops BEGIN SELECT RAISE(ABORT, 'boom'); END;",
    )
    .expect("trigger");
    drop(conn);
    let desk = open(&dir);
    let line = o.lines[0].id.clone();
    let err = desk
        .edit_lines(
            &o.id,
            vec![LineEdit::SetQuantity {
                line_id: line,
                quantity: 5000,
            }],
            later(1),
        )
        .expect_err("ops row fails");
    assert_eq!(err.code(), ErrorCode::Storage);
    let after = desk.order(&o.id).expect("order");
    assert_eq!(after.lines[0].quantity, 1000);
    assert_eq!(after.version, 1);
    assert_eq!(desk.versions(&o.id).expect("versions").len(), 1);
    assert_eq!(desk.history(&o.id).expect("history").len(), 1);
}

#[test]
fn alerts_go_to_the_people_responsible_and_wait_for_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    desk.set_user(User {
        id: "petr".into(),
        name: "Пётр".into(),
        role: Role::Picker,
    });
    let picker = desk.due_alerts(now()).expect("alerts");
    assert!(
        !picker.is_empty(),
        "overdue picking orders alert the picker"
    );
    assert!(
        picker.iter().all(|a| a.stage_id == "picking"),
        "a picker hears only of picking: {:?}",
        picker.iter().map(|a| &a.stage_id).collect::<Vec<_>>()
    );
    // The orders of other stages were not announced to anyone yet: the manager signing in on
    // this PC still gets them, the picking ones not twice.
    desk.set_user(User {
        id: "anna".into(),
        name: "Анна".into(),
        role: Role::Manager,
    });
    let manager = desk.due_alerts(now()).expect("alerts");
    assert!(!manager.is_empty());
    assert!(manager.iter().all(|a| a.stage_id != "picking"));
    assert!(manager
        .iter()
        .all(|a| a.responsible_roles.contains(&Role::Manager)));
}

#[test]
fn a_comment_at_its_maximum_is_kept_and_one_over_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    let o = phone_order(&desk);
    let longest = "ж".repeat(desk::COMMENT_MAX_CHARS);
    let saved = desk
        .set_comment(&o.id, Some(longest.clone()), later(1))
        .expect("a comment at the maximum");
    assert_eq!(saved.comment.as_deref(), Some(longest.as_str()));
    let err = desk
        .set_comment(&o.id, Some(format!("{longest}ж")), later(2))
        .expect_err("one character over");
    assert!(
        matches!(
            err,
            DeskError::Input(proto::InputProblem::TooLong {
                field: proto::InputField::Comment,
                max,
            }) if max as usize == desk::COMMENT_MAX_CHARS
        ),
        "{err:?}"
    );
    assert_eq!(
        desk.order(&o.id).expect("order").comment.as_deref(),
        Some(longest.as_str()),
        "the refused comment changed nothing"
    );
}
