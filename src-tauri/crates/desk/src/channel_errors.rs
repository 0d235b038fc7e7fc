//! A connection's error as the card words it: the code and params the channels crate keeps
//! beside its technical text, read into `proto::ChannelErrorView`.

use channels::{ChannelError, ErrorCode};
use proto::{ChannelErrorCode, ChannelErrorView};

pub(crate) fn view(code: &ErrorCode) -> ChannelErrorView {
    ChannelErrorView::new(ChannelErrorCode::parse(code.code), &code.params)
}

pub(crate) fn error_view(e: &ChannelError) -> ChannelErrorView {
    view(&e.code())
}

/// A stored code and its params (a JSON object of strings); `None` for errors recorded
/// before codes were kept, which the card shows as their text.
pub(crate) fn stored(code: Option<String>, params: Option<String>) -> Option<ChannelErrorView> {
    let code = code?;
    let params = params
        .and_then(|p| serde_json::from_str(&p).ok())
        .unwrap_or_default();
    Some(ChannelErrorView {
        code: ChannelErrorCode::parse(&code),
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every variant: a new variant must be added here, and its code must be one the
    /// UI words, with exactly the params its wording uses.
    fn every_error() -> Vec<ChannelError> {
        vec![
            ChannelError::Unauthorized {
                status: 401,
                reason: "woocommerce_rest_cannot_view".into(),
            },
            ChannelError::RateLimited { attempts: 5 },
            ChannelError::Server {
                status: 502,
                attempts: 5,
            },
            ChannelError::Refused {
                status: 404,
                message: "rest_no_route".into(),
            },
            ChannelError::Timeout { attempts: 5 },
            ChannelError::Network("error sending request".into()),
            ChannelError::Certificate("invalid peer certificate: UnknownIssuer".into()),
            ChannelError::Malformed {
                what: "orders page",
                detail: "expected value at line 1".into(),
            },
            ChannelError::EndlessPaging {
                what: "заказы Ozon",
                pages: 1000,
            },
            ChannelError::ReadOnlyKey { status: 403 },
            ChannelError::WrongOrder {
                market: "Ozon",
                asked: "1-1".into(),
                got: "2-2".into(),
            },
            ChannelError::TooLarge { limit_mb: 64 },
            ChannelError::NoCredentials,
            ChannelError::Keyring("no secret service".into()),
            ChannelError::Paused("keys refused".into()),
            ChannelError::UnknownConnection(uuid::Uuid::nil()),
            ChannelError::Config("site address: empty host".into()),
            ChannelError::Store(store::StoreError::Corrupt("bad row".into())),
        ]
    }

    /// The params made are exactly those the code's wording uses.
    fn assert_declared_params(v: &ChannelErrorView, what: &str) {
        let mut names: Vec<&str> = v.params.keys().map(String::as_str).collect();
        let mut declared = v.code.params().to_vec();
        names.sort_unstable();
        declared.sort_unstable();
        assert_eq!(names, declared, "{what}: params");
    }

    #[test]
    fn every_channel_error_has_a_code_the_ui_words() {
        let mut codes = std::collections::HashSet::new();
        for e in every_error() {
            let v = error_view(&e);
            assert_ne!(v.code, ChannelErrorCode::Unknown, "{e:?} has no known code");
            assert_declared_params(&v, &format!("{e:?}"));
            codes.insert(v.code);
        }
        // Apart from the push notes (not ChannelErrors), every code comes from a variant.
        let notes = [
            ErrorCode::push_failed("1", "picking", "x"),
            ErrorCode::push_wrong_state("ship", "delivered"),
            ErrorCode::push_not_reached("PROCESSING / READY_TO_SHIP", "PROCESSING / STARTED"),
            ErrorCode::push_calls_needed("USER_UNREACHABLE", 3, 1),
            ErrorCode::push_not_cancelled("Ozon"),
            ErrorCode::push_no_merchant(),
            ErrorCode::push_no_boxes(),
            ErrorCode::push_status_refused("delivering", "wrong state"),
            ErrorCode::cancelled_there("Мегамаркет"),
            ErrorCode::cancelled_here("Упаковка"),
        ];
        for note in notes {
            let v = view(&note);
            assert_declared_params(&v, &format!("{note:?}"));
            codes.insert(v.code);
        }
        for code in ChannelErrorCode::ALL {
            assert!(codes.contains(code), "{code:?} is never made");
        }
    }

    #[test]
    fn a_certificate_error_is_not_a_network_error() {
        let v = error_view(&ChannelError::Certificate("UnknownIssuer".into()));
        assert_eq!(v.code, ChannelErrorCode::CertificateUntrusted);
        let text = v.wording(proto::display::Lang::Ru);
        assert!(!text.contains("интернет"), "{text}");
    }

    #[test]
    fn an_error_stored_before_codes_has_none_and_a_stored_one_reads_back() {
        assert_eq!(stored(None, None), None);
        let v = stored(Some("timeout".into()), Some(r#"{"attempts":"5"}"#.into())).expect("a code");
        assert_eq!(v.code, ChannelErrorCode::Timeout);
        assert_eq!(v.params.get("attempts").map(String::as_str), Some("5"));
    }
}
