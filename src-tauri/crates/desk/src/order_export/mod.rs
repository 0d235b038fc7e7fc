//! Orders with their lines exported to CSV or XLSX for a period of days in the shop's time
//! zone (issue 14, point 6). The orders are read a page at a time and written row by row,
//! so a year of a big shop's orders never sits in memory; the file appears under its name
//! only once complete.
//!
//! An empty period gives a file with the header only: the manager asked for a period and
//! gets its (empty) table, the window says «0 заказов».

mod rows;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::Timestamp;
use proto::{ExportPeriod, OrdersExport, OrdersExported, SheetKind};
use store::{ExportCursor, ExportFilter};

use crate::sheet::{self, SheetError, SheetFormat, SheetWriter};
use crate::{convert, Desk, DeskError};

use rows::{Names, Stop};

/// Orders read at a time: a short read per page, a few megabytes at most in memory.
const PAGE: u32 = 500;

/// Attempts at a free file name in a folder before giving up (" (2)", " (3)", …).
const NAME_ATTEMPTS: u32 = 1000;

/// Why an export was refused or failed; the window words each from [`refusal`].
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the period ends ({to}) before it begins ({from})")]
    Reversed { from: Date, to: Date },
    #[error("{path:?} does not end in .{want}")]
    Extension { path: String, want: &'static str },
    #[error("only an administrator or a manager exports orders")]
    Forbidden,
    #[error("{path}: {source}")]
    NotWritten {
        path: String,
        #[source]
        source: SheetError,
    },
}

impl ExportError {
    pub(crate) fn code(&self) -> proto::ErrorCode {
        match self {
            ExportError::Forbidden => proto::ErrorCode::Forbidden,
            _ => proto::ErrorCode::InvalidInput,
        }
    }

    /// The Russian message for logs and older windows.
    pub(crate) fn message(&self) -> String {
        match self {
            ExportError::Reversed { .. } => "Конец периода раньше начала.".to_owned(),
            ExportError::Extension { want, .. } => {
                format!("Имя файла должно кончаться на .{want}.")
            }
            ExportError::Forbidden => "Заказы выгружают администратор и менеджеры.".to_owned(),
            ExportError::NotWritten { path, source } => {
                format!("Файл «{path}» не записан: {source}.")
            }
        }
    }
}

/// The refusal the window words itself.
pub(crate) fn refusal(e: &DeskError) -> Option<proto::Refusal> {
    let DeskError::Export(e) = e else {
        return None;
    };
    Some(match e {
        ExportError::Reversed { .. } => proto::Refusal::ExportPeriodReversed,
        ExportError::Extension { .. } => proto::Refusal::ExportExtension,
        ExportError::Forbidden => proto::Refusal::ExportForbidden,
        ExportError::NotWritten { path, source } => {
            proto::Refusal::ExportNotWritten(Box::new(proto::ExportFailure {
                path: path.clone(),
                reason: source.to_string(),
            }))
        }
    })
}

impl Desk {
    /// Writes the orders created in the period (days of the shop's zone, both ends included)
    /// with their lines; `documents` is the folder for a file when no path is given.
    pub fn export_orders(
        &self,
        input: OrdersExport,
        documents: &Path,
        now: Timestamp,
    ) -> Result<OrdersExported, DeskError> {
        if !matches!(
            self.actor().role,
            domain::Role::Admin | domain::Role::Manager
        ) {
            return Err(ExportError::Forbidden.into());
        }
        let zone = self.zone();
        let today = now.to_zoned(zone.clone()).date();
        let (from_day, to_day) = days(&input.period, today)?;
        let format = match input.format {
            SheetKind::Csv => SheetFormat::Csv,
            SheetKind::Xlsx => SheetFormat::Xlsx,
        };
        let workflow = self.store.workflow()?;
        if let Some(id) = &input.stage_id {
            if workflow.stage(id).is_none() && workflow.retired_stage(id).is_none() {
                return Err(DeskError::StageNotFound(id.clone()));
            }
        }
        let filter = ExportFilter {
            from: start_of(from_day, &zone)?,
            to: start_of(day_after(to_day)?, &zone)?,
            stage_id: input.stage_id,
            channel: input.channel.map(convert::to_channel),
        };
        let path = target(&input.path, documents, format, from_day, to_day)?;
        let names = Names::new(&workflow, zone);
        let (mut orders, mut lines) = (0_u64, 0_u64);
        let written = sheet::save_atomically(&path, |out| {
            let mut w = SheetWriter::new(format, out, "Заказы", &rows::HEADERS, &rows::WIDTHS)?;
            let mut after: Option<ExportCursor> = None;
            loop {
                let page = self.store.export_page(&filter, after, PAGE)?;
                for o in &page.orders {
                    lines += rows::write(&mut w, o, &names)?;
                    orders += 1;
                }
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
            Ok::<_, Stop>(w.finish()?)
        });
        let shown = path.display().to_string();
        match written {
            Ok(()) => Ok(OrdersExported {
                path: shown,
                orders,
                lines,
                from_day: from_day.to_string(),
                to_day: to_day.to_string(),
            }),
            Err(Stop::Desk(e)) => Err(e),
            Err(Stop::Sheet(source)) => Err(ExportError::NotWritten {
                path: shown,
                source,
            }
            .into()),
        }
    }
}

impl From<store::StoreError> for Stop {
    fn from(e: store::StoreError) -> Stop {
        Stop::Desk(e.into())
    }
}

/// The period's first and last day.
fn days(period: &ExportPeriod, today: Date) -> Result<(Date, Date), DeskError> {
    let bad = |day: &str| {
        DeskError::Input(proto::InputProblem::Date {
            day: day.to_owned(),
        })
    };
    let month_before = |d: Date| {
        d.first_of_month()
            .checked_sub(jiff::Span::new().months(1))
            .map_err(|_| bad(&d.to_string()))
    };
    let (from, to) = match period {
        ExportPeriod::Today => (today, today),
        ExportPeriod::ThisMonth => (today.first_of_month(), today.last_of_month()),
        ExportPeriod::LastMonth => {
            let first = month_before(today)?;
            (first, first.last_of_month())
        }
        ExportPeriod::Days { from, to } => (
            from.trim().parse().map_err(|_| bad(from))?,
            to.trim().parse().map_err(|_| bad(to))?,
        ),
    };
    if to < from {
        return Err(ExportError::Reversed { from, to }.into());
    }
    Ok((from, to))
}

fn day_after(day: Date) -> Result<Date, DeskError> {
    day.tomorrow().map_err(|_| {
        DeskError::Input(proto::InputProblem::Date {
            day: day.to_string(),
        })
    })
}

/// The instant `day` begins in `zone` (a day that begins at 01:00 after a clock change
/// begins then).
fn start_of(day: Date, zone: &jiff::tz::TimeZone) -> Result<Timestamp, DeskError> {
    day.to_zoned(zone.clone())
        .and_then(|z| z.start_of_day())
        .map(|z| z.timestamp())
        .map_err(|_| {
            DeskError::Input(proto::InputProblem::Date {
                day: day.to_string(),
            })
        })
}

/// Where the file goes: the path typed (its extension added when it has none), or a free
/// name after the period in the folder typed or in `documents`.
fn target(
    typed: &str,
    documents: &Path,
    format: SheetFormat,
    from: Date,
    to: Date,
) -> Result<PathBuf, DeskError> {
    let typed = typed.trim();
    let dir = if typed.is_empty() {
        documents.to_path_buf()
    } else {
        let path = PathBuf::from(typed);
        if !path.is_dir() {
            return match SheetFormat::of_path(&path) {
                Some(f) if f == format => Ok(path),
                Some(_) => Err(ExportError::Extension {
                    path: typed.to_owned(),
                    want: format.extension(),
                }
                .into()),
                None => Ok(PathBuf::from(format!("{typed}.{}", format.extension()))),
            };
        }
        path
    };
    let not_written = |source: std::io::Error| ExportError::NotWritten {
        path: dir.display().to_string(),
        source: SheetError::Io(source),
    };
    std::fs::create_dir_all(&dir).map_err(not_written)?;
    let day = |d: Date| d.strftime("%d.%m.%Y").to_string();
    let stem = if from == to {
        format!("Заказы {}", day(from))
    } else {
        format!("Заказы {}–{}", day(from), day(to))
    };
    let ext = format.extension();
    (1..=NAME_ATTEMPTS)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.{ext}")),
            n => dir.join(format!("{stem} ({n}).{ext}")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| {
            not_written(std::io::Error::other(format!(
                "в папке слишком много файлов «{stem}»"
            )))
            .into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("a date")
    }

    #[test]
    fn named_periods_are_cut_from_the_shops_today() {
        let today = d("2026-01-15");
        let cut = |p| days(&p, today).expect("a period");
        assert_eq!(cut(ExportPeriod::Today), (today, today));
        assert_eq!(
            cut(ExportPeriod::ThisMonth),
            (d("2026-01-01"), d("2026-01-31"))
        );
        // Across the new year.
        assert_eq!(
            cut(ExportPeriod::LastMonth),
            (d("2025-12-01"), d("2025-12-31"))
        );
    }

    #[test]
    fn a_reversed_period_is_refused_by_its_own_code() {
        let err = days(
            &ExportPeriod::Days {
                from: "2026-02-10".into(),
                to: "2026-02-01".into(),
            },
            d("2026-03-01"),
        )
        .expect_err("reversed");
        assert_eq!(refusal(&err), Some(proto::Refusal::ExportPeriodReversed));
    }

    #[test]
    fn a_folder_gets_a_free_name_after_the_period_and_a_bare_name_its_extension() {
        let dir = tempfile::tempdir().expect("dir");
        let (from, to) = (d("2026-12-01"), d("2026-12-31"));
        let first = target("", dir.path(), SheetFormat::Xlsx, from, to).expect("a name");
        assert_eq!(first, dir.path().join("Заказы 01.12.2026–31.12.2026.xlsx"));
        std::fs::write(&first, "").expect("taken");
        let typed = dir.path().display().to_string();
        let second = target(&typed, dir.path(), SheetFormat::Xlsx, from, to).expect("a name");
        assert_eq!(
            second,
            dir.path().join("Заказы 01.12.2026–31.12.2026 (2).xlsx")
        );
        let bare = dir.path().join("итоги").display().to_string();
        assert_eq!(
            target(&bare, dir.path(), SheetFormat::Csv, from, to).expect("a name"),
            dir.path().join("итоги.csv")
        );
        let wrong = dir.path().join("итоги.csv").display().to_string();
        let err = target(&wrong, dir.path(), SheetFormat::Xlsx, from, to).expect_err("csv");
        assert_eq!(refusal(&err), Some(proto::Refusal::ExportExtension));
    }
}
