//! The shop's time zone: where its days begin for papers and date filters.

use std::sync::PoisonError;

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::{papers, Desk, DeskError};

impl Desk {
    pub(crate) fn zone(&self) -> TimeZone {
        self.zone
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The shop's time zone as an IANA name, e.g. `Europe/Moscow`.
    pub fn time_zone(&self) -> Result<String, DeskError> {
        Ok(self
            .store
            .time_zone()?
            .unwrap_or_else(|| papers::DEFAULT_ZONE.to_owned()))
    }

    /// Sets the shop's time zone; an unknown name is refused and nothing changes.
    pub fn set_time_zone(&self, name: &str) -> Result<String, DeskError> {
        let name = name.trim();
        let zone = TimeZone::get(name).map_err(|_| proto::InputProblem::TimeZone {
            name: name.to_owned(),
        })?;
        self.store.set_time_zone(name)?;
        *self.zone.write().unwrap_or_else(PoisonError::into_inner) = zone;
        Ok(name.to_owned())
    }

    /// The instant a `YYYY-MM-DD` day begins in the shop, `days_after` days later.
    pub(crate) fn day_start(&self, day: &str, days_after: i64) -> Result<Timestamp, DeskError> {
        let bad = || proto::InputProblem::Date {
            day: day.to_owned(),
        };
        let date: jiff::civil::Date = day.trim().parse().map_err(|_| bad())?;
        let date = date
            .checked_add(jiff::Span::new().days(days_after))
            .map_err(|_| bad())?;
        Ok(date
            .to_zoned(self.zone())
            .map_err(|_| bad())?
            .start_of_day()
            .map_err(|_| bad())?
            .timestamp())
    }
}
