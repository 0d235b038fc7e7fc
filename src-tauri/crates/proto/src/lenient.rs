//! Reading a typed detail a newer peer may send in a shape this version does not know.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

/// An optional field read leniently: a value this version cannot read (a variant a newer
/// hub added, nested where `#[serde(other)]` cannot reach) is `None`, so the rest of the
/// answer (its text) still reads, instead of the whole answer failing.
pub(crate) fn option<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Option::<serde_json::Value>::deserialize(d)?;
    Ok(value.and_then(|v| serde_json::from_value(v).ok()))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Answer {
        message: String,
        #[serde(default, deserialize_with = "super::option")]
        outcome: Option<crate::ChannelTestOutcome>,
    }

    #[test]
    fn a_detail_from_a_newer_peer_leaves_the_answer_readable() {
        let newer = r#"{"message":"текст","outcome":{"outcome":"failed","kind":"ozon","address":"","problem":{"problem":"from_the_future"}}}"#;
        let read: Answer = serde_json::from_str(newer).expect("the answer reads");
        assert_eq!(read.message, "текст");
        assert!(read.outcome.is_none());
        let known = r#"{"message":"т","outcome":{"outcome":"works","kind":"ozon"}}"#;
        let read: Answer = serde_json::from_str(known).expect("reads");
        assert!(read.outcome.is_some());
        let absent: Answer = serde_json::from_str(r#"{"message":"т"}"#).expect("reads");
        assert!(absent.outcome.is_none());
    }
}
