use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

use super::{Responsible, RouteRule, Stage, StageGuards, StageKind, Transition, Workflow};
use crate::methods::{DeliveryMethod, PaymentMethod, Role};

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
        let prepaid = prepaid_non_cash();
        let courier = only_delivery(&[DeliveryMethod::Courier]);
        let post = only_delivery(&[DeliveryMethod::Post]);
        let normal = StageKind::Normal;
        let mut stages = opening_stages();
        stages.extend([
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
        ]);
        let stages = stages
            .into_iter()
            .map(|mut s| {
                s.responsible = Responsible {
                    roles: responsible_roles(&s.id),
                    users: Vec::new(),
                };
                s
            })
            .collect();
        Workflow::new(stages).with_transitions(default_transitions())
    }
}

impl Workflow {
    /// The marketplace flow of seed 003: the marketplace's order is confirmed, picked at the
    /// warehouse, sent to the shop's store, received there and handed over to the customer.
    /// Marketplace logistics pays and delivers, so no payment or courier stages.
    pub fn marketplace_template() -> Workflow {
        let any = RouteRule::ANY;
        let normal = StageKind::Normal;
        let stages = vec![
            stage(
                "mp_confirmed",
                "Подтверждён",
                10,
                normal,
                Some(2 * HOUR),
                any.clone(),
            ),
            stage("mp_picking", "Сборка", 20, normal, Some(DAY), any.clone()),
            stage(
                "mp_sent",
                "Отправлен в магазин",
                30,
                normal,
                Some(DAY),
                any.clone(),
            ),
            stage(
                "mp_received",
                "Поступил в магазин",
                40,
                normal,
                Some(2 * DAY),
                any.clone(),
            ),
            stage(
                "mp_handed",
                "Передан клиенту",
                50,
                normal,
                Some(DAY),
                any.clone(),
            ),
            stage(
                "mp_done",
                "Выполнен",
                60,
                StageKind::Final,
                None,
                any.clone(),
            ),
            stage(
                "mp_cancelled",
                "Отменён",
                70,
                StageKind::Cancelled,
                None,
                any,
            ),
        ];
        managers_and_pickers(stages, &["mp_picking", "mp_sent"])
    }
}

impl Workflow {
    /// A shop whose customers collect their orders at its counter: taken, called back,
    /// picked, paid in advance when the payment is non-cash, kept ready for collection
    /// (three days, as pickup points keep parcels) and handed over. The stage ids are the
    /// courier template's where the stage means the same, so channel status maps made for
    /// one fit the other.
    pub fn pickup_template() -> Workflow {
        let any = RouteRule::ANY;
        let prepaid = prepaid_non_cash();
        let normal = StageKind::Normal;
        let mut stages = opening_stages();
        stages.extend([
            stage(
                "awaiting_payment",
                "Ожидание оплаты",
                40,
                normal,
                Some(3 * DAY),
                prepaid,
            ),
            stage(
                "ready",
                "Готов к выдаче",
                50,
                normal,
                Some(3 * DAY),
                any.clone(),
            ),
            stage("done", "Выдан", 60, StageKind::Final, None, any.clone()),
            stage("cancelled", "Отменён", 70, StageKind::Cancelled, None, any),
        ]);
        managers_and_pickers(stages, &["picking"])
    }
}

/// The workflows a new shop may start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowTemplate {
    /// The seed courier shop: nine stages, courier, post and pickup.
    Courier,
    /// Orders of a marketplace that delivers them itself.
    Marketplace,
    /// Collected at the shop's counter only.
    Pickup,
}

impl WorkflowTemplate {
    pub const ALL: [WorkflowTemplate; 3] = [
        WorkflowTemplate::Courier,
        WorkflowTemplate::Marketplace,
        WorkflowTemplate::Pickup,
    ];

    pub fn workflow(self) -> Workflow {
        match self {
            WorkflowTemplate::Courier => Workflow::default_template(),
            WorkflowTemplate::Marketplace => Workflow::marketplace_template(),
            WorkflowTemplate::Pickup => Workflow::pickup_template(),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            WorkflowTemplate::Courier => "courier",
            WorkflowTemplate::Marketplace => "marketplace",
            WorkflowTemplate::Pickup => "pickup",
        }
    }

    pub fn parse(text: &str) -> Option<WorkflowTemplate> {
        WorkflowTemplate::ALL
            .into_iter()
            .find(|t| t.as_str() == text)
    }
}

/// Managers take and confirm orders and watch the money, pickers pick, dispatchers deliver.
fn responsible_roles(stage_id: &str) -> Vec<Role> {
    match stage_id {
        "new" | "call" | "awaiting_payment" | "cash_in" => vec![Role::Manager],
        "picking" => vec![Role::Picker],
        "courier_call" | "courier_delivery" | "post_delivery" => vec![Role::Dispatcher],
        _ => Vec::new(),
    }
}

/// A manager may move an order anywhere on its route and cancel it; a picker only sends it
/// on from picking; a dispatcher only from the delivery stages.
fn default_transitions() -> Vec<Transition> {
    transitions(&[
        (Role::Picker, &["picking"]),
        (
            Role::Dispatcher,
            &["courier_call", "courier_delivery", "post_delivery"],
        ),
    ])
}

/// The manager may move an order anywhere; each other role only sends it on from its own
/// stages.
fn transitions(limited: &[(Role, &[&str])]) -> Vec<Transition> {
    let anywhere = Transition {
        role: Role::Manager,
        from: None,
        to: None,
    };
    let from_own = limited.iter().flat_map(|&(role, stages)| {
        stages.iter().map(move |stage| Transition {
            role,
            from: Some((*stage).to_owned()),
            to: None,
        })
    });
    std::iter::once(anywhere).chain(from_own).collect()
}

/// The small shops' split (marketplace, pickup): pickers own the `picking` stages and may
/// send an order on from them; managers own every other working stage and the rest.
fn managers_and_pickers(stages: Vec<Stage>, picking: &[&str]) -> Workflow {
    let stages = stages
        .into_iter()
        .map(|mut s| {
            if s.kind == StageKind::Normal {
                let role = if picking.contains(&s.id.as_str()) {
                    Role::Picker
                } else {
                    Role::Manager
                };
                s.responsible.roles = vec![role];
            }
            s
        })
        .collect();
    Workflow::new(stages).with_transitions(transitions(&[(Role::Picker, picking)]))
}

/// The stages every template with our own picking opens with (courier, pickup): the same
/// ids, so a channel's status map made for one fits the other.
fn opening_stages() -> Vec<Stage> {
    let (any, normal) = (RouteRule::ANY, StageKind::Normal);
    vec![
        stage(
            "new",
            "Поступил",
            10,
            normal,
            Some(30 * MINUTE),
            any.clone(),
        ),
        stage("call", "Отзвон", 20, normal, Some(2 * HOUR), any.clone()),
        stage("picking", "Комплектация", 30, normal, Some(4 * HOUR), any),
    ]
}

/// Orders paid in advance by a non-cash method: only they wait for the payment.
fn prepaid_non_cash() -> RouteRule {
    RouteRule {
        delivery: None,
        payment: Some(
            PaymentMethod::ALL
                .iter()
                .copied()
                .filter(|p| p.is_prepaid_non_cash())
                .collect(),
        ),
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
        responsible: Responsible::default(),
        guards: StageGuards::seed(id),
    }
}
