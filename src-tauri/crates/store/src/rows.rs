//! Converting between SQLite's text and integers and the domain's types.

use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use crate::StoreError;

pub(crate) fn ms(at: Timestamp) -> i64 {
    at.as_millisecond()
}

pub(crate) fn timestamp(ms: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(ms)
        .map_err(|_| StoreError::Corrupt(format!("instant {ms} ms is out of range")))
}

pub(crate) fn opt_timestamp(ms: Option<i64>) -> Result<Option<Timestamp>, StoreError> {
    ms.map(timestamp).transpose()
}

pub(crate) fn duration_ms(d: SignedDuration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

pub(crate) fn uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("id {text:?} is not a uuid")))
}

pub(crate) fn parse<T>(
    text: &str,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    parse(text).ok_or_else(|| StoreError::Corrupt(format!("unknown {what} {text:?}")))
}

/// `products.vat_rate` for a product without its own rate (the shop's default applies).
pub(crate) const SHOP_VAT: &str = "shop";
