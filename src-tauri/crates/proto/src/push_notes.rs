//! Why a marketplace action is not made, as the push queue's row and the order's card say it.
//! The channels crate keeps a code and params beside its technical text (which stays in
//! English, or in Russian where a marketplace wrote it, for the log), so the window words
//! the note in the manager's language.

use std::collections::BTreeMap;

use crate::display::Lang;
use crate::ChannelErrorCode as C;

/// The wording of a push note's code with its `params`.
pub(crate) fn wording(code: C, params: &BTreeMap<String, String>, lang: Lang) -> String {
    let p = |name: &str| params.get(name).map_or("?", String::as_str).to_owned();
    let ru = lang == Lang::Ru;
    let pick = |r: String, e: String| if ru { r } else { e };
    match code {
        C::PushWrongState => pick(
            format!(
                "На маркетплейсе заказ в состоянии «{}»: действие «{}» сейчас невозможно.",
                p("state"),
                p("action")
            ),
            format!(
                "The marketplace has the order as «{}»: «{}» is not possible now.",
                p("state"),
                p("action")
            ),
        ),
        C::PushNotReached => pick(
            format!(
                "Маркетплейс принял запрос, но заказ у него «{}», а не «{}» — попробуем ещё раз.",
                p("answered"),
                p("wanted")
            ),
            format!(
                "The marketplace took the request, yet has the order as «{}», not «{}»: we \
                 will try again.",
                p("answered"),
                p("wanted")
            ),
        ),
        C::PushCallsNeeded => pick(
            format!(
                "Для статуса «{}» маркетплейс требует {} звонка без ответа, в заказе записано {}.",
                p("status"),
                p("needed"),
                p("logged")
            ),
            format!(
                "For «{}» the marketplace wants {} unanswered calls logged; the order has {}.",
                p("status"),
                p("needed"),
                p("logged")
            ),
        ),
        C::PushNotCancelled => pick(
            format!(
                "{} не отменил заказ — отмените его в кабинете маркетплейса.",
                p("market")
            ),
            format!(
                "{} did not cancel the order: cancel it in the marketplace's cabinet.",
                p("market")
            ),
        ),
        C::PushNoMerchant => pick(
            "Не указан ID продавца Мегамаркета: без него нельзя получить коды коробок. \
             Укажите его в настройках подключения."
                .to_owned(),
            "No MegaMarket merchant ID: box codes cannot be had without it. Enter it in the \
             connection's settings."
                .to_owned(),
        ),
        C::PushNoBoxes => pick(
            "В собранном отправлении не указаны коробки — отгрузка невозможна.".to_owned(),
            "The packed shipment names no boxes, so it cannot be shipped.".to_owned(),
        ),
        C::PushStatusRefused => pick(
            format!(
                "Маркетплейс не принял статус «{}»: {}",
                p("status"),
                p("detail")
            ),
            format!(
                "The marketplace refused the status «{}»: {}",
                p("status"),
                p("detail")
            ),
        ),
        C::CancelledThere => pick(
            format!(
                "Заказ отменён на маркетплейсе {} — действие больше не отправляется.",
                p("market")
            ),
            format!(
                "The order was cancelled on {}: the action is no longer sent.",
                p("market")
            ),
        ),
        C::CancelledHere => pick(
            format!(
                "Заказ отменён у нас — действие этапа «{}» больше не отправляется.",
                p("stage")
            ),
            format!(
                "The order was cancelled here: the action of stage «{}» is no longer sent.",
                p("stage")
            ),
        ),
        other => other.as_str().to_owned(),
    }
}
