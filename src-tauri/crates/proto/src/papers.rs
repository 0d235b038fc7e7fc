//! Documents: which paper to render or print, the shop's requisites form, print results.

use serde::{Deserialize, Serialize};

use crate::display::Lang;

/// A paper the desk renders for an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Счёт на оплату; issues the order's invoice number the first time.
    Invoice,
    /// Квитанция ПД-4 with the payment QR code.
    Pd4,
    /// The shop's товарная накладная for its own courier.
    DeliveryNote,
    /// Транспортная накладная (Decree 2200) for a carrier.
    TransportWaybill,
    /// Лист сборки for the warehouse.
    PickList,
    /// Маршрутный лист: a courier's orders for the day, in the order given.
    RouteSheet,
}

impl DocKind {
    pub const ALL: [DocKind; 6] = [
        DocKind::Invoice,
        DocKind::Pd4,
        DocKind::DeliveryNote,
        DocKind::TransportWaybill,
        DocKind::PickList,
        DocKind::RouteSheet,
    ];

    /// The stable code, as serialised and as recorded in the order's history.
    pub fn code(self) -> &'static str {
        match self {
            DocKind::Invoice => "invoice",
            DocKind::Pd4 => "pd4",
            DocKind::DeliveryNote => "delivery_note",
            DocKind::TransportWaybill => "transport_waybill",
            DocKind::PickList => "pick_list",
            DocKind::RouteSheet => "route_sheet",
        }
    }

    /// How the desk names the paper.
    pub fn title(self) -> &'static str {
        match self {
            DocKind::Invoice => "Счёт на оплату",
            DocKind::Pd4 => "Квитанция ПД-4",
            DocKind::DeliveryNote => "Товарная накладная",
            DocKind::TransportWaybill => "Транспортная накладная",
            DocKind::PickList => "Лист сборки",
            DocKind::RouteSheet => "Маршрутный лист",
        }
    }
}

/// The requisites form in settings; every field is text as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Requisites {
    /// Full legal name: «ООО «Три кита»» or «ИП Иванов Иван Иванович».
    pub name: String,
    /// 10 digits for a company, 12 for a sole trader.
    pub inn: String,
    /// Empty for a sole trader.
    pub kpp: String,
    /// ОГРН (13 digits) or ОГРНИП (15); may be empty.
    pub ogrn: String,
    pub address: String,
    pub phone: String,
    /// The bank's official name, as printed on the invoice and the ПД-4.
    pub bank_name: String,
    /// A shorter name of the bank for the payment QR code, which GOST R 56042 limits to 45
    /// characters; empty when the official name fits.
    pub bank_name_qr: String,
    pub bic: String,
    pub settlement_account: String,
    pub corr_account: String,
    pub director: String,
    /// Empty when the director keeps the books.
    pub accountant: String,
}

impl Requisites {
    /// GOST R 56042-2014's limit on `BankName` in the payment QR code: the form checks it as
    /// the bank's name is typed, the desk when saving, the ПД-4 when printing.
    pub const QR_BANK_NAME_MAX: usize = 45;

    /// The bank's name the payment QR carries: the short one where given, else the official.
    pub fn qr_bank_name(&self) -> &str {
        let short = self.bank_name_qr.trim();
        if short.is_empty() {
            self.bank_name.trim()
        } else {
            short
        }
    }
}

/// What a print job did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintOutcome {
    /// What the print system answered, e.g. «request id is PDF-7 (1 file(s))».
    pub job: String,
    /// Orders whose history now has the print.
    pub orders: u32,
}

/// What the manager should know before handing a paper over, as codes and dates the window
/// words in its language. Dates are ISO (`2026-09-02`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PaperWarning {
    /// The waybill of order `number` is dated `date`, on or after `ended`, the first day the
    /// Rules whose form was printed no longer applied; this version knows no later form.
    WaybillFormExpired {
        number: String,
        date: String,
        ended: String,
    },
    /// The waybill is dated before the first form this version knows.
    WaybillFormNotYet { number: String, date: String },
}

impl PaperWarning {
    pub fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                PaperWarning::WaybillFormExpired {
                    number,
                    date,
                    ended,
                },
                Lang::Ru,
            ) => format!(
                "Транспортная накладная по заказу № {number} от {} напечатана по форме \
                 Приложения № 4 к Правилам перевозок грузов автомобильным транспортом \
                 (постановление Правительства РФ № 2200), срок действия которых ограничен {}; \
                 более новая форма этой версии программы неизвестна. Проверьте, какая форма \
                 действует на дату накладной.",
                day(date),
                day(ended)
            ),
            (
                PaperWarning::WaybillFormExpired {
                    number,
                    date,
                    ended,
                },
                Lang::En,
            ) => format!(
                "The transport waybill of order {number} dated {} is printed on the form of \
                 Appendix 4 to the Rules of carriage of goods by road (Government Decree \
                 No. 2200), whose term was limited to {}; this version knows no newer form. \
                 Check which form is in force on the waybill's date.",
                day(date),
                day(ended)
            ),
            (PaperWarning::WaybillFormNotYet { number, date }, Lang::Ru) => format!(
                "Транспортная накладная по заказу № {number} от {} напечатана по форме, \
                 введённой позже этой даты: более ранние формы программе неизвестны.",
                day(date)
            ),
            (PaperWarning::WaybillFormNotYet { number, date }, Lang::En) => format!(
                "The transport waybill of order {number} dated {} is printed on a form \
                 introduced after that date: this version knows no earlier form.",
                day(date)
            ),
        }
    }
}

/// `2026-09-02` → `02.09.2026`, as papers date things; anything else as it came.
fn day(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waybill_warning_is_worded_in_either_language_with_its_dates() {
        let w = PaperWarning::WaybillFormExpired {
            number: "2026-0412".into(),
            date: "2026-09-02".into(),
            ended: "2026-09-01".into(),
        };
        let ru = w.words(Lang::Ru);
        assert!(ru.contains("по заказу № 2026-0412 от 02.09.2026"), "{ru}");
        assert!(ru.contains("ограничен 01.09.2026"), "{ru}");
        let en = w.words(Lang::En);
        assert!(en.contains("order 2026-0412 dated 02.09.2026"), "{en}");
        assert!(en.contains("limited to 01.09.2026"), "{en}");
        assert!(!en.chars().any(|c| matches!(c, 'а'..='я')), "{en}");
        let json = serde_json::to_string(&w).expect("serialise");
        assert!(json.contains(r#""code":"waybill_form_expired""#), "{json}");
        let early = PaperWarning::WaybillFormNotYet {
            number: "7".into(),
            date: "2020-12-31".into(),
        };
        assert!(early.words(Lang::Ru).contains("от 31.12.2020"));
        assert!(early.words(Lang::En).contains("dated 31.12.2020"));
    }
}
