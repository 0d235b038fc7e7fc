//! The team hub's refusals in the window's language: why it refused an op (its stable
//! [`RejectCode`]) and what the op was. The hub's own text stays available as a detail (a
//! tooltip): it is written for logs, in the domain's words.

use proto::sync::RejectCode;

use super::{pick, workflow_change, Lang};

/// Why the hub refused one of this desk's ops.
pub fn reject_code(lang: Lang, code: RejectCode) -> &'static str {
    let (ru, en) = match code {
        RejectCode::StaleStage => (
            "заказ уже перевели с этого этапа на другом компьютере",
            "the order had already been moved from that stage on another PC",
        ),
        RejectCode::StaleVersion => (
            "заказ уже изменили на другом компьютере: правка сделана по устаревшей версии",
            "the order had already been changed on another PC: the edit was made on an old version",
        ),
        RejectCode::Forbidden => (
            "у вашей роли нет прав на это действие",
            "your role may not do this",
        ),
        RejectCode::NotFound => (
            "такого заказа нет на сервере команды",
            "the team server has no such order",
        ),
        RejectCode::Exists => (
            "такой заказ на сервере уже есть",
            "the order already exists on the server",
        ),
        RejectCode::NotAllowed => (
            "заказ закрыт или такой переход не предусмотрен маршрутом",
            "the order is closed, or its route has no such move",
        ),
        RejectCode::Invalid => (
            "действие нарушает правила заказа (суммы, позиции, сроки)",
            "the action breaks the order's rules (amounts, lines, limits)",
        ),
        RejectCode::Malformed => (
            "сервер не смог прочитать действие: обновите программу",
            "the server could not read the action: update the program",
        ),
        RejectCode::IdTaken => (
            "номер действия уже занят другим компьютером",
            "another PC already used the action's number",
        ),
    };
    pick(lang, ru, en)
}

/// [`reject_code`] standing alone (a table's cell): its first letter capital.
pub fn reject_code_alone(lang: Lang, code: RejectCode) -> String {
    let words = reject_code(lang, code);
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A refusal's code as the history carries it (the code's wire name); `None` for a code
/// this window does not know (a newer hub's).
pub fn reject_code_named(lang: Lang, code: &str) -> Option<&'static str> {
    use serde::de::{value, Deserialize, IntoDeserializer};
    let code: value::StrDeserializer<'_, value::Error> = code.into_deserializer();
    RejectCode::deserialize(code)
        .ok()
        .map(|c| reject_code(lang, c))
}

/// An op's kind (`set_order_discount`, `add_stage`…) as the team screen's refusals name it.
pub fn op_kind(lang: Lang, kind: &str) -> &'static str {
    let (ru, en) = match kind {
        "create_order" => ("Новый заказ", "New order"),
        "advance_stage" | "move_to_stage" => ("Переход на этап", "Stage move"),
        "cancel" => ("Отмена заказа", "Order cancelled"),
        "edit_lines" => ("Изменение состава", "Lines edited"),
        "set_order_discount" => ("Скидка на заказ", "Order discount"),
        "change_delivery" | "follow_channel_delivery" => ("Доставка", "Delivery"),
        "record_payment" => ("Оплата", "Payment"),
        "correct_payment" => ("Исправление оплаты", "Payment corrected"),
        "void_payment" => ("Аннулирование оплаты", "Payment voided"),
        "refund_payment" => ("Возврат оплаты", "Refund"),
        "set_comment" => ("Комментарий", "Comment"),
        "log_call" => ("Звонок", "Call"),
        "publish_version" => ("Версия отправлена клиенту", "Version sent to the customer"),
        "confirm_version" => ("Версия подтверждена", "Version confirmed"),
        "note_version" => ("Заметка к версии", "Version note"),
        "set_buyer" => ("Покупатель", "Buyer"),
        "issue_invoice" => ("Счёт", "Invoice"),
        "print_document" => ("Печать документа", "Document printed"),
        "set_places" => ("Места отправления", "Parcels"),
        other => return workflow_change(lang, other),
    };
    pick(lang, ru, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reject_code_is_worded_in_both_languages_and_by_its_wire_name() {
        use RejectCode::*;
        // The wire names are the hub's, stable: a rename there would leave refusals unworded.
        for (code, wire) in [
            (StaleStage, "stale_stage"),
            (StaleVersion, "stale_version"),
            (Forbidden, "forbidden"),
            (NotFound, "not_found"),
            (Exists, "exists"),
            (NotAllowed, "not_allowed"),
            (Invalid, "invalid"),
            (Malformed, "malformed"),
            (IdTaken, "id_taken"),
        ] {
            let (ru, en) = (reject_code(Lang::Ru, code), reject_code(Lang::En, code));
            assert!(!ru.is_empty() && !en.is_empty() && ru != en, "{code:?}");
            assert_eq!(reject_code_named(Lang::En, wire), Some(en), "{wire}");
        }
        assert_eq!(reject_code_named(Lang::Ru, "from_a_newer_hub"), None);
        assert_eq!(
            reject_code_alone(Lang::Ru, Forbidden),
            "У вашей роли нет прав на это действие"
        );
        assert_eq!(
            reject_code_alone(Lang::En, Forbidden),
            "Your role may not do this"
        );
    }

    #[test]
    fn order_ops_are_named_and_shop_ops_fall_to_the_change_log_s_words() {
        assert_eq!(op_kind(Lang::Ru, "set_order_discount"), "Скидка на заказ");
        assert_eq!(op_kind(Lang::En, "add_stage"), "Stage added");
        // Every kind the shop's change log lists has words of its own, not «Изменение».
        for kind in [
            "set_stage_guards",
            "choose_workflow",
            "set_requisites",
            "set_product",
            "set_input_limits",
            "set_delivery_payment",
            "edit_connection",
            "set_customer",
            "merge_customers",
            "keep_customers_apart",
            "split_customer",
            "set_person",
        ] {
            assert_ne!(workflow_change(Lang::Ru, kind), "Изменение", "{kind}");
            assert_ne!(workflow_change(Lang::En, kind), "Change", "{kind}");
        }
    }
}
