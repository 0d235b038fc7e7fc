use jiff::SignedDuration;

use super::{RouteRule, Stage, StageKind, Workflow};
use crate::methods::{DeliveryMethod, PaymentMethod};

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

impl Workflow {
    /// The typical shop of the seeds: nine stages from "Поступил" to "Завершён", plus
    /// cancellation. Pickup skips both delivery stages; only prepaid non-cash orders wait for
    /// payment; only courier orders get the courier's call.
    pub fn default_template() -> Workflow {
        let any = RouteRule::ANY;
        let only_delivery = |methods: &[DeliveryMethod]| RouteRule {
            delivery: Some(methods.to_vec()),
            payment: None,
        };
        let prepaid = RouteRule {
            delivery: None,
            payment: Some(
                PaymentMethod::ALL
                    .iter()
                    .copied()
                    .filter(|p| p.is_prepaid_non_cash())
                    .collect(),
            ),
        };
        let courier = only_delivery(&[DeliveryMethod::Courier]);
        let post = only_delivery(&[DeliveryMethod::Post]);
        let normal = StageKind::Normal;
        Workflow::new(vec![
            stage(
                "new",
                "Поступил",
                10,
                normal,
                Some(30 * MINUTE),
                any.clone(),
            ),
            stage("call", "Отзвон", 20, normal, Some(2 * HOUR), any.clone()),
            stage(
                "picking",
                "Комплектация",
                30,
                normal,
                Some(4 * HOUR),
                any.clone(),
            ),
            stage(
                "courier_call",
                "Отзвон курьером",
                40,
                normal,
                Some(2 * HOUR),
                courier.clone(),
            ),
            stage(
                "awaiting_payment",
                "Ожидание оплаты",
                50,
                normal,
                Some(3 * DAY),
                prepaid,
            ),
            stage(
                "courier_delivery",
                "Курьерская доставка",
                60,
                normal,
                Some(DAY),
                courier,
            ),
            stage(
                "post_delivery",
                "Почтовая доставка",
                70,
                normal,
                Some(14 * DAY),
                post,
            ),
            stage(
                "cash_in",
                "Внесение денег в кассу",
                80,
                normal,
                Some(DAY),
                any.clone(),
            ),
            stage("done", "Завершён", 90, StageKind::Final, None, any.clone()),
            stage("cancelled", "Отменён", 100, StageKind::Cancelled, None, any),
        ])
    }
}

fn stage(
    id: &str,
    name: &str,
    position: i32,
    kind: StageKind,
    limit_secs: Option<i64>,
    route: RouteRule,
) -> Stage {
    Stage {
        id: id.to_owned(),
        name: name.to_owned(),
        position,
        kind,
        time_limit: limit_secs.map(SignedDuration::from_secs),
        clock_paused: false,
        route,
    }
}
