use super::*;
use crate::display::rules::{RuleCode, RuleRefusal};
use crate::{BuyerField, BuyerProblem, DeliveryMethod, PaymentMethod, UpdateProblem};

fn s(name: &str) -> String {
    format!("<{name}>")
}

/// Which variant a reason is; a new variant must be counted here (no catch-all) and given a
/// sample in [`samples`].
fn variant(r: &ErrorReason) -> usize {
    use ErrorReason as R;
    match r {
        R::OrderNotFound => 0,
        R::StageNotFound => 1,
        R::VersionNotFound { .. } => 2,
        R::AdminOnly { .. } => 3,
        R::RoleMayNotChange { .. } => 4,
        R::RequisitesMissing => 5,
        R::NoWaybillForPost { .. } => 6,
        R::SignInRequired => 7,
        R::ReadOnly => 8,
        R::DataDir { .. } => 9,
        R::DataInUse { .. } => 10,
        R::Storage => 11,
        R::Corrupt => 12,
        R::MoneyOverflow => 13,
        R::Document { .. } => 14,
        R::Print { .. } => 15,
        R::PrintedNotRecorded { .. } => 16,
        R::Preview { .. } => 17,
        R::HubUnauthorized => 18,
        R::HubRevoked => 19,
        R::HubUpgradeRequired => 20,
        R::HubInsecureUrl { .. } => 21,
        R::HubOffline { .. } => 22,
        R::HubFailed { .. } => 23,
        R::Channel { .. } => 24,
        R::Refused { .. } => 25,
        R::Workflow { .. } => 26,
        R::BackupDamaged => 27,
        R::NoBackup => 28,
        R::BackupFolder { .. } => 29,
        R::Unknown => 30,
        R::SignIn { .. } => 31,
        R::Input { .. } => 32,
        R::Requisites { .. } => 33,
        R::Autostart { .. } => 34,
        R::Update { .. } => 35,
        R::HubBusy { .. } => 36,
    }
}
const VARIANTS: usize = 37;

fn input_variant(p: &InputProblem) -> usize {
    use InputProblem as P;
    match p {
        P::Product { .. } => 0,
        P::Customer { .. } => 1,
        P::Id { .. } => 2,
        P::Time { .. } => 3,
        P::PushId { .. } => 4,
        P::ConnectionId { .. } => 5,
        P::Date { .. } => 6,
        P::Phone { .. } => 7,
        P::Email { .. } => 8,
        P::EmailWithoutAt { .. } => 9,
        P::NoSuchPerson => 10,
        P::NewPersonNeedsPin => 11,
        P::PinTooShort { .. } => 12,
        P::PinTooLong { .. } => 13,
        P::IdleLockMinutes { .. } => 14,
        P::Empty { .. } => 15,
        P::TooLong { .. } => 16,
        P::TimeZone { .. } => 17,
        P::StageLimitMinutes { .. } => 18,
        P::InvoicePrefix { .. } => 19,
        P::NoOrdersChosen => 20,
        P::NoCourier => 21,
        P::RouteSheetNumbersTaken { .. } => 22,
        P::TooManyPaperFiles { .. } => 23,
        P::NotMarketplaceOrder => 24,
        P::CatalogExtension { .. } => 25,
        P::FileUnreadable { .. } => 26,
        P::CatalogTooBig { .. } => 27,
        P::BackupsKept { .. } => 28,
        P::SkuTaken { .. } => 29,
        P::ProductForm { .. } => 30,
        P::CatalogFileChanged => 31,
        P::CatalogFileErrors { .. } => 32,
        P::PersonRemoved => 33,
        P::AdminWithPinNeeded => 34,
        P::LastAdmin => 35,
        P::NotYourself => 36,
        P::TeamPeopleOnHub => 37,
        P::ConnectionNameMissing => 38,
        P::NoMarketActions => 39,
        P::MarketActionUnwritable { .. } => 40,
        P::DeliveryMapSiteOnly => 41,
        P::OzonWarehousesOnly => 42,
        P::Unencodable { .. } => 43,
        P::DemoNotInTeam => 44,
        P::SetupOutOfTurn { .. } => 45,
        P::PushNotFound => 46,
        P::PushNotFailed { .. } => 47,
        P::PushNoReason => 48,
        P::UnknownMarketAction { .. } => 49,
        P::MegamarketReason { .. } => 50,
        P::NotPositive { .. } => 51,
        P::CertificateRefused { .. } => 52,
        P::CertificateUnreadable { .. } => 53,
        P::ConnectionNameEmpty => 54,
        P::NotSiteAddress { .. } => 55,
        P::EmptySecret => 56,
        P::DeliveryMap { .. } => 57,
        P::MarketActions { .. } => 58,
        P::Places { .. } => 59,
        P::DeliveryPayment { .. } => 60,
        P::Link { .. } => 61,
        P::NoOrderNumbered { .. } => 62,
        P::HttpsNeeded { .. } => 63,
        P::HostNotFound { .. } => 64,
        P::InternalAddress { .. } => 65,
    }
}
const INPUT_VARIANTS: usize = 66;

/// One of every input problem with its params set to `<name>` (ids, paths and names the
/// manager typed are shown as they are in both languages).
fn input_samples() -> Vec<(InputProblem, Vec<String>)> {
    use InputProblem as P;
    let one = |n: &str| vec![s(n)];
    let mut all = vec![
        (P::Product { id: s("id") }, one("id")),
        (P::Customer { key: s("key") }, one("key")),
        (P::Id { id: s("id") }, one("id")),
        (P::Time { ms: 1234 }, vec!["1234".into()]),
        (P::PushId { id: s("id") }, one("id")),
        (P::ConnectionId { id: s("id") }, one("id")),
        (P::Date { day: s("day") }, one("day")),
        (P::Phone { phone: s("phone") }, one("phone")),
        (P::Email { email: s("email") }, one("email")),
        (P::EmailWithoutAt { email: s("email") }, one("email")),
        (P::NoSuchPerson, vec![]),
        (P::NewPersonNeedsPin, vec![]),
        (P::PinTooShort { min: 4 }, vec!["4".into()]),
        (P::PinTooLong { max: 64 }, vec!["64".into()]),
        (P::IdleLockMinutes { max: 480 }, vec!["480".into()]),
        (P::Places { max: 99_999 }, vec!["99999".into()]),
        (P::Link { link: s("link") }, one("link")),
        (P::NoOrderNumbered { number: 10243 }, vec!["10243".into()]),
        (
            P::DeliveryPayment {
                problem: crate::DeliveryPaymentProblem::Duplicate {
                    row: 2,
                    zone: s("zone"),
                },
            },
            vec!["3".into(), s("zone")],
        ),
        (P::TimeZone { name: s("name") }, one("name")),
        (P::StageLimitMinutes { minutes: 77 }, vec!["77".into()]),
        (
            P::InvoicePrefix {
                prefix: s("prefix"),
            },
            one("prefix"),
        ),
        (P::NoOrdersChosen, vec![]),
        (P::NoCourier, vec![]),
        (P::RouteSheetNumbersTaken { day: s("day") }, one("day")),
        (
            P::TooManyPaperFiles {
                dir: s("dir"),
                stem: s("stem"),
            },
            vec![s("dir"), s("stem")],
        ),
        (P::NotMarketplaceOrder, vec![]),
        (P::CatalogExtension { path: s("path") }, one("path")),
        (
            P::FileUnreadable {
                path: s("path"),
                detail: s("detail"),
            },
            vec![s("path"), s("detail")],
        ),
        (
            P::CatalogTooBig {
                path: s("path"),
                megabytes: 64,
            },
            vec![s("path"), "64".into()],
        ),
        (P::BackupsKept { max: 365 }, vec!["365".into()]),
        (
            P::SkuTaken {
                sku: s("sku"),
                product: s("product"),
            },
            vec![s("sku"), s("product")],
        ),
        (
            P::ProductForm {
                problems: ProductProblem::ALL.to_vec(),
            },
            vec![],
        ),
        (P::CatalogFileChanged, vec![]),
        (P::CatalogFileErrors { count: 12 }, vec!["12".into()]),
        (P::PersonRemoved, vec![]),
        (P::AdminWithPinNeeded, vec![]),
        (P::LastAdmin, vec![]),
        (P::NotYourself, vec![]),
        (P::TeamPeopleOnHub, vec![]),
        (P::ConnectionNameMissing, vec![]),
        (P::NoMarketActions, vec![]),
        (
            P::MarketActionUnwritable {
                detail: s("detail"),
            },
            one("detail"),
        ),
        (P::DeliveryMapSiteOnly, vec![]),
        (P::OzonWarehousesOnly, vec![]),
        (
            P::Unencodable {
                detail: s("detail"),
            },
            one("detail"),
        ),
        (P::DemoNotInTeam, vec![]),
        (P::PushNotFound, vec![]),
        (P::PushNotFailed { state: s("state") }, one("state")),
        (P::PushNoReason, vec![]),
        (P::UnknownMarketAction { stage: s("stage") }, one("stage")),
        (P::MegamarketReason { stage: s("stage") }, one("stage")),
        (P::CertificateRefused { why: s("why") }, one("why")),
        (P::CertificateUnreadable { why: s("why") }, one("why")),
        (P::ConnectionNameEmpty, vec![]),
        (P::NotSiteAddress { url: s("url") }, one("url")),
        (P::HttpsNeeded { url: s("url") }, one("url")),
        (P::HostNotFound { host: s("host") }, one("host")),
        (
            P::InternalAddress {
                url: s("url"),
                ip: s("ip"),
            },
            vec![s("url"), s("ip")],
        ),
        (P::EmptySecret, vec![]),
    ];
    all.push((
        P::DeliveryMap {
            problems: vec![
                DeliveryMapProblem::MarketplaceByDefault,
                DeliveryMapProblem::MarketplaceFor { key: s("key") },
                DeliveryMapProblem::NotAMethod { key: s("typed") },
            ],
        },
        vec![s("key"), s("typed")],
    ));
    all.push((
        P::MarketActions {
            problems: vec![
                MarketActionProblem::NoModel,
                MarketActionProblem::UnknownModel { model: s("model") },
                MarketActionProblem::UnknownAction { slot: s("slot") },
                MarketActionProblem::StageGone {
                    stage: s("stage"),
                    action: s("action"),
                },
                MarketActionProblem::NotForModel {
                    action: s("label"),
                    models: s("models"),
                },
                MarketActionProblem::CancelReasonMissing,
                MarketActionProblem::CancelReasonUnknown {
                    reason: s("reason"),
                },
                MarketActionProblem::StageTaken {
                    stage: s("taken"),
                    other: s("other"),
                },
            ],
        },
        vec![
            s("model"),
            s("slot"),
            s("stage"),
            s("action"),
            s("label"),
            s("models"),
            s("reason"),
            s("taken"),
            s("other"),
        ],
    ));
    for &now in SetupStage::ALL {
        all.push((P::SetupOutOfTurn { now }, vec![]));
    }
    for &number in MarketNumber::ALL {
        all.push((P::NotPositive { number, id: -3 }, vec!["-3".into()]));
    }
    for &field in InputField::ALL {
        all.push((P::Empty { field }, vec![]));
        all.push((P::TooLong { field, max: 200 }, vec!["200".into()]));
    }
    all
}

fn op_variant(o: &OpRefusal) -> usize {
    use OpRefusal as O;
    match o {
        O::AlreadyClosed { .. } => 0,
        O::StaleStage { .. } => 1,
        O::NotNextOnRoute { .. } => 2,
        O::EndOfRoute { .. } => 3,
        O::UnknownStage { .. } => 4,
        O::OffRoute { .. } => 5,
        O::RoleForbidden { .. } => 6,
        O::ActionForbidden { .. } => 7,
        O::OrderExists => 8,
        O::OrderMissing => 9,
        O::OrderClosed { .. } => 10,
        O::UnknownLine => 11,
        O::DuplicateId => 12,
        O::InvalidQuantity => 13,
        O::NegativePrice => 14,
        O::Discount => 15,
        O::NoTariff { .. } => 16,
        O::StageExcludesMethod { .. } => 17,
        O::BadWindow => 18,
        O::NonPositivePayment => 19,
        O::UnknownPayment => 20,
        O::PaymentVoided => 21,
        O::NoReason => 22,
        O::RefundOverPaid { .. } => 23,
        O::Unchanged => 24,
        O::CallEndsBeforeStart => 25,
        O::UnknownVersion { .. } => 26,
        O::StaleVersion { .. } => 27,
        O::NoLines => 28,
        O::NoInvoiceNumber => 29,
        O::NoCopies => 30,
        O::Money => 31,
        O::Buyer { .. } => 32,
        O::Rule { .. } => 33,
        O::DeliveryNotOffered { .. } => 34,
        O::PaymentNotOffered { .. } => 35,
    }
}
const OP_VARIANTS: usize = 36;

fn op_samples() -> Vec<(OpRefusal, Vec<String>)> {
    use OpRefusal as O;
    let one = |n: &str| vec![s(n)];
    vec![
        (O::AlreadyClosed { stage: s("stage") }, one("stage")),
        (O::StaleStage { stage: s("stage") }, one("stage")),
        (
            O::NotNextOnRoute {
                from: s("from"),
                to: s("to"),
            },
            vec![s("from"), s("to")],
        ),
        (O::EndOfRoute { stage: s("stage") }, one("stage")),
        (O::UnknownStage { stage: s("stage") }, one("stage")),
        (O::OffRoute { stage: s("stage") }, one("stage")),
        (
            O::RoleForbidden {
                role: Role::Picker,
                from: s("from"),
                to: s("to"),
            },
            vec![s("from"), s("to")],
        ),
        (O::ActionForbidden { role: Role::Picker }, vec![]),
        (O::OrderExists, vec![]),
        (O::OrderMissing, vec![]),
        (O::OrderClosed { stage: s("stage") }, one("stage")),
        (O::UnknownLine, vec![]),
        (O::DuplicateId, vec![]),
        (O::InvalidQuantity, vec![]),
        (O::NegativePrice, vec![]),
        (O::Discount, vec![]),
        (
            O::NoTariff {
                method: DeliveryMethod::Courier,
                zone: Some(s("zone")),
            },
            one("zone"),
        ),
        (
            O::StageExcludesMethod {
                stage: s("stage"),
                method: DeliveryMethod::Post,
            },
            one("stage"),
        ),
        (O::BadWindow, vec![]),
        (O::NonPositivePayment, vec![]),
        (O::UnknownPayment, vec![]),
        (O::PaymentVoided, vec![]),
        (O::NoReason, vec![]),
        (O::RefundOverPaid { paid: 123_456 }, vec![]),
        (O::Unchanged, vec![]),
        (O::CallEndsBeforeStart, vec![]),
        (
            O::UnknownVersion {
                version: 7,
                latest: 3,
            },
            vec!["7".into(), "3".into()],
        ),
        (
            O::StaleVersion {
                version: 2,
                latest: 5,
            },
            vec!["2".into(), "5".into()],
        ),
        (O::NoLines, vec![]),
        (O::NoInvoiceNumber, vec![]),
        (O::NoCopies, vec![]),
        (O::Money, vec![]),
        (
            O::DeliveryNotOffered {
                method: DeliveryMethod::Post,
            },
            vec![],
        ),
        (
            O::PaymentNotOffered {
                method: PaymentMethod::BankTransfer,
            },
            vec![],
        ),
        (
            O::Buyer {
                field: BuyerField::Kpp,
                problem: BuyerProblem::NotForSoleTrader,
            },
            vec![],
        ),
        (
            O::Rule {
                rule: RuleRefusal::new(RuleCode::GuardUnpaid, &[("stage", s("stage"))]),
            },
            one("stage"),
        ),
    ]
}

/// One of every reason with its params set to `<name>`, and the texts each wording must show.
fn samples() -> Vec<(ErrorReason, Vec<String>)> {
    use ErrorReason as R;
    let one = |n: &str| vec![s(n)];
    let mut all = vec![
        (R::OrderNotFound, vec![]),
        (R::StageNotFound, vec![]),
        (R::VersionNotFound { version: 4 }, vec!["4".into()]),
        (
            R::RoleMayNotChange {
                role: Role::Manager,
                part: ShopPart::Stages,
            },
            vec![],
        ),
        (R::RequisitesMissing, vec![]),
        (
            R::Requisites {
                problems: vec![
                    RequisiteProblem {
                        field: RequisiteField::Inn,
                        problem: BuyerProblem::CheckDigit,
                        value: s("inn"),
                        bic: String::new(),
                        max: 0,
                        len: 0,
                    },
                    RequisiteProblem {
                        field: RequisiteField::SettlementAccount,
                        problem: BuyerProblem::AccountKey,
                        value: s("account"),
                        bic: s("bic"),
                        max: 0,
                        len: 0,
                    },
                    RequisiteProblem {
                        field: RequisiteField::BankName,
                        problem: BuyerProblem::TooLong,
                        value: String::new(),
                        bic: String::new(),
                        max: 45,
                        len: 61,
                    },
                    RequisiteProblem {
                        field: RequisiteField::Kpp,
                        problem: BuyerProblem::Shape,
                        value: s("kpp"),
                        bic: String::new(),
                        max: 0,
                        len: 0,
                    },
                    RequisiteProblem {
                        field: RequisiteField::Name,
                        problem: BuyerProblem::Missing,
                        value: String::new(),
                        bic: String::new(),
                        max: 0,
                        len: 0,
                    },
                ],
            },
            vec![
                s("inn"),
                s("account"),
                s("bic"),
                "45".into(),
                "61".into(),
                s("kpp"),
            ],
        ),
        (
            R::NoWaybillForPost {
                number: s("number"),
            },
            one("number"),
        ),
        (R::SignInRequired, vec![]),
        (R::ReadOnly, vec![]),
        (R::DataDir { path: s("path") }, one("path")),
        (R::DataInUse { path: s("path") }, one("path")),
        (R::Storage, vec![]),
        (R::Corrupt, vec![]),
        (R::MoneyOverflow, vec![]),
        (R::PrintedNotRecorded { job: s("job") }, one("job")),
        (R::HubUnauthorized, vec![]),
        (R::HubRevoked, vec![]),
        (R::HubUpgradeRequired, vec![]),
        (R::HubInsecureUrl { url: s("url") }, one("url")),
        (
            R::HubOffline {
                detail: s("detail"),
            },
            one("detail"),
        ),
        (R::HubBusy { retry_after_s: 7 }, vec!["7".into()]),
        (
            R::HubFailed {
                detail: s("detail"),
            },
            one("detail"),
        ),
        (
            R::Workflow {
                problem: WorkflowProblem::DuplicateName { name: s("name") },
            },
            one("name"),
        ),
        (R::BackupDamaged, vec![]),
        (R::NoBackup, vec![]),
        (R::BackupFolder { path: s("path") }, one("path")),
        (
            R::Autostart {
                detail: s("detail"),
            },
            one("detail"),
        ),
        (
            R::Update {
                problem: UpdateProblem::NoSource,
            },
            vec![],
        ),
        (
            R::Update {
                problem: UpdateProblem::BadAddress {
                    address: s("address"),
                },
            },
            one("address"),
        ),
        (
            R::Update {
                problem: UpdateProblem::Unreachable {
                    detail: s("detail"),
                },
            },
            one("detail"),
        ),
        (
            R::Update {
                problem: UpdateProblem::PlainHttp {
                    address: s("address"),
                },
            },
            one("address"),
        ),
        (
            R::Update {
                problem: UpdateProblem::Installing,
            },
            vec![],
        ),
        (
            R::Update {
                problem: UpdateProblem::NoRelease {
                    address: s("address"),
                },
            },
            one("address"),
        ),
        (
            R::Update {
                problem: UpdateProblem::BadAnswer {
                    detail: s("detail"),
                },
            },
            one("detail"),
        ),
        (
            R::Update {
                problem: UpdateProblem::BadSignature,
            },
            vec![],
        ),
        (
            R::Update {
                problem: UpdateProblem::Stale {
                    version: s("version"),
                },
            },
            one("version"),
        ),
        (
            R::Update {
                problem: UpdateProblem::InstallFailed {
                    detail: s("detail"),
                },
            },
            one("detail"),
        ),
        (R::Unknown, vec![]),
        (
            R::SignIn {
                refusal: SignInRefusal::Wait { seconds: 27 },
            },
            vec!["27".into()],
        ),
        (
            R::SignIn {
                refusal: SignInRefusal::WrongPinPause {
                    tries: 5,
                    wait_s: 30,
                },
            },
            vec!["5".into(), "30".into()],
        ),
        (
            R::SignIn {
                refusal: SignInRefusal::WrongPin { tries_left: 3 },
            },
            vec!["3".into()],
        ),
    ];
    for refusal in [
        SignInRefusal::NoSuchPerson,
        SignInRefusal::Removed,
        SignInRefusal::NoPin,
    ] {
        all.push((R::SignIn { refusal }, vec![]));
    }
    for &task in AdminTask::ALL {
        all.push((R::AdminOnly { task }, vec![]));
    }
    let documents = [
        (
            DocumentProblem::Font {
                detail: s("detail"),
            },
            one("detail"),
        ),
        (DocumentProblem::QrMissing { key: s("BIC") }, vec![]),
        (
            DocumentProblem::QrTooLong {
                key: s("BankName"),
                max: 45,
                len: 61,
            },
            vec!["45".into(), "61".into()],
        ),
        (
            DocumentProblem::QrDigits {
                key: s("PersonalAcc"),
                digits: Some(20),
                value: s("4070281013825012301"),
            },
            vec!["20".into(), "4070281013825012301".into()],
        ),
        (DocumentProblem::QrNoSeparator, vec![]),
        (
            DocumentProblem::QrEncode {
                detail: s("detail"),
            },
            one("detail"),
        ),
        (
            DocumentProblem::Barcode {
                number: s("number"),
                reason: s("reason"),
            },
            vec![s("number"), s("reason")],
        ),
    ];
    for (problem, shown) in documents {
        all.push((R::Document { problem }, shown));
    }
    let prints = [
        (PrintProblem::LpMissing, vec![]),
        (
            PrintProblem::ShellMissing {
                program: s("program"),
            },
            one("program"),
        ),
        (PrintProblem::Copies { copies: 1000 }, vec!["1000".into()]),
        (
            PrintProblem::Rejected {
                printer: s("printer"),
                message: s("message"),
            },
            vec![s("printer"), s("message")],
        ),
        (
            PrintProblem::Io {
                detail: s("detail"),
            },
            one("detail"),
        ),
        (
            PrintProblem::Unavailable {
                detail: s("detail"),
            },
            one("detail"),
        ),
    ];
    for (problem, shown) in prints {
        all.push((R::Print { problem }, shown));
    }
    all.push((
        R::Preview {
            problem: PreviewProblem::RendererMissing,
        },
        vec![],
    ));
    all.push((
        R::Preview {
            problem: PreviewProblem::Render {
                detail: s("detail"),
            },
        },
        one("detail"),
    ));
    for task in [
        ChannelTask::Exchange,
        ChannelTask::Labels,
        ChannelTask::Warehouses,
        ChannelTask::SiteCertificate,
    ] {
        for &code in ChannelErrorCode::ALL {
            let error = ChannelErrorView::new(
                code,
                &code.params().iter().map(|p| (*p, s(p))).collect::<Vec<_>>(),
            );
            all.push((R::Channel { task, error }, vec![]));
        }
    }
    for (refusal, shown) in op_samples() {
        all.push((R::Refused { refusal }, shown));
    }
    for (problem, shown) in input_samples() {
        all.push((R::Input { problem }, shown));
    }
    all
}

fn cyrillic(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
}

#[test]
fn every_reason_is_worded_in_both_languages_with_its_params() {
    let samples = samples();
    let mut seen = [false; VARIANTS];
    let mut ops = [false; OP_VARIANTS];
    let mut inputs = [false; INPUT_VARIANTS];
    for (reason, shown) in &samples {
        seen[variant(reason)] = true;
        if let ErrorReason::Refused { refusal } = reason {
            ops[op_variant(refusal)] = true;
        }
        if let ErrorReason::Input { problem } = reason {
            inputs[input_variant(problem)] = true;
        }
        let ru = reason.wording(Lang::Ru);
        let en = reason.wording(Lang::En);
        for (lang, text) in [("ru", &ru), ("en", &en)] {
            assert!(text.chars().count() > 15, "{reason:?} {lang}: {text}");
            assert!(
                !text.contains('?'),
                "{reason:?} {lang} lacks a param: {text}"
            );
            for p in shown {
                assert!(text.contains(p), "{reason:?} {lang} drops {p}: {text}");
            }
        }
        assert!(cyrillic(&ru), "{reason:?} not worded in Russian: {ru}");
        assert!(!cyrillic(&en), "{reason:?} not worded in English: {en}");
    }
    for (i, seen) in seen.iter().enumerate() {
        assert!(seen, "reason variant {i} has no sample");
    }
    for (i, seen) in ops.iter().enumerate() {
        assert!(seen, "refusal variant {i} has no sample");
    }
    for (i, seen) in inputs.iter().enumerate() {
        assert!(seen, "input problem variant {i} has no sample");
    }
    for problem in [
        WorkflowProblem::NotAdmin {
            role: Role::Manager,
        },
        WorkflowProblem::UnknownStage { stage: s("stage") },
        WorkflowProblem::DuplicateId { id: s("id") },
        WorkflowProblem::EmptyName,
        WorkflowProblem::BadLimit,
        WorkflowProblem::ClosedStage { stage: s("stage") },
        WorkflowProblem::LastStage,
        WorkflowProblem::EmptyRoute,
    ] {
        let reason = ErrorReason::Workflow { problem };
        assert!(cyrillic(&reason.wording(Lang::Ru)));
        assert!(!cyrillic(&reason.wording(Lang::En)), "{reason:?}");
    }
}

#[test]
fn a_label_download_that_may_heal_says_try_again_not_a_schedule() {
    for code in [
        ChannelErrorCode::RateLimited,
        ChannelErrorCode::ServerError,
        ChannelErrorCode::Timeout,
        ChannelErrorCode::Network,
    ] {
        let reason = ErrorReason::Channel {
            task: ChannelTask::Labels,
            error: ChannelErrorView::new(code, &[]),
        };
        let ru = reason.wording(Lang::Ru);
        assert!(
            ru.contains("Попробуйте ещё раз") && !ru.contains("расписани"),
            "{ru}"
        );
        let en = reason.wording(Lang::En);
        assert!(en.contains("Try again") && !en.contains("schedule"), "{en}");
    }
}

#[test]
fn reasons_read_back_and_a_newer_reason_is_unknown() {
    for (reason, _) in samples() {
        let json = serde_json::to_string(&reason).expect("serialize");
        let back: ErrorReason = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, reason, "{json}");
    }
    let json = r#"{"kind":"version_not_found","version":3}"#;
    assert_eq!(
        serde_json::from_str::<ErrorReason>(json).expect("read"),
        ErrorReason::VersionNotFound { version: 3 }
    );
    let newer: ErrorReason =
        serde_json::from_str(r#"{"kind":"quantum_flux","x":1}"#).expect("a newer reason reads");
    assert_eq!(newer, ErrorReason::Unknown);
}

#[test]
fn an_error_without_a_reason_reads_as_before() {
    let old: crate::CommandError =
        serde_json::from_str(r#"{"code":"not_found","message":"Заказ не найден"}"#)
            .expect("an older desk's error");
    assert_eq!(old.reason, None);
    let json = serde_json::to_string(&crate::CommandError::new(
        crate::ErrorCode::NotFound,
        "Заказ не найден",
    ))
    .expect("serialize");
    assert_eq!(json, r#"{"code":"not_found","message":"Заказ не найден"}"#);
}

/// A form shows a refusal beside the field it names (issue 15, point 10): an input problem
/// names its field as the rule refusals do, and one about the action names none.
#[test]
fn an_input_problem_names_the_field_a_form_shows_it_beside() {
    let input = |problem: InputProblem| crate::CommandError {
        code: crate::ErrorCode::InvalidInput,
        message: String::new(),
        refusal: None,
        rule: None,
        reason: Some(Box::new(ErrorReason::Input { problem })),
    };
    let phone = input(InputProblem::Phone { phone: "12".into() });
    assert_eq!(phone.field(), Some("phone"));
    let email = input(InputProblem::EmailWithoutAt {
        email: "alena@".into(),
    });
    assert_eq!(email.field(), Some("email"));
    let long_name = input(InputProblem::TooLong {
        field: InputField::PersonName,
        max: 200,
    });
    assert_eq!(long_name.field(), Some("name"));
    assert_eq!(
        input(InputProblem::PinTooShort { min: 4 }).field(),
        Some("pin")
    );
    assert_eq!(input(InputProblem::NoOrdersChosen).field(), None);
    let rule = crate::CommandError {
        rule: Some(crate::display::rules::RuleRefusal {
            code: crate::display::rules::RuleCode::BadEmail,
            params: Default::default(),
            field: Some("email".into()),
        }),
        ..input(InputProblem::NoOrdersChosen)
    };
    assert_eq!(
        rule.field(),
        Some("email"),
        "a rule's own field comes first"
    );
}

/// The forms that sent their refusals to the banner (first run, connections, marketplace
/// numbers, stages, backups, catalogue) find theirs by these names (issue 15, point 10).
#[test]
fn the_setup_forms_refusals_name_their_fields() {
    let with = |reason: ErrorReason| crate::CommandError {
        code: crate::ErrorCode::InvalidInput,
        message: String::new(),
        refusal: None,
        rule: None,
        reason: Some(Box::new(reason)),
    };
    let input = |problem: InputProblem| problem.field();
    assert_eq!(
        with(ErrorReason::Input {
            problem: InputProblem::EmptySecret
        })
        .field(),
        Some("secret"),
        "a command's error names its input problem's field"
    );
    assert_eq!(
        input(InputProblem::Empty {
            field: InputField::ShopName
        }),
        Some("name")
    );
    assert_eq!(input(InputProblem::ConnectionNameEmpty), Some("name"));
    assert_eq!(input(InputProblem::ConnectionNameMissing), Some("name"));
    assert_eq!(
        input(InputProblem::NotSiteAddress { url: "shop".into() }),
        Some("url")
    );
    assert_eq!(
        input(InputProblem::InternalAddress {
            url: "https://10.0.0.1".into(),
            ip: "10.0.0.1".into()
        }),
        Some("url")
    );
    assert_eq!(input(InputProblem::EmptySecret), Some("secret"));
    let numbers: Vec<_> = MarketNumber::ALL
        .iter()
        .map(|&number| input(InputProblem::NotPositive { number, id: -1 }))
        .collect();
    assert_eq!(
        numbers,
        [
            Some("campaign"),
            Some("business"),
            Some("seller"),
            Some("warehouse")
        ]
    );
    assert_eq!(
        input(InputProblem::IdleLockMinutes { max: 600 }),
        Some("minutes")
    );
    assert_eq!(input(InputProblem::BackupsKept { max: 365 }), Some("keep"));
    assert_eq!(
        input(InputProblem::InvoicePrefix {
            prefix: "СЧЁТ-2026".into()
        }),
        Some("prefix")
    );
    assert_eq!(
        input(InputProblem::TimeZone {
            name: "Moscow".into()
        }),
        Some("zone")
    );
    assert_eq!(
        input(InputProblem::StageLimitMinutes { minutes: -5 }),
        Some("limit")
    );
    assert_eq!(
        input(InputProblem::CatalogExtension {
            path: "a.txt".into()
        }),
        Some("path")
    );
    assert_eq!(
        input(InputProblem::SkuTaken {
            sku: "A-1".into(),
            product: "Чайник".into()
        }),
        Some("sku")
    );
    assert_eq!(
        input(InputProblem::ProductForm {
            problems: vec![ProductProblem::NegativePrice, ProductProblem::NameEmpty]
        }),
        Some("price"),
        "the first wrong cell of the product form"
    );
    assert_eq!(input(InputProblem::ProductForm { problems: vec![] }), None);
    assert_eq!(
        with(ErrorReason::BackupFolder { path: "/x".into() }).field(),
        Some("folder")
    );
    assert_eq!(
        with(ErrorReason::Workflow {
            problem: crate::WorkflowProblem::EmptyName
        })
        .field(),
        Some("name")
    );
    assert_eq!(
        with(ErrorReason::Workflow {
            problem: crate::WorkflowProblem::BadLimit
        })
        .field(),
        Some("limit")
    );
    assert_eq!(
        with(ErrorReason::Workflow {
            problem: crate::WorkflowProblem::LastStage
        })
        .field(),
        None,
        "about the action, not a field"
    );
    assert_eq!(
        with(ErrorReason::HubInsecureUrl {
            url: "http://h".into()
        })
        .field(),
        Some("url")
    );
    assert_eq!(with(ErrorReason::HubUnauthorized).field(), Some("token"));
    assert_eq!(
        input(InputProblem::SetupOutOfTurn {
            now: SetupStage::Done
        }),
        None
    );
}
