//! Papers made on another PC of the shop reach this one with the hub's ops: printing an
//! invoice issued there is a reprint of that paper (its number and date), not a second
//! invoice; another paper's first print there is known here by its day.

use domain::{Actor, AnyOp, Op, Role};
use jiff::civil::date;
use uuid::Uuid;

use super::{now, seeded};
use crate::NewOp;

#[test]
fn an_invoice_issued_on_another_pc_is_reprinted_here_with_its_number_and_date() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let (a, b) = (seeded(&dir_a), seeded(&dir_b));
    a.set_invoice_prefix("А").expect("prefix А");
    b.set_invoice_prefix("Б").expect("prefix Б");
    let order = a.stage_orders("new").expect("orders")[0].id;
    let issue = || NewOp {
        id: Uuid::now_v7(),
        actor: Actor {
            id: "manager".into(),
            name: "Менеджер".into(),
            role: Role::Manager,
        },
        at: now(),
        op: Op::IssueInvoice {
            order_id: order,
            number: String::new(),
        },
    };
    let issued = a
        .issue_invoice(issue(), date(2025, 3, 3))
        .expect("issued on A");
    assert_eq!(issued.number, "А-2025-0001");

    // The hub hands A's op to B.
    let op = a
        .unsent_ops(100)
        .expect("unsent")
        .into_iter()
        .find(|op| matches!(op, AnyOp::Order(env) if matches!(env.op, Op::IssueInvoice { .. })))
        .expect("A's IssueInvoice op");
    b.apply_pulled(vec![(1, op)], vec![]).expect("pulled on B");

    let known = b
        .invoice(order)
        .expect("read")
        .expect("B knows A's invoice");
    assert_eq!(known.number, "А-2025-0001");
    assert_eq!(known.issued_at, now(), "dated by when A issued it");
    // B asked to issue one gets A's back and records nothing; its own counter is untouched.
    let again = b
        .issue_invoice(issue(), date(2025, 3, 9))
        .expect("reprint on B");
    assert_eq!(again.number, "А-2025-0001");
    let other = b.stage_orders("new").expect("orders")[1].id;
    let mut own = issue();
    own.op = Op::IssueInvoice {
        order_id: other,
        number: String::new(),
    };
    assert_eq!(
        b.issue_invoice(own, date(2025, 3, 9))
            .expect("B's own")
            .number,
        "Б-2025-0001"
    );
}

/// Another PC's print of a товарная накладная comes with the hub's ops: the day it was first
/// printed is known here, so a reprint here can carry that date.
#[test]
fn a_paper_printed_on_another_pc_is_known_here_by_when_it_was_first_printed() {
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let (a, b) = (seeded(&dir_a), seeded(&dir_b));
    let order = a.stage_orders("new").expect("orders")[0].id;
    let print = |document: &str, at| NewOp {
        id: Uuid::now_v7(),
        actor: Actor {
            id: "manager".into(),
            name: "Менеджер".into(),
            role: Role::Manager,
        },
        at,
        op: Op::PrintDocument {
            order_id: order,
            document: document.into(),
            copies: 1,
            printer: None,
            job: "request id is PDF-7".into(),
        },
    };
    let later = now() + jiff::SignedDuration::from_hours(24);
    a.record(print("delivery_note", now()))
        .expect("first print");
    a.record(print("delivery_note", later)).expect("reprint");
    a.record(print("pd4", later)).expect("pd4");
    assert_eq!(
        a.first_printed(order, "delivery_note").expect("read"),
        Some(now())
    );

    let ops: Vec<(i64, AnyOp)> = a
        .unsent_ops(100)
        .expect("unsent")
        .into_iter()
        .filter(|op| matches!(op, AnyOp::Order(env) if matches!(env.op, Op::PrintDocument { .. })))
        .zip(1..)
        .map(|(op, seq)| (seq, op))
        .collect();
    assert_eq!(ops.len(), 3);
    assert_eq!(b.first_printed(order, "delivery_note").expect("read"), None);
    b.apply_pulled(ops, vec![]).expect("pulled on B");
    assert_eq!(
        b.first_printed(order, "delivery_note").expect("read"),
        Some(now())
    );
    assert_eq!(b.first_printed(order, "pd4").expect("read"), Some(later));
    assert_eq!(
        b.first_printed(order, "transport_waybill").expect("read"),
        None
    );
}
