//! The versions tab's words (issue 15, point 9): the marks of the version in force and the
//! one shown to the customer, the question before confirming another, a version's note and
//! the diff's delivery fields.

use proto::VatRate;

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ver {
    /// The badge of the version the order runs on.
    InForce,
    InForceHint,
    ShownHint,
    NoteLabel,
    NotePlaceholder,
    /// The button that writes or changes a version's note.
    AddNote,
    EditNote,
    SaveNote,
    ConfirmAnyway,
    Cancel,
    DeliveryWindow,
    DeliveryVat,
    LineVat,
    NoZone,
    NoWindow,
}

pub fn ver(lang: Lang, key: Ver) -> &'static str {
    use Ver::*;
    let (ru, en) = match key {
        InForce => ("в силе", "in force"),
        InForceHint => (
            "По этой версии заказ собирают, везут и выставляют счёт",
            "The order is picked, shipped and billed by this version",
        ),
        ShownHint => (
            "Эту версию последней показали покупателю",
            "The version last shown to the customer",
        ),
        NoteLabel => ("Комментарий к версии", "Version comment"),
        NotePlaceholder => (
            "Что изменилось и почему (необязательно)",
            "What changed and why (optional)",
        ),
        AddNote => ("+ комментарий", "+ comment"),
        EditNote => ("изменить", "edit"),
        SaveNote => ("Сохранить", "Save"),
        ConfirmAnyway => ("Подтвердить", "Confirm"),
        Cancel => ("Отмена", "Cancel"),
        DeliveryWindow => ("Окно доставки", "Delivery window"),
        DeliveryVat => ("НДС доставки", "Delivery VAT"),
        LineVat => ("НДС", "VAT"),
        NoZone => ("без зоны", "no zone"),
        NoWindow => ("не задано", "not set"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// Asked before confirming `version` when the customer was shown `shown`.
pub fn confirm_other_than_shown(lang: Lang, version: i64, shown: i64) -> String {
    match lang {
        Lang::Ru => format!(
            "Покупателю показана версия {shown}, а подтверждается версия {version}. \
             Покупатель согласится на то, чего не видел. Подтвердить версию {version}?"
        ),
        Lang::En => format!(
            "The customer was shown version {shown}, and version {version} is being confirmed: \
             the customer would agree to what they have not seen. Confirm version {version}?"
        ),
    }
}

pub fn vat_rate(lang: Lang, rate: VatRate) -> &'static str {
    match (rate, lang) {
        (VatRate::None, Lang::Ru) => "без НДС",
        (VatRate::None, Lang::En) => "no VAT",
        (VatRate::Vat0, _) => "0 %",
        (VatRate::Vat5, _) => "5 %",
        (VatRate::Vat7, _) => "7 %",
        (VatRate::Vat10, _) => "10 %",
        (VatRate::Vat22, _) => "22 %",
    }
}
