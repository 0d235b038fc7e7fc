//! Invariants checked on random input; proptest prints a failing seed and shrinks the case.

use domain::{
    DeliveryMethod, Kopecks, Line, PaymentMethod, Quantity, RouteRule, Stage, StageKind, Totals,
    Workflow,
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
        });
        Workflow::new(stages)
    })
}

fn line() -> impl Strategy<Value = Line> {
    (0i64..1_000_000, 0i64..100_000_000).prop_map(|(q, p)| Line {
        product_id: None,
        sku: "SKU".into(),
        name: "Товар".into(),
        unit: "шт".into(),
        quantity: Quantity(q),
        price: Kopecks(p),
    })
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
    fn totals_are_never_negative(
        lines in proptest::collection::vec(line(), 0..6),
        discount in any::<i64>(),
        delivery_cost in -10_000_000i64..10_000_000,
    ) {
        let t = Totals::compute(&lines, Kopecks(discount), Kopecks(delivery_cost))
            .expect("these ranges cannot overflow");
        prop_assert!(t.total >= Kopecks::ZERO);
        prop_assert!(t.discount >= Kopecks::ZERO && t.discount <= t.subtotal);
        prop_assert_eq!(t.total.0, t.subtotal.0 - t.discount.0 + t.delivery_cost.0);
    }
}
