//! Reading what the marketplaces' specs allow: a field the spec marks `nullable` (or one a
//! marketplace sends as `null` anyway) means "nothing here", not a broken answer.

use serde::{Deserialize, Deserializer};

/// `null` as the type's default; use with `#[serde(default, deserialize_with = "…")]` so a
/// missing field defaults too.
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    struct Probe {
        #[serde(default, deserialize_with = "super::null_default")]
        list: Vec<i64>,
        #[serde(default, deserialize_with = "super::null_default")]
        text: String,
    }

    #[test]
    fn null_and_missing_read_as_default() {
        let null: Probe = serde_json::from_str(r#"{"list": null, "text": null}"#).expect("null");
        let missing: Probe = serde_json::from_str("{}").expect("missing");
        assert_eq!(null, Probe::default());
        assert_eq!(missing, Probe::default());
        let set: Probe = serde_json::from_str(r#"{"list": [1], "text": "a"}"#).expect("set");
        assert_eq!(set.list, vec![1]);
    }
}
