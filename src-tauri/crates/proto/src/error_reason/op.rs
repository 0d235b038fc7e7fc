//! The domain's refusals of an order's op and of a stages edit, as data: stage names are
//! the shop's own (the desk looks them up), everything else is worded here.

use serde::{Deserialize, Serialize};

use super::{pick, role_name};
use crate::display::rules::RuleRefusal;
use crate::display::{self, Lang};
use crate::{BuyerField, BuyerProblem, DeliveryMethod, Kopecks, PaymentMethod, Role};

/// Why the domain refused an order's op; `stage`, `from` and `to` are the stages' names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpRefusal {
    AlreadyClosed {
        stage: String,
    },
    /// The order moved meanwhile; `stage` is where it is now.
    StaleStage {
        stage: String,
    },
    NotNextOnRoute {
        from: String,
        to: String,
    },
    EndOfRoute {
        stage: String,
    },
    /// A stage the workflow no longer has: `stage` is its code.
    UnknownStage {
        stage: String,
    },
    OffRoute {
        stage: String,
    },
    RoleForbidden {
        role: Role,
        from: String,
        to: String,
    },
    ActionForbidden {
        role: Role,
    },
    OrderExists,
    OrderMissing,
    OrderClosed {
        stage: String,
    },
    UnknownLine,
    DuplicateId,
    InvalidQuantity,
    NegativePrice,
    Discount,
    NoTariff {
        method: DeliveryMethod,
        zone: Option<String>,
    },
    StageExcludesMethod {
        stage: String,
        method: DeliveryMethod,
    },
    /// Not among the methods «Доставка и оплата» offers for an order taken at the desk.
    DeliveryNotOffered {
        method: DeliveryMethod,
    },
    PaymentNotOffered {
        method: PaymentMethod,
    },
    BadWindow,
    NonPositivePayment,
    UnknownPayment,
    PaymentVoided,
    NoReason,
    RefundOverPaid {
        paid: Kopecks,
    },
    Unchanged,
    CallEndsBeforeStart,
    UnknownVersion {
        version: i64,
        latest: i64,
    },
    StaleVersion {
        version: i64,
        latest: i64,
    },
    NoLines,
    NoInvoiceNumber,
    NoCopies,
    Money,
    /// A company buyer's field the card did not catch first.
    Buyer {
        field: BuyerField,
        problem: BuyerProblem,
    },
    /// A stage guard or an input check (also in the error's `rule`, placed by its field).
    Rule {
        rule: RuleRefusal,
    },
}

impl OpRefusal {
    pub fn wording(&self, lang: Lang) -> String {
        use OpRefusal as O;
        let ru = lang == Lang::Ru;
        let pick2 = |r: String, e: String| if ru { r } else { e };
        let text = |r: &str, e: &str| if ru { r } else { e }.to_owned();
        match self {
            O::AlreadyClosed { stage } => pick2(
                format!("Заказ на этапе «{stage}» — следующего этапа нет."),
                format!("The order is at stage «{stage}»: no stage follows it."),
            ),
            O::StaleStage { stage } => pick2(
                format!("Заказ уже перешёл на этап «{stage}» — обновите список."),
                format!("The order has already moved to stage «{stage}»: reload the list."),
            ),
            O::NotNextOnRoute { from, to } => pick2(
                format!("С этапа «{from}» заказ не может перейти на этап «{to}»."),
                format!("The order cannot move from stage «{from}» to stage «{to}»."),
            ),
            O::EndOfRoute { stage } => pick2(
                format!(
                    "После этапа «{stage}» для этого способа доставки и оплаты нет следующего \
                     этапа — проверьте настройку этапов."
                ),
                format!(
                    "No stage follows «{stage}» for this delivery and payment method: check the \
                     stages' settings."
                ),
            ),
            O::UnknownStage { stage } => pick2(
                format!("Этапа «{stage}» больше нет в настройках магазина."),
                format!("Stage «{stage}» is no longer in the shop's settings."),
            ),
            O::OffRoute { stage } => pick2(
                format!(
                    "Этап «{stage}» не предусмотрен для способа доставки и оплаты этого заказа."
                ),
                format!(
                    "Stage «{stage}» is not on the route of this order's delivery and payment \
                     method."
                ),
            ),
            O::RoleForbidden { role, from, to } => pick2(
                format!(
                    "Роль «{}» не может переводить заказ с этапа «{from}» на этап «{to}».",
                    role_name(lang, *role)
                ),
                format!(
                    "The role «{}» may not move the order from stage «{from}» to stage «{to}».",
                    role_name(lang, *role)
                ),
            ),
            O::ActionForbidden { role } => pick2(
                format!(
                    "Роль «{}» не может выполнять это действие.",
                    role_name(lang, *role)
                ),
                format!("The role «{}» may not do this.", role_name(lang, *role)),
            ),
            O::OrderExists => text("Такой заказ уже есть.", "This order already exists."),
            O::OrderMissing => text(
                "Заказ не найден — возможно, он удалён.",
                "Order not found: it may have been deleted.",
            ),
            O::OrderClosed { stage } => pick2(
                format!("Заказ на этапе «{stage}» — изменить его уже нельзя."),
                format!("The order is at stage «{stage}»: it can no longer be changed."),
            ),
            O::UnknownLine => text(
                "Этой позиции уже нет в заказе — обновите заказ.",
                "This line is no longer in the order: reload the order.",
            ),
            O::DuplicateId => text(
                "Это действие уже записано.",
                "This action is already recorded.",
            ),
            O::InvalidQuantity => text(
                "Количество должно быть больше нуля.",
                "The quantity must be above zero.",
            ),
            O::NegativePrice => text(
                "Цена не может быть отрицательной.",
                "A price cannot be negative.",
            ),
            O::Discount => text(
                "Скидка должна быть от 0 до 100 % или неотрицательной суммой.",
                "A discount must be 0 to 100 % or an amount not below zero.",
            ),
            O::NoTariff { method, zone } => pick2(
                format!(
                    "Для способа доставки «{}»{} нет тарифа — добавьте его в настройках.",
                    delivery_name(Lang::Ru, *method),
                    zone.as_deref()
                        .map_or_else(String::new, |z| format!(" в зоне «{z}»"))
                ),
                format!(
                    "There is no tariff for the delivery method «{}»{}: add one in the \
                     settings.",
                    delivery_name(Lang::En, *method),
                    zone.as_deref()
                        .map_or_else(String::new, |z| format!(" in zone «{z}»"))
                ),
            ),
            O::DeliveryNotOffered { method } => pick2(
                format!(
                    "Магазин не предлагает доставку «{}» — включите её в «Настройки → \
                     Доставка и оплата» или выберите другую.",
                    delivery_name(Lang::Ru, *method)
                ),
                format!(
                    "The shop does not offer «{}» delivery: turn it on in «Settings → \
                     Delivery and payment» or choose another.",
                    delivery_name(Lang::En, *method)
                ),
            ),
            O::PaymentNotOffered { method } => pick2(
                format!(
                    "Магазин не принимает оплату «{}» — включите её в «Настройки → \
                     Доставка и оплата» или выберите другую.",
                    payment_name(Lang::Ru, *method)
                ),
                format!(
                    "The shop does not take payment «{}»: turn it on in «Settings → \
                     Delivery and payment» or choose another.",
                    payment_name(Lang::En, *method)
                ),
            ),
            O::StageExcludesMethod { stage, method } => pick2(
                format!(
                    "На этапе «{stage}» способ доставки «{}» не предусмотрен — сначала \
                     переведите заказ.",
                    delivery_name(Lang::Ru, *method)
                ),
                format!(
                    "Stage «{stage}» does not serve the delivery method «{}»: move the order \
                     first.",
                    delivery_name(Lang::En, *method)
                ),
            ),
            O::BadWindow => text(
                "Интервал доставки должен заканчиваться позже начала.",
                "A delivery window must end after it starts.",
            ),
            O::NonPositivePayment => text(
                "Сумма оплаты должна быть больше нуля.",
                "A payment must be above zero.",
            ),
            O::UnknownPayment => text(
                "Этой оплаты нет в заказе — обновите заказ.",
                "This payment is not in the order — reload the order.",
            ),
            O::PaymentVoided => text(
                "Эта оплата уже аннулирована.",
                "This payment is already voided.",
            ),
            O::NoReason => text(
                "Укажите причину: она останется в истории заказа.",
                "Give a reason: it stays in the order's history.",
            ),
            O::RefundOverPaid { paid } => pick2(
                format!(
                    "Вернуть можно не больше, чем оплачено: {}.",
                    display::money(*paid)
                ),
                format!(
                    "A refund cannot exceed what is paid: {}.",
                    display::money(*paid)
                ),
            ),
            O::Unchanged => text(
                "Ничего не изменилось: в заказе уже так.",
                "Nothing changed: the order already has this.",
            ),
            O::CallEndsBeforeStart => text(
                "Звонок не может закончиться раньше начала.",
                "A call cannot end before it starts.",
            ),
            O::UnknownVersion { version, latest } => pick2(
                format!("Версии {version} нет: последняя — {latest}."),
                format!("There is no version {version}: the latest is {latest}."),
            ),
            O::StaleVersion { version, latest } => pick2(
                format!(
                    "Версия {version} устарела: последняя — {latest}. Подтвердите последнюю \
                     версию."
                ),
                format!(
                    "Version {version} is out of date: the latest is {latest}. Confirm the \
                     latest version."
                ),
            ),
            O::NoLines => text(
                "В заказе должна быть хотя бы одна позиция.",
                "An order needs at least one line.",
            ),
            O::NoInvoiceNumber => text("Счёту не присвоен номер.", "The invoice has no number."),
            O::NoCopies => text(
                "Число копий должно быть больше нуля.",
                "The number of copies must be above zero.",
            ),
            O::Money => text(
                "Сумма заказа слишком велика.",
                "The order's total is too large.",
            ),
            O::Buyer { field, problem } => pick2(
                format!(
                    "Реквизиты покупателя не сохранены: {}.",
                    buyer_problem(Lang::Ru, *field, *problem)
                ),
                format!(
                    "The buyer's requisites were not saved: {}.",
                    buyer_problem(Lang::En, *field, *problem)
                ),
            ),
            O::Rule { rule } => rule.wording(lang),
        }
    }
}

/// A delivery method inside a sentence («курьер», «courier»).
fn delivery_name(lang: Lang, method: DeliveryMethod) -> &'static str {
    let (ru, en) = match method {
        DeliveryMethod::Courier => ("курьер", "courier"),
        DeliveryMethod::Post => ("почта", "post"),
        DeliveryMethod::Pickup => ("самовывоз", "pickup"),
        DeliveryMethod::MarketplaceLogistics => ("логистика маркетплейса", "marketplace logistics"),
    };
    pick(lang, ru, en)
}

/// A payment method inside a sentence («наличные курьеру», «cash to the courier»).
fn payment_name(lang: Lang, method: PaymentMethod) -> &'static str {
    let (ru, en) = match method {
        PaymentMethod::CashOnDelivery => ("наличные курьеру", "cash to the courier"),
        PaymentMethod::CardOnDelivery => ("карта курьеру", "card to the courier"),
        PaymentMethod::BankTransfer => ("безналичный расчёт", "bank transfer"),
        PaymentMethod::Online => ("онлайн", "online"),
        PaymentMethod::Marketplace => ("через маркетплейс", "through the marketplace"),
    };
    pick(lang, ru, en)
}

/// «ИНН: неверное контрольное число», for a refusal the card did not catch first (an op
/// from another desk judged here, or one made by a script).
pub fn buyer_problem(lang: Lang, field: BuyerField, problem: BuyerProblem) -> String {
    let field = match field {
        BuyerField::Name => ("Наименование", "Name"),
        BuyerField::Inn => ("ИНН", "INN"),
        BuyerField::Kpp => ("КПП", "KPP"),
        BuyerField::Address => ("Юридический адрес", "Legal address"),
        BuyerField::BankName => ("Банк", "Bank"),
        BuyerField::Bic => ("БИК", "BIC"),
        BuyerField::SettlementAccount => ("Расчётный счёт", "Settlement account"),
        BuyerField::CorrAccount => ("Корр. счёт", "Corr. account"),
    };
    let problem = match problem {
        BuyerProblem::Missing => ("не заполнено", "not filled in"),
        BuyerProblem::Shape => ("неверная длина или символы", "wrong length or characters"),
        BuyerProblem::CheckDigit => (
            "неверное контрольное число — проверьте, не опечатка ли",
            "the check digit is wrong; look for a typo",
        ),
        BuyerProblem::AccountKey => (
            "счёт не сходится с БИК (контрольный ключ)",
            "the account does not match the BIC (control key)",
        ),
        BuyerProblem::TooLong => ("слишком длинное", "too long"),
        BuyerProblem::NotForSoleTrader => (
            "у индивидуального предпринимателя КПП нет",
            "a sole trader has no KPP",
        ),
    };
    format!(
        "{}: {}",
        pick(lang, field.0, field.1),
        pick(lang, problem.0, problem.1)
    )
}

/// Why the stages editor's change was refused (the domain's `WorkflowError`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkflowProblem {
    NotAdmin { role: Role },
    UnknownStage { stage: String },
    DuplicateId { id: String },
    EmptyName,
    DuplicateName { name: String },
    BadLimit,
    ClosedStage { stage: String },
    LastStage,
    EmptyRoute,
}

impl WorkflowProblem {
    /// A clause, lower-case, as it follows «Этапы не изменены: ».
    pub fn wording(&self, lang: Lang) -> String {
        use WorkflowProblem as W;
        let ru = lang == Lang::Ru;
        let pick2 = |r: String, e: String| if ru { r } else { e };
        let text = |r: &str, e: &str| if ru { r } else { e }.to_owned();
        match self {
            W::NotAdmin { role } => pick2(
                format!(
                    "только администратор меняет этапы (сейчас: {})",
                    role_name(lang, *role)
                ),
                format!(
                    "only the administrator changes the stages (now: {})",
                    role_name(lang, *role)
                ),
            ),
            W::UnknownStage { stage } => pick2(
                format!("этапа «{stage}» нет"),
                format!("there is no stage «{stage}»"),
            ),
            W::DuplicateId { id } => pick2(
                format!("этап с кодом «{id}» уже есть"),
                format!("a stage with the code «{id}» already exists"),
            ),
            W::EmptyName => text(
                "название этапа не может быть пустым",
                "a stage's name cannot be empty",
            ),
            W::DuplicateName { name } => pick2(
                format!("этап «{name}» уже есть — названия этапов не должны повторяться"),
                format!("stage «{name}» already exists: stage names must not repeat"),
            ),
            W::BadLimit => text(
                "срок этапа должен быть больше нуля и не больше 90 дней",
                "a stage's time limit must be above zero and at most 90 days",
            ),
            W::ClosedStage { stage } => pick2(
                format!(
                    "этап «{stage}» закрывающий: его нельзя переставлять, удалять или менять ему \
                     маршрут"
                ),
                format!(
                    "stage «{stage}» is a closing one: it cannot be moved, removed or given \
                     another route"
                ),
            ),
            W::LastStage => text(
                "нельзя удалить последний рабочий этап",
                "the last working stage cannot be removed",
            ),
            W::EmptyRoute => text(
                "у этапа должен остаться хотя бы один способ доставки и оплаты",
                "a stage must keep at least one delivery and payment method",
            ),
        }
    }
}
