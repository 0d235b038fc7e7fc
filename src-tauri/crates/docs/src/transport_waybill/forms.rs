//! Which form of the transport waybill applies on a paper's date.
//!
//! The form is an appendix to rules that have a set term, and the act replacing them was only
//! a draft when this table was written, so the forms are kept as data with their validity.
//! A paper dated outside every known form still gets the nearest known form — a carrier can
//! be handed a paper either way — together with a [`FormWarning`] for the desk to show the
//! manager, instead of silently claiming a form is in force.

use std::fmt;

use jiff::civil::{date, Date};

use super::form_2200::SECTIONS_2200_2116;
use super::layout_spec::Section;
use crate::money::format_date_short;

/// One known edition of the form.
#[derive(Debug)]
pub struct WaybillForm {
    /// Stable id, e.g. for the order's history: «pp2200-2116».
    pub id: &'static str,
    /// The appendix caption printed above the title, line by line, as the form has it.
    pub caption: &'static [&'static str],
    /// The first day the form applies.
    pub valid_from: Date,
    /// The first day it no longer applies (`None`: no end is known).
    pub valid_until: Option<Date>,
    pub sections: &'static [Section],
}

/// Every form this version knows, oldest first.
///
/// The Rules approved by Government Decree № 2200 of 21.12.2020 (in force from 01.01.2021)
/// carry the form as Appendix № 4; Decree № 2116 of 30.11.2021 gave it section 12. The Rules'
/// term is limited to 01.09.2026 (ConsultantPlus's note on the form). A Минтранс order with
/// new rules and a mandatory electronic waybill from 01.09.2026 was put to public discussion
/// until 06.04.2026; whether and in what wording it was adopted could not be established
/// here, so no later form is listed. Earlier editions (before section 12) are not modelled.
pub static FORMS: &[WaybillForm] = &[WaybillForm {
    id: "pp2200-2116",
    caption: &[
        "Приложение № 4",
        "к Правилам перевозок грузов автомобильным транспортом,",
        "утверждённым постановлением Правительства Российской Федерации",
        "от 21 декабря 2020 г. № 2200",
        "(в редакции постановления Правительства Российской Федерации",
        "от 30 ноября 2021 г. № 2116)",
    ],
    valid_from: date(2021, 1, 1),
    valid_until: Some(date(2026, 9, 1)),
    sections: SECTIONS_2200_2116,
}];

/// Why the form printed may not be the one in force on the paper's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormWarning {
    /// The date is on or after the end of every known form; the latest one was used.
    AfterEveryKnownForm {
        form: &'static str,
        date: Date,
        /// The first day the printed form no longer applied.
        ended: Date,
    },
    /// The date is before the first known form; the earliest one was used.
    BeforeEveryKnownForm { form: &'static str, date: Date },
}

impl FormWarning {
    /// Stable code for the desk and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            FormWarning::AfterEveryKnownForm { .. } => "waybill_form_expired",
            FormWarning::BeforeEveryKnownForm { .. } => "waybill_form_not_yet",
        }
    }
}

impl fmt::Display for FormWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormWarning::AfterEveryKnownForm { date, ended, .. } => write!(
                f,
                "Транспортная накладная от {} напечатана по форме Приложения № 4 к Правилам \
                 перевозок грузов автомобильным транспортом (постановление Правительства РФ \
                 № 2200), срок действия которых ограничен {}; более новая форма этой версии \
                 программы неизвестна. Проверьте, какая форма действует на дату накладной.",
                format_date_short(*date),
                format_date_short(*ended)
            ),
            FormWarning::BeforeEveryKnownForm { date, .. } => write!(
                f,
                "Транспортная накладная от {} напечатана по форме, введённой позже этой даты: \
                 более ранние формы программе неизвестны.",
                format_date_short(*date)
            ),
        }
    }
}

/// The form a paper dated `on` is printed with, and a warning when none is known for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormChoice {
    pub form: &'static str,
    pub warning: Option<FormWarning>,
}

fn applies(form: &WaybillForm, on: Date) -> bool {
    form.valid_from <= on && form.valid_until.is_none_or(|end| on < end)
}

/// The form in force on `on` from [`FORMS`]; outside every form, the nearest one with a
/// warning.
pub fn form_for(on: Date) -> (&'static WaybillForm, Option<FormWarning>) {
    form_in(FORMS, on)
}

pub(crate) fn form_in(
    forms: &'static [WaybillForm],
    on: Date,
) -> (&'static WaybillForm, Option<FormWarning>) {
    if let Some(form) = forms.iter().rev().find(|f| applies(f, on)) {
        return (form, None);
    }
    let (first, last) = (&forms[0], &forms[forms.len() - 1]);
    if on < first.valid_from {
        let warning = FormWarning::BeforeEveryKnownForm {
            form: first.id,
            date: on,
        };
        return (first, Some(warning));
    }
    // Past the last form's end (or in a gap between two, which the table does not have):
    // the latest form that had started.
    let form = forms
        .iter()
        .rev()
        .find(|f| f.valid_from <= on)
        .unwrap_or(last);
    let warning = FormWarning::AfterEveryKnownForm {
        form: form.id,
        date: on,
        ended: form.valid_until.unwrap_or(on),
    };
    (form, Some(warning))
}

/// The choice as the desk reports it.
pub fn choose(on: Date) -> FormChoice {
    let (form, warning) = form_for(on);
    FormChoice {
        form: form.id,
        warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2200_form_applies_until_the_rules_end() {
        assert_eq!(choose(date(2026, 8, 31)).warning, None);
        assert_eq!(choose(date(2026, 8, 31)).form, "pp2200-2116");
        assert_eq!(choose(date(2022, 3, 1)).warning, None);
    }

    #[test]
    fn a_paper_after_every_known_form_gets_the_latest_with_a_warning() {
        let choice = choose(date(2026, 9, 1));
        assert_eq!(choice.form, "pp2200-2116");
        let warning = choice.warning.expect("a warning");
        assert_eq!(warning.code(), "waybill_form_expired");
        let text = warning.to_string();
        assert!(text.contains("от 01.09.2026"), "{text}");
        assert!(text.contains("ограничен 01.09.2026"), "{text}");
        assert!(choose(date(2026, 12, 2)).warning.is_some());
    }

    #[test]
    fn a_paper_before_every_known_form_gets_the_earliest_with_a_warning() {
        let choice = choose(date(2020, 12, 31));
        assert_eq!(choice.form, "pp2200-2116");
        assert_eq!(
            choice.warning.map(|w| w.code()),
            Some("waybill_form_not_yet")
        );
    }

    #[test]
    fn a_later_form_takes_over_from_its_first_day() {
        static TWO: &[WaybillForm] = &[
            WaybillForm {
                id: "old",
                caption: &[],
                valid_from: date(2021, 1, 1),
                valid_until: Some(date(2026, 9, 1)),
                sections: &[],
            },
            WaybillForm {
                id: "new",
                caption: &[],
                valid_from: date(2026, 9, 1),
                valid_until: None,
                sections: &[],
            },
        ];
        assert_eq!(form_in(TWO, date(2026, 8, 31)).0.id, "old");
        assert_eq!(form_in(TWO, date(2026, 9, 1)).0.id, "new");
        assert!(form_in(TWO, date(2030, 1, 1)).1.is_none());
    }
}
