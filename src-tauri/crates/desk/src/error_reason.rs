//! A desk error as the window meets it: the typed reason it words in its own language
//! (`proto::ErrorReason`), whose Russian wording is the error's `message`, or, for the errors
//! still made as Russian text where they happen, that text.

use channels::ChannelError;
use docs::print::PrintError;
use domain::WorkflowError;
use proto::{
    ChannelTask, DocumentProblem, ErrorReason as R, PreviewProblem, PrintProblem, ShopPart,
    WorkflowProblem,
};
use store::StoreError;
use sync::SyncError;

use crate::DeskError;

/// What the window is told.
pub(crate) enum Said {
    Reason(R),
    /// Russian only (a sign-in refusal, a form's free-text check): shown as it is.
    Text(String),
}

/// Exhaustive on purpose: a new error says here how the window words it.
pub(crate) fn said(e: &DeskError) -> Said {
    let reason = match e {
        DeskError::DataDir { path, .. } => R::DataDir {
            path: path.display().to_string(),
        },
        DeskError::OrderNotFound(_) => R::OrderNotFound,
        DeskError::StageNotFound(_) => R::StageNotFound,
        DeskError::TransitionNotAllowed { refusal, .. }
        | DeskError::Forbidden { refusal, .. }
        | DeskError::Rejected { refusal, .. } => R::Refused {
            refusal: (**refusal).clone(),
        },
        DeskError::AdminOnly(task) => R::AdminOnly { task: *task },
        DeskError::SignIn(refusal) => R::SignIn {
            refusal: refusal.clone(),
        },
        DeskError::InvalidInput(what) => return Said::Text(format!("Неверные данные: {what}.")),
        DeskError::FromHub { reason, .. } => return Said::Reason((**reason).clone()),
        DeskError::Input(problem) => R::Input {
            problem: problem.clone(),
        },
        DeskError::Pin(e) => return Said::Text(format!("PIN-код не сохранён: {e}.")),
        DeskError::Requisites(errors) => R::Requisites {
            problems: errors.iter().map(requisite).collect(),
        },
        DeskError::VersionNotFound(n) => R::VersionNotFound { version: *n },
        DeskError::Money(_) => R::MoneyOverflow,
        DeskError::Storage(e) => return storage(e),
        DeskError::RequisitesMissing => R::RequisitesMissing,
        DeskError::NoWaybillForPost { number } => R::NoWaybillForPost {
            number: number.clone(),
        },
        DeskError::Document(e) => R::Document {
            problem: document(e),
        },
        DeskError::Print(e) => R::Print { problem: print(e) },
        DeskError::Workflow(e) => R::Workflow {
            problem: workflow(e),
        },
        DeskError::Preview(e) => R::Preview {
            problem: match e {
                docs::preview::PreviewError::RendererMissing => PreviewProblem::RendererMissing,
                docs::preview::PreviewError::Render(detail) => PreviewProblem::Render {
                    detail: detail.clone(),
                },
            },
        },
        DeskError::ReadOnly => R::ReadOnly,
        DeskError::Sync(e) => hub(e),
        DeskError::Channel(e) => channel(ChannelTask::Exchange, e),
        DeskError::Labels(e) => channel(ChannelTask::Labels, e),
        DeskError::Warehouses(e) => channel(ChannelTask::Warehouses, e),
        DeskError::SiteCertificate(e) => channel(ChannelTask::SiteCertificate, e),
        // Worded by the window from the error's `refusal`; this is the Russian for logs.
        DeskError::Export(e) => return Said::Text(e.message()),
        DeskError::SignInRequired => R::SignInRequired,
        DeskError::BackupDamaged(_) => R::BackupDamaged,
        DeskError::NoBackup(_) => R::NoBackup,
        DeskError::BackupFolder { path, .. } => R::BackupFolder {
            path: path.display().to_string(),
        },
        DeskError::PrintedNotRecorded { job, .. } => R::PrintedNotRecorded { job: job.clone() },
    };
    Said::Reason(reason)
}

fn storage(e: &StoreError) -> Said {
    Said::Reason(match e {
        StoreError::Forbidden(f) => {
            use domain::ShopPart as P;
            let part = match f.part {
                P::Stages => ShopPart::Stages,
                P::Requisites => ShopPart::Requisites,
                P::Products => ShopPart::Products,
                P::InputLimits => ShopPart::InputLimits,
                P::DeliveryPayment => ShopPart::DeliveryPayment,
            };
            R::RoleMayNotChange {
                role: crate::convert::role(f.role),
                part,
            }
        }
        StoreError::InUse(path) => R::DataInUse {
            path: path.display().to_string(),
        },
        StoreError::Corrupt(_) | StoreError::Json(_) | StoreError::Money(_) => R::Corrupt,
        StoreError::Sqlite(_)
        | StoreError::Migration(_)
        | StoreError::OrderNotFound(_)
        | StoreError::Rejected(_)
        | StoreError::Workflow(_)
        | StoreError::Io(_)
        | StoreError::Spawn(_)
        | StoreError::WriterGone
        | StoreError::WriteAborted => R::Storage,
    })
}

fn hub(e: &SyncError) -> R {
    match e {
        SyncError::Unauthorized => R::HubUnauthorized,
        SyncError::Revoked => R::HubRevoked,
        SyncError::UpgradeRequired => R::HubUpgradeRequired,
        SyncError::InsecureUrl(url) => R::HubInsecureUrl { url: url.clone() },
        // Its own words: worded as «cannot be reached», it put the sync's English text
        // into a Russian sentence, and the hub was reached.
        SyncError::RateLimited { retry_after_s } => R::HubBusy {
            retry_after_s: *retry_after_s,
        },
        SyncError::Offline(_) => R::HubOffline {
            detail: e.to_string(),
        },
        SyncError::BadAnswer(_) | SyncError::Store(_) => R::HubFailed {
            detail: e.to_string(),
        },
    }
}

fn channel(task: ChannelTask, e: &ChannelError) -> R {
    R::Channel {
        task,
        error: crate::channel_errors::error_view(e),
    }
}

fn document(e: &docs::DocError) -> DocumentProblem {
    match e {
        docs::DocError::Font(detail) => DocumentProblem::Font {
            detail: detail.clone(),
        },
        docs::DocError::QrPayload(q) => qr(q),
        docs::DocError::QrEncode(detail) => DocumentProblem::QrEncode {
            detail: detail.clone(),
        },
        docs::DocError::Barcode { number, reason } => DocumentProblem::Barcode {
            number: number.clone(),
            reason: reason.clone(),
        },
    }
}

fn print(e: &PrintError) -> PrintProblem {
    match e {
        PrintError::LpMissing => PrintProblem::LpMissing,
        PrintError::ShellMissing(program) => PrintProblem::ShellMissing {
            program: program.clone(),
        },
        PrintError::Copies(copies) => PrintProblem::Copies { copies: *copies },
        PrintError::Rejected { printer, message } => PrintProblem::Rejected {
            printer: printer.clone(),
            message: message.clone(),
        },
        PrintError::Io(detail) => PrintProblem::Io {
            detail: detail.clone(),
        },
        PrintError::Unavailable(detail) => PrintProblem::Unavailable {
            detail: detail.clone(),
        },
    }
}

fn workflow(e: &WorkflowError) -> WorkflowProblem {
    match e {
        WorkflowError::NotAdmin(role) => WorkflowProblem::NotAdmin {
            role: crate::convert::role(*role),
        },
        WorkflowError::UnknownStage(stage) => WorkflowProblem::UnknownStage {
            stage: stage.clone(),
        },
        WorkflowError::DuplicateId(id) => WorkflowProblem::DuplicateId { id: id.clone() },
        WorkflowError::EmptyName => WorkflowProblem::EmptyName,
        WorkflowError::DuplicateName(name) => WorkflowProblem::DuplicateName { name: name.clone() },
        WorkflowError::BadLimit => WorkflowProblem::BadLimit,
        WorkflowError::ClosedStage(stage) => WorkflowProblem::ClosedStage {
            stage: stage.clone(),
        },
        WorkflowError::LastStage => WorkflowProblem::LastStage,
        WorkflowError::EmptyRoute => WorkflowProblem::EmptyRoute,
    }
}

/// The error and its causes, each said once, for the log.
pub(crate) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let said = cause.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        source = cause.source();
    }
    text
}

fn qr(e: &docs::qr_payload::QrPayloadError) -> DocumentProblem {
    use docs::qr_payload::QrPayloadError as Q;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    match e {
        Q::Missing(key) => DocumentProblem::QrMissing {
            key: (*key).to_owned(),
        },
        Q::TooLong { key, max, len } => DocumentProblem::QrTooLong {
            key: (*key).to_owned(),
            max: count(*max),
            len: count(*len),
        },
        Q::Digits { key, exact, value } => DocumentProblem::QrDigits {
            key: (*key).to_owned(),
            digits: exact.map(count),
            value: value.clone(),
        },
        Q::NoSeparator => DocumentProblem::QrNoSeparator,
    }
}

/// The domain's refusal of one requisite as the window words it; the field is known by the
/// form's label the domain names it with.
fn requisite(e: &domain::requisites::RequisiteError) -> proto::RequisiteProblem {
    use domain::requisites::RequisiteError as E;
    use proto::{BuyerProblem as P, RequisiteField as F};
    let field = |label: &str| match label {
        "Наименование" => F::Name,
        "ИНН" => F::Inn,
        "КПП" => F::Kpp,
        "ОГРН" => F::Ogrn,
        "БИК" => F::Bic,
        "Наименование банка" => F::BankName,
        "Наименование банка для QR-кода" => F::BankNameQr,
        "Расчётный счёт" => F::SettlementAccount,
        "Корр. счёт" => F::CorrAccount,
        _ => F::Other,
    };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let (field, problem, value, bic, max, len) = match e {
        E::Missing(label) => (field(label), P::Missing, String::new(), String::new(), 0, 0),
        E::Shape {
            field: f, value, ..
        } => (field(f), P::Shape, value.clone(), String::new(), 0, 0),
        E::CheckDigit { field: f, value } => {
            (field(f), P::CheckDigit, value.clone(), String::new(), 0, 0)
        }
        E::AccountKey {
            field: f,
            account,
            bic,
        } => (field(f), P::AccountKey, account.clone(), bic.clone(), 0, 0),
        E::TooLongForQr { field: f, max, len } => (
            field(f),
            P::TooLong,
            String::new(),
            String::new(),
            count(*max),
            count(*len),
        ),
    };
    proto::RequisiteProblem {
        field,
        problem,
        value,
        bic,
        max,
        len,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The desk matched the Russian words of the part a role may not change; two parts
    /// (the input limits, delivery and payment) fell through to Russian-only text.
    #[test]
    fn every_part_a_role_may_not_change_is_worded_in_both_languages() {
        use domain::{Role, ShopPart as P};
        use proto::display::Lang;
        for (part, english) in [
            (P::Stages, "the stages"),
            (P::Requisites, "the shop's requisites"),
            (P::Products, "products"),
            (P::InputLimits, "the input limits"),
            (P::DeliveryPayment, "the delivery and payment methods"),
        ] {
            let e = DeskError::Storage(StoreError::Forbidden(domain::ShopOpForbidden {
                role: Role::Manager,
                part,
            }));
            let Said::Reason(r) = said(&e) else {
                panic!("{part:?} has no reason")
            };
            assert!(r.wording(Lang::Ru).contains(part.words()), "{part:?}");
            let en = r.wording(Lang::En);
            assert!(
                en.starts_with("Not saved") && en.contains(&format!("may not change {english}.")),
                "{en}"
            );
        }
    }

    /// The site certificate's refusal is worded as its error's own text, which the hub hands
    /// on to a team desk (a text already worded so is kept as it is).
    #[test]
    fn a_site_certificate_refusal_says_what_the_error_says() {
        use proto::display::Lang;
        let errors = || {
            vec![
                ChannelError::Config("нужен адрес https://".into()),
                ChannelError::Network("connection refused".into()),
                ChannelError::Timeout { attempts: 1 },
                ChannelError::Config("Сертификат сайта не получен: сайт не ответил.".into()),
            ]
        };
        for (i, (e, again)) in errors().into_iter().zip(errors()).enumerate() {
            let text = DeskError::SiteCertificate(e).to_string();
            let Said::Reason(r) = said(&DeskError::SiteCertificate(again)) else {
                panic!("a site certificate error has a reason")
            };
            assert_eq!(r.wording(Lang::Ru), text);
            // The hub's text (the last) stays Russian; the desk's own is worded in English.
            if i < 3 {
                assert!(r.wording(Lang::En).starts_with("The site's certificate"));
            }
        }
    }

    /// The Russian of the print system's errors is the docs crate's own text: the wording in
    /// proto must not drift from it.
    #[test]
    fn the_print_and_document_wording_is_the_docs_crates_own() {
        use proto::display::Lang;
        for e in [
            PrintError::LpMissing,
            PrintError::ShellMissing("powershell.exe".into()),
            PrintError::Copies(1000),
            PrintError::Rejected {
                printer: "Kyocera".into(),
                message: "offline".into(),
            },
            PrintError::Io("broken pipe".into()),
            PrintError::Unavailable("lpstat".into()),
        ] {
            let said = R::Print { problem: print(&e) }.wording(Lang::Ru);
            assert_eq!(said, format!("{e}. Документ не отмечен как напечатанный."));
        }
        for e in [
            docs::DocError::Font("bad".into()),
            docs::DocError::QrEncode("too long".into()),
            docs::DocError::Barcode {
                number: "1".into(),
                reason: "x".into(),
            },
        ] {
            let said = R::Document {
                problem: document(&e),
            }
            .wording(Lang::Ru);
            assert_eq!(said, format!("Документ не построен: {e}."));
        }
        for e in [
            docs::preview::PreviewError::RendererMissing,
            docs::preview::PreviewError::Render("x".into()),
        ] {
            let text = e.to_string();
            let Said::Reason(r) = said(&DeskError::Preview(e)) else {
                panic!("a preview error has a reason")
            };
            assert_eq!(r.wording(Lang::Ru), text);
        }
        for e in [
            WorkflowError::NotAdmin(domain::Role::Manager),
            WorkflowError::UnknownStage("x".into()),
            WorkflowError::DuplicateId("x".into()),
            WorkflowError::EmptyName,
            WorkflowError::DuplicateName("x".into()),
            WorkflowError::BadLimit,
            WorkflowError::ClosedStage("x".into()),
            WorkflowError::LastStage,
            WorkflowError::EmptyRoute,
        ] {
            assert_eq!(workflow(&e).wording(Lang::Ru), e.to_string());
        }
    }
}
