//! A problem a channel left on an order, as the order's card says it. The channels crate keeps
//! each as `code` or `code:detail` text beside the order (its store format); the desk reads
//! that into [`ChannelFlag`], so the window matches variants instead of splitting strings,
//! and the wording is checked here on the host for both languages.

use serde::{Deserialize, Serialize};

use crate::display::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ChannelFlag {
    /// A line whose SKU is not in the catalogue.
    UnknownSku {
        sku: String,
    },
    /// A site line without SKU: `product` is the site's product id.
    NoSku {
        product: String,
    },
    /// The channel's status is mapped to no stage.
    UnknownStatus {
        status: String,
    },
    /// Our status was not sent: the channel set a later one meanwhile.
    StalePushSkipped {
        ours: String,
        theirs: String,
    },
    /// The channel's status leads to a stage not for the order's delivery and payment.
    OffRoute {
        status: String,
        stage: String,
    },
    /// The channel moved the order, and the move is not allowed here.
    MoveRefused {
        detail: String,
    },
    /// The site's total differs from ours (both in roubles as the site writes them).
    SiteTotal {
        site: String,
        ours: String,
    },
    /// The buyer is a company with incomplete requisites.
    CompanyRequisites,
    /// The site and this desk changed the same thing: `note` or the lines.
    SiteChangedConflict {
        note: bool,
    },
    /// The site's shipping cost changed; ours was kept.
    SiteShipping {
        amount: String,
    },
    /// The site's delivery address changed; ours was kept.
    SiteAddress,
    /// A change from the site was refused by our rules.
    SiteChangeRefused {
        detail: String,
    },
    NoModifiedDate,
    NoCreationDate,
    BadShipmentDate,
    BadShippingDeadline,
    /// A marketplace's update about the order could not be read.
    MalformedUpdate,
    /// МойСклад has no product with this article.
    UnknownArticle {
        article: String,
    },
    /// МойСклад has no state of this name.
    NoState {
        state: String,
    },
    /// A marketplace action of this stage failed.
    PushFailed {
        stage: String,
    },
    /// The marketplace's fulfilment model (`fbs`, `rfbs`, `dbs`, `megamarket`).
    Model {
        model: String,
    },
    MarketplaceCancelled,
    /// A flag this version does not know, kept as it was written.
    Other {
        text: String,
    },
    /// A code a newer hub sent that this version does not know.
    #[serde(other)]
    Unknown,
}

impl ChannelFlag {
    /// Reads the store's `code` / `code:detail` text.
    pub fn parse(text: &str) -> ChannelFlag {
        let (code, detail) = text.split_once(':').unwrap_or((text, ""));
        let detail = detail.trim().to_owned();
        let two = |sep: char| {
            let (a, b) = detail.split_once(sep).unwrap_or((detail.as_str(), "?"));
            (a.to_owned(), b.to_owned())
        };
        use ChannelFlag as F;
        match code {
            "unknown_sku" => F::UnknownSku { sku: detail },
            "no_sku" => F::NoSku { product: detail },
            "unknown_status" => F::UnknownStatus { status: detail },
            "stale_push_skipped" => {
                let (ours, theirs) = two('<');
                F::StalePushSkipped { ours, theirs }
            }
            "off_route" => {
                let (status, stage) = two('>');
                F::OffRoute { status, stage }
            }
            "move_refused" => F::MoveRefused { detail },
            "site_total" => {
                let (site, ours) = two('≠');
                F::SiteTotal { site, ours }
            }
            "company_requisites" => F::CompanyRequisites,
            "site_changed_conflict" => F::SiteChangedConflict {
                note: detail == "note",
            },
            "site_changed" => match detail.strip_prefix("shipping:") {
                Some(amount) => F::SiteShipping {
                    amount: amount.to_owned(),
                },
                None => F::SiteAddress,
            },
            "site_change_refused" => F::SiteChangeRefused { detail },
            "no_modified_date" => F::NoModifiedDate,
            "no_creation_date" => F::NoCreationDate,
            "bad_shipment_date" => F::BadShipmentDate,
            "bad_shipping_deadline" => F::BadShippingDeadline,
            "malformed_update" => F::MalformedUpdate,
            "unknown_article" => F::UnknownArticle { article: detail },
            "no_state" => F::NoState { state: detail },
            "push_failed" => F::PushFailed { stage: detail },
            "model" => F::Model { model: detail },
            "marketplace_cancelled" => F::MarketplaceCancelled,
            _ => F::Other {
                text: text.to_owned(),
            },
        }
    }

    /// The card's words for the flag.
    pub fn wording(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        let w = |r: String, e: String| if ru { r } else { e };
        let s = |r: &str, e: &str| if ru { r.to_owned() } else { e.to_owned() };
        use ChannelFlag as F;
        match self {
            F::UnknownSku { sku } => w(
                format!("артикула «{sku}» нет в каталоге"),
                format!("no product with SKU «{sku}» in the catalogue"),
            ),
            F::NoSku { product } => w(
                format!("строка без артикула (товар {product} на сайте)"),
                format!("a line without SKU (product {product} on the site)"),
            ),
            F::UnknownStatus { status } => w(
                format!("статус канала «{status}» не сопоставлен этапу"),
                format!("the channel's status «{status}» is not mapped to a stage"),
            ),
            F::StalePushSkipped { ours, theirs } => w(
                format!("статус «{ours}» не отправлен: в канале позже поставили «{theirs}»"),
                format!("«{ours}» not sent: the channel set «{theirs}» later"),
            ),
            F::OffRoute { status, stage } => w(
                format!(
                    "статус канала «{status}» ведёт на этап «{stage}», но он не для способов \
                     доставки и оплаты заказа — заказ поставлен на первый этап"
                ),
                format!(
                    "the channel's status «{status}» leads to «{stage}», which is not for the \
                     order's delivery and payment — the order was put on the first stage"
                ),
            ),
            F::MoveRefused { detail } => w(
                format!("канал перевёл заказ, но переход не разрешён ({detail})"),
                format!("the channel moved the order but the move is not allowed ({detail})"),
            ),
            F::SiteTotal { site, ours } => w(
                format!("сумма на сайте {site} ₽ не сходится с нашей {ours} ₽"),
                format!("the site's total {site} ₽ differs from ours {ours} ₽"),
            ),
            F::CompanyRequisites => s(
                "покупатель — организация: дополните или исправьте ИНН, КПП и адрес в блоке \
                 «Покупатель»",
                "the buyer is a company: complete or correct its ИНН, КПП and address under \
                 «Buyer»",
            ),
            F::SiteChangedConflict { note: true } => s(
                "примечание изменено и на сайте, и здесь — примечание сайта не применено",
                "the note changed both on the site and here: the site's note is not applied",
            ),
            F::SiteChangedConflict { note: false } => s(
                "состав изменён и на сайте, и здесь — изменения сайта не применены",
                "lines changed both on the site and here: the site's change is not applied",
            ),
            F::SiteShipping { amount } => w(
                format!("на сайте изменилась доставка: {amount} ₽"),
                format!("the site's shipping changed: {amount} ₽"),
            ),
            F::SiteAddress => s(
                "на сайте изменился адрес доставки",
                "the delivery address changed on the site",
            ),
            F::SiteChangeRefused { detail } => w(
                format!("изменение с сайта не применено: {detail}"),
                format!("the site's change was not applied: {detail}"),
            ),
            F::NoModifiedDate => s(
                "канал не сообщил дату изменения",
                "the channel gave no change date",
            ),
            F::NoCreationDate => s(
                "канал не сообщил дату заказа — взято время загрузки",
                "the channel gave no order date: the time of the import is used",
            ),
            F::BadShipmentDate => s(
                "дата отгрузки Ozon не прочитана — срок отгрузки не известен",
                "Ozon's shipment date could not be read: the shipping deadline is unknown",
            ),
            F::BadShippingDeadline => s(
                "срок отгрузки Мегамаркета не прочитан — он не известен",
                "MegaMarket's shipping deadline could not be read: it is unknown",
            ),
            F::MalformedUpdate => s(
                "обновление заказа от маркетплейса не прочитано — откройте заказ в кабинете",
                "the marketplace's update of the order could not be read: open it in the \
                 cabinet",
            ),
            F::UnknownArticle { article } => w(
                format!("артикула «{article}» нет в МойСклад"),
                format!("no article «{article}» in МойСклад"),
            ),
            F::NoState { state } => w(
                format!("в МойСклад нет статуса «{state}»"),
                format!("МойСклад has no state «{state}»"),
            ),
            F::PushFailed { stage } => w(
                format!("действие маркетплейса не выполнено ({stage})"),
                format!("the marketplace action failed ({stage})"),
            ),
            F::Model { model } => {
                let model = model.to_uppercase().replace("RFBS", "rFBS");
                w(format!("схема {model}"), format!("{model} model"))
            }
            F::MarketplaceCancelled => s("отменён на маркетплейсе", "cancelled on the marketplace"),
            F::Other { text } => text.clone(),
            F::Unknown => s(
                "другая отметка канала (эта версия программы её не знает)",
                "another channel note (this version of the program does not know it)",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text the channels crate writes (see its `add_channel_flag` and `flags.push`
    /// calls), with the variant it reads as.
    fn written() -> Vec<(&'static str, ChannelFlag)> {
        use ChannelFlag as F;
        let t = |s: &str| s.to_owned();
        vec![
            ("unknown_sku:MUG-1", F::UnknownSku { sku: t("MUG-1") }),
            ("no_sku:77", F::NoSku { product: t("77") }),
            (
                "unknown_status:on-hold",
                F::UnknownStatus {
                    status: t("on-hold"),
                },
            ),
            (
                "stale_push_skipped:completed<cancelled",
                F::StalePushSkipped {
                    ours: t("completed"),
                    theirs: t("cancelled"),
                },
            ),
            (
                "off_route:processing>Самовывоз",
                F::OffRoute {
                    status: t("processing"),
                    stage: t("Самовывоз"),
                },
            ),
            (
                "move_refused:completed: not allowed",
                F::MoveRefused {
                    detail: t("completed: not allowed"),
                },
            ),
            (
                "site_total:1500.00≠1400.00",
                F::SiteTotal {
                    site: t("1500.00"),
                    ours: t("1400.00"),
                },
            ),
            ("company_requisites", F::CompanyRequisites),
            (
                "site_changed_conflict:note",
                F::SiteChangedConflict { note: true },
            ),
            (
                "site_changed_conflict:lines",
                F::SiteChangedConflict { note: false },
            ),
            (
                "site_changed:shipping:350.00",
                F::SiteShipping {
                    amount: t("350.00"),
                },
            ),
            ("site_changed:address", F::SiteAddress),
            (
                "site_change_refused: the order is closed",
                F::SiteChangeRefused {
                    detail: t("the order is closed"),
                },
            ),
            ("no_modified_date", F::NoModifiedDate),
            ("no_creation_date", F::NoCreationDate),
            ("bad_shipment_date", F::BadShipmentDate),
            ("bad_shipping_deadline", F::BadShippingDeadline),
            ("malformed_update", F::MalformedUpdate),
            (
                "unknown_article:A-1",
                F::UnknownArticle { article: t("A-1") },
            ),
            (
                "no_state:Отгружен",
                F::NoState {
                    state: t("Отгружен"),
                },
            ),
            (
                "push_failed:shipped",
                F::PushFailed {
                    stage: t("shipped"),
                },
            ),
            ("model:rfbs", F::Model { model: t("rfbs") }),
            ("marketplace_cancelled", F::MarketplaceCancelled),
        ]
    }

    fn cyrillic(s: &str) -> bool {
        s.chars()
            .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    }

    /// `no_creation_date`, `bad_shipment_date`, `bad_shipping_deadline` and
    /// `malformed_update` were written by the channels and shown raw on the card.
    #[test]
    fn every_flag_the_channels_write_reads_as_itself_and_is_worded_in_both_languages() {
        for (text, flag) in written() {
            assert_eq!(ChannelFlag::parse(text), flag, "{text}");
            let (ru, en) = (flag.wording(Lang::Ru), flag.wording(Lang::En));
            assert!(cyrillic(&ru), "{text}: {ru}");
            assert_ne!(ru, en, "{text}");
            // Worded, not the raw code (a one-word code may be an ordinary word).
            let code = text.split(':').next().unwrap_or(text);
            let raw = code.contains('_') && (ru.contains(code) || en.contains(code));
            assert!(!raw, "{text} shown raw");
            // Through the boundary and back, as the window and a team desk read it.
            let json = serde_json::to_string(&flag).expect("json");
            assert_eq!(
                serde_json::from_str::<ChannelFlag>(&json).expect("read"),
                flag
            );
        }
    }

    #[test]
    fn a_flag_this_version_does_not_know_is_kept_or_named_as_unknown() {
        assert_eq!(
            ChannelFlag::parse("quantum_flux:3"),
            ChannelFlag::Other {
                text: "quantum_flux:3".into()
            }
        );
        let newer: ChannelFlag =
            serde_json::from_str(r#"{"code":"quantum_flux"}"#).expect("a newer hub's flag");
        assert_eq!(newer, ChannelFlag::Unknown);
        assert!(cyrillic(&newer.wording(Lang::Ru)));
    }
}
