//! Issue 14, point 4: «Доставка и оплата» is the shop's. The administrator's tariffs and
//! methods, set on one desk, reach the other desks and the hub, and a phone order taken on
//! another desk is priced by them there and on the hub alike.

mod common;

use common::{new_order, now, Team};
use domain::{
    Actor, DeliveryMethod, DeliveryPayment, Kopecks, Offered, PaymentMethod, Role, ShopOp, Tariff,
    Tariffs,
};
use uuid::Uuid;

fn actor(id: &str, role: Role) -> Actor {
    Actor {
        id: id.into(),
        name: id.into(),
        role,
    }
}

#[tokio::test]
async fn the_tariffs_set_on_one_desk_price_orders_on_the_others_and_on_the_hub() {
    let team = Team::start("sync_delivery_payment").await;
    let olga = team.desk("olga", "admin").await;
    let anna = team.desk("anna", "manager").await;
    olga.settle().await;
    anna.settle().await;

    // Moscow by courier now costs 400 ₽ with no free threshold; no post, no card.
    let t = |method, zone: Option<&str>, rubles| Tariff {
        method,
        zone: zone.map(str::to_owned),
        cost: Kopecks::rubles(rubles),
        free_from: None,
    };
    let setting = DeliveryPayment {
        tariffs: Tariffs(vec![
            t(DeliveryMethod::Courier, Some("moscow"), 400),
            t(DeliveryMethod::Courier, None, 690),
            t(DeliveryMethod::Pickup, None, 0),
        ]),
        offered: Offered {
            delivery: vec![DeliveryMethod::Courier, DeliveryMethod::Pickup],
            payment: vec![PaymentMethod::CashOnDelivery, PaymentMethod::BankTransfer],
        },
    }
    .validated()
    .expect("a valid setting");
    olga.store()
        .record_shop_op(store::NewShopOp {
            id: Uuid::now_v7(),
            actor: actor("olga", Role::Admin),
            at: now(),
            op: ShopOp::SetDeliveryPayment {
                setting: setting.clone(),
            },
        })
        .expect("the admin sets delivery and payment");
    olga.settle().await;
    anna.settle().await;
    let shop = anna.store().shop().expect("anna's shop");
    assert_eq!(shop.tariffs, setting.tariffs, "anna's desk has the tariffs");
    assert_eq!(shop.offered, setting.offered);

    // Anna's phone order of 1 000 ₽ to Moscow: 400 ₽ of delivery on her desk, on the hub and
    // on Olga's desk (the template's 350 ₽, free from 5 000 ₽, before).
    let order_id = anna
        .record(new_order(1, 1_000))
        .expect("a phone order")
        .op
        .order_id();
    assert_eq!(
        anna.order(order_id).delivery_cost,
        Kopecks::rubles(400),
        "priced on anna's desk by the new tariff"
    );
    anna.settle().await;
    olga.settle().await;
    let hub = team.orders().await;
    let on_hub = hub.iter().find(|o| o.id == order_id).expect("on the hub");
    assert_eq!(on_hub.delivery_cost, Kopecks::rubles(400));
    assert_eq!(olga.order(order_id).delivery_cost, Kopecks::rubles(400));

    // A manager may not change them: refused on the desk before anything is written.
    let refused = anna.store().record_shop_op(store::NewShopOp {
        id: Uuid::now_v7(),
        actor: actor("anna", Role::Manager),
        at: now(),
        op: ShopOp::SetDeliveryPayment {
            setting: DeliveryPayment {
                tariffs: Tariffs::default_template(),
                offered: Offered::default(),
            },
        },
    });
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(anna.store().shop().expect("shop").tariffs, setting.tariffs);
    team.finish().await;
}
