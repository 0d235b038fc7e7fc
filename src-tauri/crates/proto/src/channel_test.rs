//! What a connection test found ("Проверить подключение"), as data the window words in its
//! own language. The desk made it as Russian text, which an English window showed as it was.

use serde::{Deserialize, Serialize};

use crate::display::Lang;
use crate::ChannelKind;

/// A test's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ChannelTestOutcome {
    /// The keys were accepted.
    Works { kind: ChannelKind },
    /// 1C connects to the desk itself: there is nothing to call from here.
    OneCConnectsItself,
    /// A shared hub does not call this address (plain http, inside its network, unknown).
    AddressRefused { problem: crate::InputProblem },
    Failed {
        kind: ChannelKind,
        /// The connection's address, as the manager typed it.
        address: String,
        problem: TestProblem,
    },
}

/// Why a test failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum TestProblem {
    KeysRefused {
        status: u16,
    },
    RateLimited,
    Timeout,
    Unreachable,
    /// The server's certificate was not accepted; `why` is the TLS library's (English).
    Certificate {
        why: String,
    },
    ServerError {
        status: u16,
    },
    Refused {
        status: u16,
        message: String,
    },
    /// Something answers at the address, but not the system of this kind.
    NotThisSystem,
    NoKeys,
    Keyring,
    /// A Yandex Market connection without its campaign number.
    NoCampaign,
    Settings {
        detail: String,
    },
    Other {
        detail: String,
    },
}

/// The system's name as the test's sentences start with it.
fn who(lang: Lang, kind: ChannelKind) -> &'static str {
    use ChannelKind as K;
    match (kind, lang) {
        (K::WooCommerce, Lang::Ru) => "Сайт",
        (K::WooCommerce, Lang::En) => "The site",
        (K::MoySklad, Lang::Ru) => "МойСклад",
        (K::MoySklad, Lang::En) => "MoySklad",
        (K::CommerceMl, Lang::Ru) => "1С",
        (K::CommerceMl, Lang::En) => "1C",
        (K::Ozon, _) => "Ozon",
        (K::YandexMarket, Lang::Ru) => "Яндекс Маркет",
        (K::YandexMarket, Lang::En) => "Yandex Market",
        (K::MegaMarket, Lang::Ru) => "Мегамаркет",
        (K::MegaMarket, Lang::En) => "MegaMarket",
    }
}

/// The system's name inside a sentence: the site is not a proper name.
fn who_within(lang: Lang, kind: ChannelKind) -> &'static str {
    match (kind, lang) {
        (ChannelKind::WooCommerce, Lang::Ru) => "сайт",
        (ChannelKind::WooCommerce, Lang::En) => "the site",
        _ => who(lang, kind),
    }
}

impl ChannelTestOutcome {
    pub fn wording(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        let pick = |r: String, e: String| if ru { r } else { e };
        let (kind, address, problem) = match self {
            ChannelTestOutcome::OneCConnectsItself => {
                return pick(
                    "1С подключается к программе сама: проверьте обмен из 1С.".into(),
                    "1C connects to the desk itself: check the exchange from 1C.".into(),
                )
            }
            ChannelTestOutcome::AddressRefused { problem } => return problem.wording(lang),
            ChannelTestOutcome::Works { kind } => {
                let w = who(lang, *kind);
                return pick(
                    format!("{w}: подключение работает, ключи приняты."),
                    format!("{w}: the connection works, the keys were accepted."),
                );
            }
            ChannelTestOutcome::Failed {
                kind,
                address,
                problem,
            } => (*kind, address, problem),
        };
        let w = who(lang, kind);
        use TestProblem as P;
        match problem {
            P::KeysRefused { status } => pick(
                format!(
                    "{w}: ключи не подошли — доступ запрещён (HTTP {status}). Проверьте ключ и \
                     секрет."
                ),
                format!(
                    "{w}: the keys were refused (HTTP {status}). Check the key and the secret."
                ),
            ),
            P::RateLimited => pick(
                format!(
                    "{w} ограничивает частоту запросов — ключи, вероятно, верны; проверьте \
                     через минуту."
                ),
                format!(
                    "{w} limits the request rate: the keys are probably right; test again in a \
                     minute."
                ),
            ),
            P::Timeout => pick(
                format!("{w} не ответил вовремя. Проверьте адрес «{address}» и интернет."),
                format!(
                    "{w} did not answer in time. Check the address «{address}» and the \
                     internet."
                ),
            ),
            P::Unreachable => pick(
                format!(
                    "{w} недоступен: не удалось соединиться с «{address}». Проверьте адрес и \
                     интернет."
                ),
                format!(
                    "{w} cannot be reached: no connection to «{address}». Check the address \
                     and the internet."
                ),
            ),
            P::Certificate { why } => pick(
                format!(
                    "{w}: сертификат сервера «{address}» не принят — {why}. Если у сайта \
                     собственный центр сертификации или самоподписанный сертификат, укажите \
                     его в поле «Сертификат» (файл ЦС или закреплённый сертификат сайта)."
                ),
                format!(
                    "{w}: the certificate of «{address}» was not accepted: {why}. If the site \
                     uses its own certificate authority or a self-signed certificate, give it \
                     in the «Certificate» field (a CA file or the site's pinned certificate)."
                ),
            ),
            P::ServerError { status } => pick(
                format!(
                    "{w} отвечает ошибкой HTTP {status} — сбой на его стороне, попробуйте \
                     позже."
                ),
                format!("{w} answers HTTP {status}: a fault on its side; try again later."),
            ),
            P::Refused { status, message } => pick(
                format!("{w} отказал в запросе (HTTP {status}): {message}. Проверьте адрес."),
                format!("{w} refused the request (HTTP {status}): {message}. Check the address."),
            ),
            P::NotThisSystem => {
                let w = who_within(lang, kind);
                pick(
                    format!(
                        "По адресу «{address}» отвечает не {w}: ответ не разобран. Проверьте \
                         адрес."
                    ),
                    format!(
                        "What answers at «{address}» is not {w}: its answer could not be read. \
                         Check the address."
                    ),
                )
            }
            P::NoKeys => pick(
                "Для подключения не сохранены ключи доступа.".into(),
                "No access keys are saved for the connection.".into(),
            ),
            P::Keyring => pick(
                "Хранилище паролей системы недоступно.".into(),
                "The system's password store cannot be reached.".into(),
            ),
            P::NoCampaign => pick(
                "Укажите номер кампании Яндекс Маркета (в «Действиях маркетплейса») и \
                 проверьте снова."
                    .into(),
                "Give the Yandex Market campaign number (in «Marketplace actions») and test \
                 again."
                    .into(),
            ),
            P::Settings { detail } => pick(
                format!("Неверные настройки подключения: {detail}."),
                format!("The connection's settings are wrong: {detail}."),
            ),
            P::Other { detail } => pick(
                format!("{w}: проверка не удалась ({detail})."),
                format!("{w}: the test failed ({detail})."),
            ),
        }
    }
}

impl crate::ChannelTestResult {
    /// The result in the window's language: its outcome's wording, or the desk's own
    /// (Russian) text from a desk or hub that sends no outcome.
    pub fn said(&self, lang: Lang) -> String {
        self.outcome
            .as_ref()
            .map_or_else(|| self.message.clone(), |o| o.wording(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_is_worded_in_both_languages() {
        let failed = |problem| ChannelTestOutcome::Failed {
            kind: ChannelKind::YandexMarket,
            address: "https://api.partner.market.yandex.ru".into(),
            problem,
        };
        let all = [
            ChannelTestOutcome::Works {
                kind: ChannelKind::Ozon,
            },
            ChannelTestOutcome::OneCConnectsItself,
            ChannelTestOutcome::AddressRefused {
                problem: crate::InputProblem::HttpsNeeded {
                    url: "http://shop.example".into(),
                },
            },
            failed(TestProblem::KeysRefused { status: 401 }),
            failed(TestProblem::RateLimited),
            failed(TestProblem::Timeout),
            failed(TestProblem::Unreachable),
            failed(TestProblem::Certificate {
                why: "unknown issuer".into(),
            }),
            failed(TestProblem::ServerError { status: 502 }),
            failed(TestProblem::Refused {
                status: 404,
                message: "no route".into(),
            }),
            failed(TestProblem::NotThisSystem),
            failed(TestProblem::NoKeys),
            failed(TestProblem::Keyring),
            failed(TestProblem::NoCampaign),
            failed(TestProblem::Settings { detail: "x".into() }),
            failed(TestProblem::Other { detail: "y".into() }),
        ];
        let all = all
            .into_iter()
            .chain(ChannelKind::ALL.into_iter().flat_map(|kind| {
                [
                    ChannelTestOutcome::Works { kind },
                    ChannelTestOutcome::Failed {
                        kind,
                        address: "https://shop.example".into(),
                        problem: TestProblem::NotThisSystem,
                    },
                ]
            }));
        for outcome in all {
            let (ru, en) = (outcome.wording(Lang::Ru), outcome.wording(Lang::En));
            assert_ne!(ru, en, "{outcome:?}");
            assert!(
                en.chars().all(|c| !('\u{0400}'..='\u{04FF}').contains(&c)),
                "Russian in the English wording: {en}"
            );
        }
    }

    #[test]
    fn the_site_is_not_a_proper_name_inside_a_sentence() {
        let outcome = ChannelTestOutcome::Failed {
            kind: ChannelKind::WooCommerce,
            address: "https://shop.example".into(),
            problem: TestProblem::NotThisSystem,
        };
        assert!(outcome.wording(Lang::Ru).contains("отвечает не сайт:"));
        assert!(outcome.wording(Lang::En).contains("is not the site:"));
    }

    #[test]
    fn a_result_without_an_outcome_says_the_desk_s_text() {
        let old = crate::ChannelTestResult {
            ok: false,
            message: "Сайт: проверка не удалась.".into(),
            may_save_anyway: false,
            outcome: None,
        };
        assert_eq!(old.said(Lang::En), "Сайт: проверка не удалась.");
    }
}
