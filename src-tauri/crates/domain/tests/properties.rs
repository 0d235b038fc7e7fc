//! Invariants checked on random input; proptest prints a failing seed and shrinks the case.

use domain::{
    DeliveryMethod, Discount, Kopecks, Line, OpError, OrderState, PaymentMethod, Quantity,
    Responsible, Role, RouteRule, Stage, StageGuards, StageKind, StagePosition, Totals, Transition,
    VatRate, Workflow, FULL_PERCENT,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn delivery() -> impl Strategy<Value = DeliveryMethod> {
    proptest::sample::select(DeliveryMethod::ALL)
}

fn payment() -> impl Strategy<Value = PaymentMethod> {
    proptest::sample::select(PaymentMethod::ALL)
}

fn rule() -> impl Strategy<Value = RouteRule> {
    (
        proptest::option::of(proptest::sample::subsequence(
            DeliveryMethod::ALL.to_vec(),
            0..=4,
        )),
        proptest::option::of(proptest::sample::subsequence(
            PaymentMethod::ALL.to_vec(),
            0..=5,
        )),
    )
        .prop_map(|(delivery, payment)| RouteRule { delivery, payment })
}

/// A shop's own workflow: a few normal stages with random route rules, a final stage every
/// order reaches, and a cancellation stage.
fn workflow() -> impl Strategy<Value = Workflow> {
    proptest::collection::vec((rule(), any::<bool>()), 1..12).prop_map(|normals| {
        let mut stages: Vec<Stage> = normals
            .into_iter()
            .enumerate()
            .map(|(i, (route, cancelled))| Stage {
                id: format!("s{i}"),
                name: format!("Стадия {i}"),
                position: i32::try_from(i).unwrap_or(i32::MAX),
                kind: if cancelled && i % 3 == 0 {
                    StageKind::Cancelled
                } else {
                    StageKind::Normal
                },
                time_limit: None,
                clock_paused: false,
                route,
                responsible: Responsible::default(),
                guards: StageGuards::NONE,
            })
            .collect();
        stages.push(Stage {
            id: "done".into(),
            name: "Завершён".into(),
            position: 1000,
            kind: StageKind::Final,
            time_limit: None,
            clock_paused: false,
            route: RouteRule::ANY,
            responsible: Responsible::default(),
            guards: StageGuards::NONE,
        });
        Workflow::new(stages)
    })
}

fn discount() -> impl Strategy<Value = Discount> {
    prop_oneof![
        Just(Discount::None),
        (0..=FULL_PERCENT).prop_map(Discount::Percent),
        (0i64..20_000_000).prop_map(|a| Discount::Amount(Kopecks(a))),
    ]
}

fn line() -> impl Strategy<Value = Line> {
    (
        0i64..1_000_000,
        0i64..100_000_000,
        proptest::sample::select(VatRate::ALL),
        discount(),
    )
        .prop_map(|(q, p, vat, discount)| Line {
            id: uuid::Uuid::nil(),
            product_id: None,
            sku: "SKU".into(),
            name: "Товар".into(),
            unit: "шт".into(),
            quantity: Quantity(q),
            price: Kopecks(p),
            vat,
            discount,
        })
}

fn role() -> impl Strategy<Value = Role> {
    proptest::sample::select(Role::ALL)
}

fn order_in(stage: &str, delivery: DeliveryMethod, payment: PaymentMethod) -> OrderState {
    OrderState {
        position: StagePosition {
            stage_id: stage.to_owned(),
            entered_at: jiff::Timestamp::UNIX_EPOCH,
            deadline: None,
        },
        delivery,
        payment,
    }
}

proptest! {
    // Failing cases are saved beside this file (not wherever the working directory is), to be
    // replayed on every run until they become named tests.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/properties.proptest-regressions"),
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn route_never_enters_a_stage_that_excludes_the_order(
        wf in workflow(), d in delivery(), p in payment()
    ) {
        let route = wf.route(d, p);
        for stage in &route {
            prop_assert!(stage.route.admits(d, p), "{} excludes {d:?}/{p:?}", stage.id);
            prop_assert_ne!(stage.kind, StageKind::Cancelled);
        }
        prop_assert_eq!(route.last().map(|s| s.kind), Some(StageKind::Final));
    }

    #[test]
    fn default_route_admits_every_stage_it_enters(d in delivery(), p in payment()) {
        let wf = Workflow::default_template();
        let mut current = "new".to_string();
        while let Some(next) = wf.next_stage(&current, d, p) {
            prop_assert!(next.route.admits(d, p));
            current = next.id.clone();
        }
        prop_assert_eq!(current, "done");
    }

    #[test]
    fn totals_are_lines_minus_discounts_plus_delivery_and_never_negative(
        lines in proptest::collection::vec(line(), 0..6),
        order_discount in discount(),
        delivery_cost in -10_000_000i64..10_000_000,
        delivery_vat in proptest::sample::select(VatRate::ALL),
    ) {
        let t = Totals::compute(&lines, order_discount, Kopecks(delivery_cost), delivery_vat)
            .expect("these ranges cannot overflow");
        let gross: i64 = lines.iter().map(|l| l.amount().expect("in range").0).sum();
        prop_assert_eq!(t.subtotal.0, gross);
        prop_assert!(t.total >= Kopecks::ZERO);
        prop_assert!(t.discount >= Kopecks::ZERO && t.discount <= t.subtotal);
        prop_assert_eq!(t.discount.0, t.line_discounts.0 + t.order_discount.0);
        prop_assert_eq!(t.total.0, t.subtotal.0 - t.discount.0 + t.delivery_cost.0);
        // No kopeck lost: the priced lines plus delivery are the total, line by line.
        let lines_sum: i64 = t.lines.iter().map(|l| l.amount.0).sum();
        prop_assert_eq!(lines_sum + t.delivery_cost.0, t.total.0);
        for l in &t.lines {
            prop_assert!(l.amount >= Kopecks::ZERO);
            prop_assert_eq!(l.amount.0, l.gross.0 - l.line_discount.0 - l.order_discount.0);
        }
    }

    #[test]
    fn vat_sums_are_exact_per_rate(
        lines in proptest::collection::vec(line(), 0..8),
        order_discount in discount(),
        delivery_cost in 0i64..10_000_000,
        delivery_vat in proptest::sample::select(VatRate::ALL),
    ) {
        let t = Totals::compute(&lines, order_discount, Kopecks(delivery_cost), delivery_vat)
            .expect("these ranges cannot overflow");
        let mut bases = 0i64;
        for sum in &t.vat {
            let mut base: i64 = 0;
            let mut vat: i64 = 0;
            for l in t.lines.iter().filter(|l| l.vat_rate == sum.rate) {
                let rate = l.vat_rate.percent().unwrap_or(0);
                // Per line: round(amount × rate / (100 + rate)), half away from zero.
                let exact = (i128::from(l.amount.0) * i128::from(rate) * 2
                    + i128::from(100 + rate))
                    / (2 * i128::from(100 + rate));
                prop_assert_eq!(i128::from(l.vat.0), if rate == 0 { 0 } else { exact });
                base += l.amount.0;
                vat += l.vat.0;
            }
            if sum.rate == delivery_vat {
                base += t.delivery_cost.0;
                vat += delivery_vat.included_in(t.delivery_cost).0;
            }
            prop_assert_eq!(sum.base.0, base);
            prop_assert_eq!(sum.vat.0, vat);
            prop_assert!(sum.vat <= sum.base);
            bases += base;
        }
        prop_assert_eq!(bases, t.total.0);
    }

    #[test]
    fn moving_never_enters_a_stage_that_excludes_the_order(
        wf in workflow(), d in delivery(), p in payment(), r in role(),
        from in 0usize..12, to in 0usize..13,
    ) {
        let stages = wf.stages();
        let from = &stages[from % stages.len()].id;
        let to = &stages[to % stages.len()].id;
        let order = order_in(from, d, p);
        if let Ok(target) = wf.move_target(&order, to) {
            prop_assert!(target.route.admits(d, p), "{} excludes {d:?}/{p:?}", target.id);
            prop_assert_ne!(target.kind, StageKind::Cancelled);
        }
        for target in wf.allowed_moves(&order, r) {
            prop_assert!(
                target.kind == StageKind::Cancelled || target.route.admits(d, p),
                "{} offered but excludes {d:?}/{p:?}", target.id
            );
        }
    }

    #[test]
    fn a_transition_not_allowed_for_a_role_is_refused(
        wf in workflow(), r in role(), from in 0usize..12, to in 0usize..13,
    ) {
        // Only pickers may move, and only out of the first stage.
        let first = wf.stages()[0].id.clone();
        let wf = wf.with_transitions(vec![Transition {
            role: Role::Picker,
            from: Some(first.clone()),
            to: None,
        }]);
        let stages = wf.stages();
        let from = stages[from % stages.len()].id.clone();
        let to = stages[to % stages.len()].id.clone();
        let allowed = wf.may_move(r, &from, &to);
        prop_assert_eq!(allowed, r == Role::Admin || (r == Role::Picker && from == first));
        let refused = wf.check_move(r, &from, &to);
        if allowed {
            prop_assert!(refused.is_ok());
        } else {
            prop_assert!(
                matches!(refused, Err(OpError::RoleForbidden { .. })),
                "expected RoleForbidden, got {refused:?}"
            );
        }
    }
}
