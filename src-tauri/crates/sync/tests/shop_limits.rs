//! Issue 15, point 6: the bounds of a line are the shop's, not one PC's. They were kept on the
//! desk that set them while the hub judged every op with the defaults, so a desk with other
//! bounds skipped ops the hub had taken (or took what the others refused). Now they are a
//! shop op: set on one desk, they hold on the others and on the hub.

mod common;

use common::{new_order, now, Team};
use domain::{Actor, InputLimits, Kopecks, Quantity, Role, ShopOp};
use uuid::Uuid;

#[tokio::test]
async fn the_bounds_set_on_one_desk_hold_on_the_others_and_on_the_hub() {
    let team = Team::start("sync_limits").await;
    let olga = team.desk("olga", "admin").await;
    let anna = team.desk("anna", "manager").await;
    olga.settle().await;
    anna.settle().await;

    // The administrator allows at most 1 000 ₽ a line.
    let limits = InputLimits {
        max_quantity: Quantity::units(10),
        max_line_amount: Kopecks::rubles(1_000),
    };
    olga.store()
        .record_shop_op(store::NewShopOp {
            id: Uuid::now_v7(),
            actor: Actor {
                id: "olga".into(),
                name: "Ольга".into(),
                role: Role::Admin,
            },
            at: now(),
            op: ShopOp::SetInputLimits { limits },
        })
        .expect("the admin sets the bounds");
    assert_eq!(olga.store().shop().expect("shop").limits, limits);
    olga.settle().await;

    // Anna has not heard of them yet: her desk takes a 5 000 ₽ line under the old bounds.
    let taken = anna
        .record(new_order(7, 5_000))
        .expect("taken under the bounds this desk knows");
    let order_id = taken.op.order_id();
    anna.settle().await;
    // The hub judged it with the shop's bounds and refused it; Anna's desk has them now.
    assert_eq!(anna.store().shop().expect("shop").limits, limits);
    assert!(
        team.orders().await.iter().all(|o| o.id != order_id),
        "the hub refused the line above the bound"
    );
    assert!(
        anna.store().order(order_id).is_err(),
        "the refused order is gone from Anna's desk too"
    );
    // A line within them goes through everywhere.
    let within = anna
        .record(new_order(8, 900))
        .expect("within the bounds")
        .op
        .order_id();
    anna.settle().await;
    olga.settle().await;
    assert_eq!(olga.order(within).lines.len(), 1);
    // And a manager may not set them: refused on the desk before anything is written.
    let refused = anna.store().record_shop_op(store::NewShopOp {
        id: Uuid::now_v7(),
        actor: Actor {
            id: "anna".into(),
            name: "Анна".into(),
            role: Role::Manager,
        },
        at: now(),
        op: ShopOp::SetInputLimits {
            limits: InputLimits::DEFAULT,
        },
    });
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(anna.store().shop().expect("shop").limits, limits);
}
