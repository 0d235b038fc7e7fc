//! «Доставка и оплата» holds for orders taken at the desk: a method the shop does not offer is
//! refused when the order is made or its delivery changed to it. A channel's order keeps what
//! the channel says, and an order keeps its own method when other details of its delivery
//! change.

use super::{draft, id, now};
use crate::{ChannelTerms, DeliveryChange, DeliveryMethod, Op, OpError, PaymentMethod, Role, Shop};

/// The template shop that stopped offering post and bank transfer.
fn shop() -> Shop {
    let mut shop = Shop::default_template();
    shop.offered.delivery.retain(|m| *m != DeliveryMethod::Post);
    shop.offered
        .payment
        .retain(|m| *m != PaymentMethod::BankTransfer);
    shop
}

fn create(delivery: DeliveryMethod, payment: PaymentMethod) -> Result<crate::Order, OpError> {
    let mut order = draft();
    order.delivery = delivery;
    order.delivery_zone = None;
    order.payment = payment;
    Op::CreateOrder {
        order: Box::new(order),
        channel: None,
    }
    .apply(&shop(), Role::Manager, None, now())
}

fn change(method: DeliveryMethod, address: &str) -> Op {
    Op::ChangeDelivery {
        order_id: id(),
        change: DeliveryChange {
            method,
            zone: None,
            address: address.into(),
            window: None,
        },
    }
}

#[test]
fn a_desk_order_is_taken_only_the_ways_the_shop_offers() {
    assert_eq!(
        create(DeliveryMethod::Post, PaymentMethod::CashOnDelivery).map(|o| o.delivery),
        Err(OpError::DeliveryNotOffered(DeliveryMethod::Post))
    );
    assert_eq!(
        create(DeliveryMethod::Courier, PaymentMethod::BankTransfer).map(|o| o.payment),
        Err(OpError::PaymentNotOffered(PaymentMethod::BankTransfer))
    );
    let taken = create(DeliveryMethod::Courier, PaymentMethod::CashOnDelivery).expect("offered");
    assert_eq!(
        change(DeliveryMethod::Post, "Тверь")
            .apply(&shop(), Role::Manager, Some(&taken), now())
            .map(|o| o.delivery),
        Err(OpError::DeliveryNotOffered(DeliveryMethod::Post))
    );
}

#[test]
fn a_channels_order_keeps_its_method_and_its_address_may_still_change() {
    let mut order = draft();
    order.delivery = DeliveryMethod::Post;
    order.delivery_zone = None;
    order.payment = PaymentMethod::BankTransfer;
    let terms = ChannelTerms {
        placed_at: now(),
        stage: None,
        confirmed: true,
        payments: vec![],
        number: None,
    };
    let made = Op::CreateOrder {
        order: Box::new(order),
        channel: Some(Box::new(terms)),
    }
    .apply(&shop(), Role::Admin, None, now())
    .expect("the channel's way is kept");
    assert_eq!(made.delivery, DeliveryMethod::Post);
    let moved = change(DeliveryMethod::Post, "Тверь, ул. Новая, 2")
        .apply(&shop(), Role::Manager, Some(&made), now())
        .expect("its own method, a new address");
    assert_eq!(moved.address, "Тверь, ул. Новая, 2");
}
