//! The domain's refusals worded for the manager, with stages named as the shop names them.

use domain::{DeliveryMethod, OpError, Workflow};

pub(crate) mod rules;

pub(crate) fn message(workflow: &Workflow, e: &OpError) -> String {
    let name = |id: &str| {
        workflow
            .stage(id)
            .map_or_else(|| id.to_owned(), |s| s.name.clone())
    };
    match e {
        OpError::AlreadyClosed { stage } => {
            format!("Заказ на этапе «{}» — следующего этапа нет.", name(stage))
        }
        OpError::StaleStage { actual, .. } => format!(
            "Заказ уже перешёл на этап «{}» — обновите список.",
            name(actual)
        ),
        OpError::NotNextOnRoute { from, to } => format!(
            "С этапа «{}» заказ не может перейти на этап «{}».",
            name(from),
            name(to)
        ),
        OpError::EndOfRoute { stage } => format!(
            "После этапа «{}» для этого способа доставки и оплаты нет следующего этапа — \
             проверьте настройку этапов.",
            name(stage)
        ),
        OpError::UnknownStage(stage) => {
            format!("Этапа «{stage}» больше нет в настройках магазина.")
        }
        OpError::OffRoute { stage } => format!(
            "Этап «{}» не предусмотрен для способа доставки и оплаты этого заказа.",
            name(stage)
        ),
        OpError::RoleForbidden { role, from, to } => format!(
            "Роль «{}» не может переводить заказ с этапа «{}» на этап «{}».",
            role.label(),
            name(from),
            name(to)
        ),
        OpError::ActionForbidden { role, .. } => {
            format!("Роль «{}» не может выполнять это действие.", role.label())
        }
        OpError::OrderExists => "Такой заказ уже есть.".to_owned(),
        OpError::OrderMissing => "Заказ не найден — возможно, он удалён.".to_owned(),
        OpError::OrderClosed { stage } => format!(
            "Заказ на этапе «{}» — изменить его уже нельзя.",
            name(stage)
        ),
        OpError::UnknownLine(_) => "Этой позиции уже нет в заказе — обновите заказ.".to_owned(),
        OpError::DuplicateId(_) => "Это действие уже записано.".to_owned(),
        OpError::InvalidQuantity => "Количество должно быть больше нуля.".to_owned(),
        OpError::NegativePrice => "Цена не может быть отрицательной.".to_owned(),
        OpError::Discount(_) => {
            "Скидка должна быть от 0 до 100 % или неотрицательной суммой.".to_owned()
        }
        OpError::NoTariff { method, zone } => format!(
            "Для способа доставки «{}»{} нет тарифа — добавьте его в настройках.",
            delivery_name(*method),
            zone.as_deref()
                .map_or_else(String::new, |z| format!(" в зоне «{z}»"))
        ),
        OpError::StageExcludesMethod { stage, method } => format!(
            "На этапе «{}» способ доставки «{}» не предусмотрен — сначала переведите заказ.",
            name(stage),
            delivery_name(*method)
        ),
        OpError::BadWindow => "Интервал доставки должен заканчиваться позже начала.".to_owned(),
        OpError::NonPositivePayment => "Сумма оплаты должна быть больше нуля.".to_owned(),
        OpError::UnknownPayment(_) => "Этой оплаты нет в заказе — обновите заказ.".to_owned(),
        OpError::PaymentVoided(_) => "Эта оплата уже аннулирована.".to_owned(),
        OpError::NoReason => "Укажите причину: она останется в истории заказа.".to_owned(),
        OpError::RefundOverPaid { paid } => format!(
            "Вернуть можно не больше, чем оплачено: {}.",
            proto::display::money(paid.0)
        ),
        OpError::Unchanged => "Ничего не изменилось: в заказе уже так.".to_owned(),
        OpError::CallEndsBeforeStart => "Звонок не может закончиться раньше начала.".to_owned(),
        OpError::UnknownVersion { version, latest } => {
            format!("Версии {version} нет: последняя — {latest}.")
        }
        OpError::StaleVersion { version, latest } => format!(
            "Версия {version} устарела: последняя — {latest}. Подтвердите последнюю версию."
        ),
        OpError::NoLines => "В заказе должна быть хотя бы одна позиция.".to_owned(),
        OpError::NoInvoiceNumber => "Счёту не присвоен номер.".to_owned(),
        OpError::NoCopies => "Число копий должно быть больше нуля.".to_owned(),
        OpError::Money(_) => "Сумма заказа слишком велика.".to_owned(),
        OpError::Guard { .. } | OpError::Input(_) => crate::refusal::rules::russian(e),
        OpError::Buyer(e) => format!(
            "Реквизиты покупателя не сохранены: {}.",
            crate::buyer::wording(e)
        ),
    }
}

pub(crate) fn delivery_name(method: DeliveryMethod) -> &'static str {
    match method {
        DeliveryMethod::Courier => "курьер",
        DeliveryMethod::Post => "почта",
        DeliveryMethod::Pickup => "самовывоз",
        DeliveryMethod::MarketplaceLogistics => "логистика маркетплейса",
    }
}
