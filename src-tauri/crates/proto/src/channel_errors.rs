//! A connection's error as a stable code with its params, and its wording in the manager's
//! language. The channels crate keeps its English technical text for logs; the card words
//! the code. Kept here, beside [`crate::display`], so every code's wording is checked on the
//! host (the UI crate builds only for wasm).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::display::Lang;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal [$($param:literal),*],)*) => {
        /// Why a connection failed. Serialized as the snake_case text of [`Self::as_str`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ChannelErrorCode {
            $($(#[$doc])* $variant,)*
            /// A code this version does not know (from a newer hub): the card shows the
            /// technical text instead.
            #[serde(other)]
            Unknown,
        }

        impl ChannelErrorCode {
            /// Every code a connection's error can carry (not [`Self::Unknown`]).
            pub const ALL: &'static [ChannelErrorCode] = &[$(ChannelErrorCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ChannelErrorCode::$variant => $text,)*
                    ChannelErrorCode::Unknown => "unknown",
                }
            }

            /// The params the code carries, by name.
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $(ChannelErrorCode::$variant => &[$($param),*],)*
                    ChannelErrorCode::Unknown => &[],
                }
            }

            pub fn parse(text: &str) -> ChannelErrorCode {
                ChannelErrorCode::ALL
                    .iter()
                    .copied()
                    .find(|c| c.as_str() == text)
                    .unwrap_or(ChannelErrorCode::Unknown)
            }
        }
    };
}

codes! {
    /// The channel refused the keys (401/403): the connection pauses.
    Unauthorized = "unauthorized" ["status", "reason"],
    RateLimited = "rate_limited" ["attempts"],
    /// 5xx (or 408) after every retry.
    ServerError = "server_error" ["status", "attempts"],
    /// Another 4xx: the request itself was refused.
    Refused = "refused" ["status", "message"],
    Timeout = "timeout" ["attempts"],
    /// No connection (address, DNS, refused port, cut connection).
    Network = "network" ["detail"],
    /// The server's TLS certificate was not accepted: a question of trust, not of the address.
    CertificateUntrusted = "certificate_untrusted" ["detail"],
    Malformed = "malformed" ["what", "detail"],
    EndlessPaging = "endless_paging" ["what", "pages"],
    ReadOnlyKey = "read_only_key" ["status"],
    WrongOrder = "wrong_order" ["market", "asked", "got"],
    TooLarge = "too_large" ["limit_mb"],
    NoCredentials = "no_credentials" [],
    Keyring = "keyring" ["detail"],
    /// The pause's own reason is the card's (worded from its code); the channel's technical
    /// text stays in the error's message.
    Paused = "paused" [],
    UnknownConnection = "unknown_connection" ["id"],
    Config = "config" ["detail"],
    Storage = "storage" ["detail"],
    /// A marketplace action that will not heal, kept as the connection's error.
    PushFailed = "push_failed" ["order", "stage", "detail"],
    /// Why one marketplace action is not made (its row in the push queue): see
    /// `push_notes.rs`.
    PushWrongState = "push_wrong_state" ["action", "state"],
    PushNotReached = "push_not_reached" ["wanted", "answered"],
    PushCallsNeeded = "push_calls_needed" ["status", "needed", "logged"],
    PushNotCancelled = "push_not_cancelled" ["market"],
    PushNoMerchant = "push_no_merchant" [],
    PushNoBoxes = "push_no_boxes" [],
    PushStatusRefused = "push_status_refused" ["status", "detail"],
    CancelledThere = "cancelled_there" ["market"],
    CancelledHere = "cancelled_here" ["stage"],
}

/// A connection's error or pause as the card words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelErrorView {
    pub code: ChannelErrorCode,
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

impl ChannelErrorView {
    pub fn new(code: ChannelErrorCode, params: &[(&str, String)]) -> ChannelErrorView {
        ChannelErrorView {
            code,
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        }
    }

    /// The manager's wording of the error.
    pub fn wording(&self, lang: Lang) -> String {
        let p = |name: &str| self.params.get(name).map_or("?", String::as_str);
        let ru = lang == Lang::Ru;
        let pick = |r: String, e: String| if ru { r } else { e };
        use ChannelErrorCode as C;
        match self.code {
            C::Unauthorized => pick(
                format!(
                    "Ключи доступа не подошли (HTTP {}): {}. Проверьте ключ и секрет в настройках \
                     подключения — до исправления обмен остановлен.",
                    p("status"),
                    p("reason")
                ),
                format!(
                    "The keys were refused (HTTP {}): {}. Check the key and secret in the \
                     connection's settings; exchange is stopped until then.",
                    p("status"),
                    p("reason")
                ),
            ),
            C::RateLimited => pick(
                format!(
                    "Канал ограничивает частоту запросов: после {} попыток обмен отложен до \
                     следующего раза.",
                    p("attempts")
                ),
                format!(
                    "The channel limits our request rate: after {} tries the exchange waits \
                     for its next run.",
                    p("attempts")
                ),
            ),
            C::ServerError => pick(
                format!(
                    "Канал отвечает ошибкой HTTP {} (попыток: {}) — сбой на его стороне, обмен \
                     повторится по расписанию.",
                    p("status"),
                    p("attempts")
                ),
                format!(
                    "The channel answers HTTP {} ({} tries): a fault on its side; the exchange \
                     runs again on schedule.",
                    p("status"),
                    p("attempts")
                ),
            ),
            C::Refused => pick(
                format!(
                    "Канал отклонил запрос (HTTP {}): {}.",
                    p("status"),
                    p("message")
                ),
                format!(
                    "The channel refused the request (HTTP {}): {}.",
                    p("status"),
                    p("message")
                ),
            ),
            C::Timeout => pick(
                format!(
                    "Канал не ответил вовремя (попыток: {}). Проверьте адрес подключения и \
                     интернет.",
                    p("attempts")
                ),
                format!(
                    "The channel did not answer in time ({} tries). Check the connection's \
                     address and the internet.",
                    p("attempts")
                ),
            ),
            C::Network => pick(
                format!(
                    "Не удалось соединиться с каналом ({}). Проверьте адрес подключения и \
                     интернет.",
                    p("detail")
                ),
                format!(
                    "Could not connect to the channel ({}). Check the connection's address and \
                     the internet.",
                    p("detail")
                ),
            ),
            C::CertificateUntrusted => pick(
                format!(
                    "Сертификат сервера не принят: {}. Если у сайта собственный центр \
                     сертификации или самоподписанный сертификат, доверьте его в настройках \
                     подключения (файл ЦС или закреплённый сертификат).",
                    p("detail")
                ),
                format!(
                    "The server's certificate was not accepted: {}. If the site uses its own \
                     certificate authority or a self-signed certificate, trust it in the \
                     connection's settings (a CA file or a pinned certificate).",
                    p("detail")
                ),
            ),
            C::Malformed => pick(
                format!(
                    "Ответ канала не разобран ({}): {}. Проверьте, что адрес ведёт к нужной \
                     системе.",
                    p("what"),
                    p("detail")
                ),
                format!(
                    "The channel's answer could not be read ({}): {}. Check that the address \
                     leads to the right system.",
                    p("what"),
                    p("detail")
                ),
            ),
            C::EndlessPaging => pick(
                format!(
                    "{}: канал отдаёт страницы без конца — чтение остановлено после {} запросов.",
                    p("what"),
                    p("pages")
                ),
                format!(
                    "{}: the channel pages without end; reading stopped after {} requests.",
                    p("what"),
                    p("pages")
                ),
            ),
            C::ReadOnlyKey => pick(
                format!(
                    "Ключ доступа только для чтения (HTTP {}): заказы загружаются, но на сайт \
                     ничего не отправляется (статусы, остатки, сообщения покупателям) — дайте \
                     ключу права «Чтение/Запись» (WooCommerce → Настройки → Дополнительно → \
                     REST API).",
                    p("status")
                ),
                format!(
                    "The key may only read (HTTP {}): orders come in, but nothing goes to the \
                     site (statuses, stock, messages to customers). Give the key Read/Write \
                     rights (WooCommerce → Settings → Advanced → REST API).",
                    p("status")
                ),
            ),
            C::WrongOrder => pick(
                format!(
                    "{} ответил о заказе «{}», а запрошен «{}»: ответ не принят, действие не \
                     выполнено.",
                    p("market"),
                    p("got"),
                    p("asked")
                ),
                format!(
                    "{} answered about order «{}» while «{}» was asked: the answer was not \
                     taken, nothing was done.",
                    p("market"),
                    p("got"),
                    p("asked")
                ),
            ),
            C::TooLarge => pick(
                format!(
                    "Ответ канала больше {} МБ — дальше не читается.",
                    p("limit_mb")
                ),
                format!(
                    "The channel's answer is larger than {} MB: not read further.",
                    p("limit_mb")
                ),
            ),
            C::NoCredentials => pick(
                "Для подключения не сохранены ключи доступа — введите их в настройках \
                 подключения."
                    .to_owned(),
                "No keys are saved for this connection: enter them in its settings.".to_owned(),
            ),
            C::Keyring => pick(
                format!("Хранилище паролей системы недоступно: {}.", p("detail")),
                format!(
                    "The system's password store is unavailable: {}.",
                    p("detail")
                ),
            ),
            // The reason is the channel's own technical text (English): the card words the
            // pause from its code beside «Возобновить», so it is not repeated here.
            C::Paused => pick(
                "Подключение приостановлено: устраните причину, указанную в карточке \
                 подключения, и нажмите «Возобновить»."
                    .to_owned(),
                "The connection is paused: put right the reason shown on its card and press \
                 «Resume»."
                    .to_owned(),
            ),
            C::UnknownConnection => pick(
                format!("Подключение {} не найдено.", p("id")),
                format!("Connection {} not found.", p("id")),
            ),
            C::Config => pick(
                format!("Неверные настройки подключения: {}.", p("detail")),
                format!("Invalid connection settings: {}.", p("detail")),
            ),
            C::Storage => pick(
                format!("Ошибка базы данных программы: {}.", p("detail")),
                format!("The program's database failed: {}.", p("detail")),
            ),
            C::PushFailed => pick(
                format!(
                    "Действие для заказа {} (этап «{}») не выполнено: {}.",
                    p("order"),
                    p("stage"),
                    p("detail")
                ),
                format!(
                    "The action for order {} (stage «{}») failed: {}.",
                    p("order"),
                    p("stage"),
                    p("detail")
                ),
            ),
            C::PushWrongState
            | C::PushNotReached
            | C::PushCallsNeeded
            | C::PushNotCancelled
            | C::PushNoMerchant
            | C::PushNoBoxes
            | C::PushStatusRefused
            | C::CancelledThere
            | C::CancelledHere => crate::push_notes::wording(self.code, &self.params, lang),
            C::Unknown => pick(
                "Ошибка подключения (эта версия программы не знает её кода).".to_owned(),
                "Connection error (this version of the program does not know its code).".to_owned(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(code: ChannelErrorCode) -> ChannelErrorView {
        ChannelErrorView {
            code,
            params: code
                .params()
                .iter()
                .map(|p| ((*p).to_owned(), format!("<{p}>")))
                .collect(),
        }
    }

    #[test]
    fn every_code_is_worded_in_both_languages_with_all_its_params() {
        let cyrillic = |s: &str| {
            s.chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        };
        for &code in ChannelErrorCode::ALL {
            let view = sample(code);
            let ru = view.wording(Lang::Ru);
            let en = view.wording(Lang::En);
            for (lang, text) in [("ru", &ru), ("en", &en)] {
                assert!(text.len() > 20, "{code:?} {lang}: {text}");
                // Worded, not the raw code (a one-word code may be an ordinary word).
                let raw = code.as_str().contains('_') && text.contains(code.as_str());
                assert!(!raw, "{code:?} {lang} shows its raw code: {text}");
                assert!(!text.contains('?'), "{code:?} {lang} lacks a param: {text}");
                for p in code.params() {
                    assert!(
                        text.contains(&format!("<{p}>")),
                        "{code:?} {lang} drops {p}: {text}"
                    );
                }
            }
            assert!(cyrillic(&ru), "{code:?} not worded in Russian: {ru}");
            assert!(!cyrillic(&en), "{code:?} not worded in English: {en}");
            assert_ne!(ru, en);
        }
    }

    #[test]
    fn a_certificate_error_does_not_send_the_manager_to_the_address_and_the_internet() {
        let view = sample(ChannelErrorCode::CertificateUntrusted);
        let ru = view.wording(Lang::Ru);
        let en = view.wording(Lang::En);
        assert!(!ru.contains("интернет") && !ru.contains("адрес"), "{ru}");
        assert!(!en.contains("internet") && !en.contains("address"), "{en}");
        assert!(ru.contains("сертификат") && en.contains("certificate"));
        // The network's wording does blame them: that is the difference.
        assert!(sample(ChannelErrorCode::Network)
            .wording(Lang::Ru)
            .contains("интернет"));
    }

    #[test]
    fn codes_read_back_and_a_newer_code_is_unknown() {
        let mut seen = std::collections::HashSet::new();
        for &code in ChannelErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code:?} twice");
            let json = serde_json::to_string(&code).expect("serialize");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(
                serde_json::from_str::<ChannelErrorCode>(&json).expect("read"),
                code
            );
            assert_eq!(ChannelErrorCode::parse(code.as_str()), code);
        }
        let newer: ChannelErrorView =
            serde_json::from_str(r#"{"code":"quantum_flux","params":{"x":"1"}}"#)
                .expect("a newer hub's code still reads");
        assert_eq!(newer.code, ChannelErrorCode::Unknown);
        assert_eq!(
            ChannelErrorCode::parse("quantum_flux"),
            ChannelErrorCode::Unknown
        );
    }
}
