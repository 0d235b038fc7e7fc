//! Why a command failed, as data the window words in its own language (issue 15, point 10;
//! issue 17, point 1: the English window showed the desk's Russian errors). The desk's
//! Russian `message` beside it is [`ErrorReason::wording`] in Russian, so there is one Russian
//! text. Worded here rather than in the UI so every wording is checked on the host (the UI
//! crate builds only for wasm), as [`crate::ChannelErrorView`] and the rules' refusals are.

use serde::{Deserialize, Serialize};

use crate::display::Lang;
use crate::{ChannelErrorCode, ChannelErrorView, Role};

mod input;
mod op;
mod requisites;
#[cfg(test)]
mod tests;

pub use input::{
    DeliveryMapProblem, InputField, InputProblem, MarketActionProblem, MarketNumber,
    ProductProblem, SetupStage,
};
pub use op::{OpRefusal, WorkflowProblem};
pub use requisites::{RequisiteField, RequisiteProblem};

/// Why a command failed. Names the shop chose (stages, printers, paths, order numbers) are
/// params shown as they are; everything else is worded by [`ErrorReason::wording`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorReason {
    OrderNotFound,
    StageNotFound,
    VersionNotFound {
        version: i64,
    },
    /// Only the administrator (or, for `catalog` and `customers`, a manager too) may.
    AdminOnly {
        task: AdminTask,
    },
    /// A role may not change a part of the shop (a shop op refused by the store).
    RoleMayNotChange {
        role: Role,
        part: ShopPart,
    },
    RequisitesMissing,
    NoWaybillForPost {
        number: String,
    },
    SignInRequired,
    /// A sign-in refused: a wrong PIN, the wait after too many, a removed person.
    SignIn {
        refusal: SignInRefusal,
    },
    /// This device was revoked from its team: its data stays, read-only.
    ReadOnly,
    DataDir {
        path: String,
    },
    DataInUse {
        path: String,
    },
    /// The database could not be read or written.
    Storage,
    /// The database holds what this version cannot read.
    Corrupt,
    MoneyOverflow,
    Document {
        problem: DocumentProblem,
    },
    Print {
        problem: PrintProblem,
    },
    PrintedNotRecorded {
        job: String,
    },
    Preview {
        problem: PreviewProblem,
    },
    HubUnauthorized,
    HubRevoked,
    HubUpgradeRequired,
    HubInsecureUrl {
        url: String,
    },
    /// `detail` is the technical text (never a secret).
    HubOffline {
        detail: String,
    },
    /// The team server asks to wait before the next request (its rate limit).
    HubBusy {
        retry_after_s: u64,
    },
    HubFailed {
        detail: String,
    },
    /// A sales channel's error, with the stable code and params the connections screen
    /// words too; `task` says what the manager asked for.
    Channel {
        task: ChannelTask,
        error: ChannelErrorView,
    },
    /// The domain refused an order's op.
    Refused {
        refusal: OpRefusal,
    },
    /// The stages editor's change was refused.
    Workflow {
        problem: WorkflowProblem,
    },
    BackupDamaged,
    NoBackup,
    BackupFolder {
        path: String,
    },
    /// A form's input refused before it reached the domain.
    Input {
        problem: InputProblem,
    },
    /// The shop's requisites refused, every wrong field at once.
    Requisites {
        problems: Vec<RequisiteProblem>,
    },
    /// The system did not let the desk start (or stop starting) at login; `detail` is its
    /// words.
    Autostart {
        detail: String,
    },
    /// Checking for or installing an update of the desk did not happen.
    Update {
        problem: crate::UpdateProblem,
    },
    /// A reason this window does not know (from a newer desk): the message is shown.
    #[serde(other)]
    Unknown,
}

/// What only the administrator may do (for `Catalog` and `Customers`: or a manager).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminTask {
    MarketplaceActions,
    Backups,
    DeliveryMapping,
    InputLimits,
    Connections,
    SiteCertificate,
    IdleLock,
    People,
    Catalog,
    Customers,
    DeliveryPayment,
    /// «Синхронизировать сейчас», retrying or hiding a marketplace action: managers too.
    ChannelRuns,
}

impl AdminTask {
    pub const ALL: &'static [AdminTask] = &[
        AdminTask::MarketplaceActions,
        AdminTask::Backups,
        AdminTask::DeliveryMapping,
        AdminTask::InputLimits,
        AdminTask::Connections,
        AdminTask::SiteCertificate,
        AdminTask::IdleLock,
        AdminTask::People,
        AdminTask::Catalog,
        AdminTask::Customers,
        AdminTask::DeliveryPayment,
        AdminTask::ChannelRuns,
    ];
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignInRefusal {
    NoSuchPerson,
    Removed,
    NoPin,
    /// Too many wrong PINs in a row: the next try in `seconds`.
    Wait {
        seconds: u64,
    },
    /// This wrong PIN was the `tries`-th in a row: the next try waits `wait_s`.
    WrongPinPause {
        tries: u32,
        wait_s: i64,
    },
    WrongPin {
        tries_left: u32,
    },
}

impl SignInRefusal {
    pub fn wording(&self, lang: Lang) -> String {
        use SignInRefusal as S;
        let ru = lang == Lang::Ru;
        let pick = |r: String, e: String| if ru { r } else { e };
        let text = |r: &str, e: &str| if ru { r } else { e }.to_owned();
        match self {
            S::NoSuchPerson => text("Такого сотрудника нет.", "There is no such person."),
            S::Removed => text(
                "Сотрудник удалён из магазина: войти под ним нельзя.",
                "This person was removed from the shop and cannot sign in.",
            ),
            S::NoPin => text(
                "У сотрудника нет PIN-кода: его задаёт администратор в настройках.",
                "This person has no PIN: the administrator sets it in the settings.",
            ),
            S::Wait { seconds } => pick(
                format!(
                    "Слишком много неверных попыток подряд. Попробуйте снова через {seconds} с."
                ),
                format!("Too many wrong tries in a row. Try again in {seconds} s."),
            ),
            S::WrongPinPause { tries, wait_s } => pick(
                format!(
                    "Неверный PIN-код. Это {tries} неверная попытка подряд: следующая — через \
                     {wait_s} с."
                ),
                format!(
                    "Wrong PIN. That is {tries} wrong tries in a row: the next one in {wait_s} s."
                ),
            ),
            S::WrongPin { tries_left } => pick(
                format!("Неверный PIN-код. Осталось попыток до паузы: {tries_left}."),
                format!("Wrong PIN. Tries left before a pause: {tries_left}."),
            ),
        }
    }
}

/// A part of the shop a shop op changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShopPart {
    Stages,
    Requisites,
    Products,
    InputLimits,
    DeliveryPayment,
}

/// What the manager asked of a channel when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelTask {
    /// An exchange, a test or an action (retried on schedule where it can be).
    Exchange,
    /// A label download, made once when asked: a failure says to try again.
    Labels,
    /// Ozon's warehouse list for the setup form.
    Warehouses,
    /// «Получить сертификат сайта»: the certificate a site presents, fetched for the admin.
    SiteCertificate,
}

/// Why a paper was not made. `detail` texts are the documents crate's own (Russian). A
/// payment QR's field is named by its GOST R 56042 key (`BankName`, `PersonalAcc`, …), which
/// the wording turns into the requisites form's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentProblem {
    Font {
        detail: String,
    },
    /// A field the payment QR needs is empty.
    QrMissing {
        key: String,
    },
    /// A field is longer than the QR allows.
    QrTooLong {
        key: String,
        max: u32,
        len: u32,
    },
    /// A field must be digits (`digits` of them when known).
    QrDigits {
        key: String,
        digits: Option<u32>,
        value: String,
    },
    /// The values hold every separator the QR could use.
    QrNoSeparator,
    QrEncode {
        detail: String,
    },
    Barcode {
        number: String,
        reason: String,
    },
}

/// Why the print system refused a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintProblem {
    LpMissing,
    ShellMissing { program: String },
    Copies { copies: u32 },
    Rejected { printer: String, message: String },
    Io { detail: String },
    Unavailable { detail: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PreviewProblem {
    RendererMissing,
    Render { detail: String },
}

/// A role as the messages name it.
pub fn role_name(lang: Lang, role: Role) -> &'static str {
    let (ru, en) = match role {
        Role::Admin => ("администратор", "administrator"),
        Role::Manager => ("менеджер", "manager"),
        Role::Picker => ("комплектовщик", "picker"),
        Role::Dispatcher => ("диспетчер", "dispatcher"),
    };
    pick(lang, ru, en)
}

fn pick<T>(lang: Lang, ru: T, en: T) -> T {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

impl ErrorReason {
    /// The reason worded for the person at the PC. In Russian it is the desk's `message`.
    pub fn wording(&self, lang: Lang) -> String {
        use ErrorReason as R;
        let ru = lang == Lang::Ru;
        let pick = |r: String, e: String| if ru { r } else { e };
        let text = |r: &str, e: &str| if ru { r } else { e }.to_owned();
        match self {
            R::OrderNotFound => text(
                "Заказ не найден — возможно, он удалён.",
                "Order not found: it may have been deleted.",
            ),
            R::StageNotFound => text(
                "Такого этапа нет в настройках магазина.",
                "There is no such stage in the shop's settings.",
            ),
            R::VersionNotFound { version } => pick(
                format!("Версии {version} у заказа нет."),
                format!("The order has no version {version}."),
            ),
            R::AdminOnly { task } => admin_only(lang, *task),
            R::RoleMayNotChange { role, part } => {
                let (r, e) = match part {
                    ShopPart::Stages => ("этапы", "the stages"),
                    ShopPart::Requisites => ("реквизиты магазина", "the shop's requisites"),
                    ShopPart::Products => ("товары", "products"),
                    ShopPart::InputLimits => ("ограничения ввода", "the input limits"),
                    ShopPart::DeliveryPayment => {
                        ("доставку и оплату", "the delivery and payment methods")
                    }
                };
                pick(
                    format!(
                        "Не сохранено: роль «{}» не может менять {r}.",
                        role_name(lang, *role)
                    ),
                    format!(
                        "Not saved: the role «{}» may not change {e}.",
                        role_name(lang, *role)
                    ),
                )
            }
            R::RequisitesMissing => text(
                "Заполните реквизиты магазина в настройках: без них документы не печатаются.",
                "Fill in the shop's requisites in the settings: no documents are printed \
                 without them.",
            ),
            R::NoWaybillForPost { number } => pick(
                format!(
                    "Заказ № {number} отправляется почтой: транспортная накладная на него не \
                     оформляется — отправление идёт по документам почты."
                ),
                format!(
                    "Order No. {number} goes by post: no transport waybill is made for it; the \
                     parcel travels on the post's own papers."
                ),
            ),
            R::SignInRequired => text(
                "Войдите: рабочее место заблокировано или никто не вошёл.",
                "Sign in: the desk is locked or nobody is signed in.",
            ),
            R::SignIn { refusal } => refusal.wording(lang),
            R::ReadOnly => text(
                "Это рабочее место отключено от команды администратором: данные доступны только \
                 для чтения.",
                "The administrator disconnected this desk from the team: its data is read-only.",
            ),
            R::DataDir { path } => pick(
                format!("Не удалось создать папку для данных «{path}». Проверьте права доступа."),
                format!("Could not create the data folder «{path}». Check the access rights."),
            ),
            R::DataInUse { path } => pick(
                format!(
                    "База магазина {path} уже открыта другой копией OrderDesk на этом компьютере. \
                     Закройте её или перейдите в её окно."
                ),
                format!(
                    "The shop's database {path} is already open in another copy of OrderDesk on \
                     this computer. Close it or switch to its window."
                ),
            ),
            R::Storage => text(
                "Не удалось прочитать или сохранить данные. Попробуйте ещё раз; если ошибка \
                 повторится, перезапустите программу.",
                "Could not read or save the data. Try again; if it happens again, restart the \
                 program.",
            ),
            R::Corrupt => text(
                "Данные заказа повреждены или записаны более новой версией программы.",
                "The order's data is damaged or was written by a newer version of the program.",
            ),
            R::MoneyOverflow => text(
                "Сумма заказа слишком велика.",
                "The order's total is too large.",
            ),
            R::Document { problem } => pick(
                format!("Документ не построен: {}.", document(Lang::Ru, problem)),
                format!(
                    "The document was not made: {}.",
                    document(Lang::En, problem)
                ),
            ),
            R::Print { problem } => pick(
                format!(
                    "{}. Документ не отмечен как напечатанный.",
                    print(Lang::Ru, problem)
                ),
                format!(
                    "{}. The document was not marked as printed.",
                    print(Lang::En, problem)
                ),
            ),
            R::PrintedNotRecorded { job } => pick(
                format!(
                    "Документ отправлен на печать ({job}), но отметка в истории заказа не \
                     сохранилась — не печатайте его повторно."
                ),
                format!(
                    "The document went to the printer ({job}), but the mark in the order's \
                     history was not saved: do not print it again."
                ),
            ),
            R::Preview { problem } => preview(lang, problem),
            R::HubUnauthorized => text(
                "Сервер команды не принял ключ устройства. Проверьте ключ.",
                "The team server did not accept this device's key. Check the key.",
            ),
            R::HubRevoked => text(
                "Это устройство отключено от команды администратором.",
                "The administrator disconnected this device from the team.",
            ),
            R::HubUpgradeRequired => text(
                "Сервер команды работает с более новой версией программы — обновите её.",
                "The team server runs a newer version of the program: update it.",
            ),
            R::HubInsecureUrl { url } => pick(
                format!(
                    "Адрес сервера команды «{url}» должен начинаться с https:// — по http:// ключ \
                     устройства ушёл бы по сети открытым (http:// допустим только для сервера на \
                     этом же компьютере)."
                ),
                format!(
                    "The team server's address «{url}» must start with https://: over http:// \
                     the device's key would cross the network in the clear (http:// is allowed \
                     only for a server on this computer)."
                ),
            ),
            R::HubBusy { retry_after_s } => pick(
                format!(
                    "Сервер команды просит подождать {retry_after_s} с — повторите чуть позже."
                ),
                format!("The team server asks to wait {retry_after_s} s; try again shortly."),
            ),
            R::HubOffline { detail } => pick(
                format!(
                    "Сервер команды недоступен ({detail}). Работа продолжается на этом компьютере."
                ),
                format!(
                    "The team server cannot be reached ({detail}). Work goes on on this computer."
                ),
            ),
            R::HubFailed { detail } => pick(
                format!("Ошибка связи с сервером команды: {detail}."),
                format!("Talking to the team server failed: {detail}."),
            ),
            R::Channel { task, error } => channel(lang, *task, error),
            R::Refused { refusal } => refusal.wording(lang),
            R::Workflow { problem } => pick(
                format!("Этапы не изменены: {}.", problem.wording(Lang::Ru)),
                format!(
                    "The stages were not changed: {}.",
                    problem.wording(Lang::En)
                ),
            ),
            R::BackupDamaged => text(
                "Копия повреждена — она не прошла проверку, база магазина не заменена.",
                "The copy is damaged: it failed the check, and the shop's database was not \
                 replaced.",
            ),
            R::NoBackup => text("Резервной копии нет.", "There is no such backup."),
            R::Autostart { detail } => pick(
                format!("Не удалось изменить запуск OrderDesk при входе в систему: {detail}"),
                format!("Starting OrderDesk at login could not be changed: {detail}"),
            ),
            R::Update { problem } => problem.wording(lang),
            R::BackupFolder { path } => pick(
                format!(
                    "В папку «{path}» нельзя записать копию: выберите другую или проверьте права."
                ),
                format!(
                    "A copy cannot be written to the folder «{path}»: choose another or check \
                     the access rights."
                ),
            ),
            R::Input { problem } => problem.wording(lang),
            R::Requisites { problems } => requisites::wording(problems, lang),
            R::Unknown => text(
                "Действие не выполнено (эта версия программы не знает причину).",
                "The action failed (this version of the program does not know why).",
            ),
        }
    }
}

fn admin_only(lang: Lang, task: AdminTask) -> String {
    use AdminTask as T;
    let what = match task {
        T::MarketplaceActions => (
            "менять действия маркетплейса",
            "change the marketplace's actions",
        ),
        T::Backups => ("работать с резервными копиями", "work with backups"),
        T::DeliveryMapping => ("сопоставлять способы доставки", "map delivery methods"),
        T::InputLimits => (
            "менять границы количества и суммы",
            "change the bounds of quantities and amounts",
        ),
        T::Connections => (
            "менять подключения к каналам",
            "change the channels' connections",
        ),
        T::SiteCertificate => ("получать сертификат сайта", "fetch the site's certificate"),
        T::IdleLock => ("менять время блокировки", "change the lock time"),
        T::DeliveryPayment => (
            "менять способы доставки, оплаты и тарифы",
            "change the delivery and payment methods and tariffs",
        ),
        T::People => ("менять сотрудников", "change the staff"),
        T::Catalog => {
            return pick(
                lang,
                "Товары меняют только администратор и менеджеры.",
                "Only the administrator and managers change products.",
            )
            .to_owned()
        }
        T::Customers => {
            return pick(
                lang,
                "Покупателей правят только администратор и менеджеры.",
                "Only the administrator and managers edit customers.",
            )
            .to_owned()
        }
        T::ChannelRuns => {
            return pick(
                lang,
                "Запускать обмен с каналом и повторять действия маркетплейса могут только \
                 администратор и менеджеры.",
                "Only the administrator and managers run a channel's exchange or retry a \
                 marketplace's actions.",
            )
            .to_owned()
        }
    };
    match lang {
        Lang::Ru => format!("Только администратор может {}.", what.0),
        Lang::En => format!("Only the administrator may {}.", what.1),
    }
}

/// The requisites form's label of a payment QR's GOST key, so the manager reads which field
/// to fix; keys the form has no field for are shown as they are.
fn qr_label(lang: Lang, key: &str) -> &str {
    let (ru, en) = match key {
        "Name" => ("Наименование", "Legal name"),
        "PersonalAcc" => ("Расчётный счёт", "Settlement account"),
        "BankName" => ("Наименование банка", "Bank name"),
        "BIC" => ("БИК", "BIC"),
        "CorrespAcc" => ("Корр. счёт", "Correspondent account"),
        "KPP" => ("КПП", "KPP"),
        "PayeeINN" => ("ИНН", "INN"),
        "Purpose" => ("Назначение платежа", "Payment purpose"),
        "Sum" => ("Сумма", "Amount"),
        _ => return key,
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

fn document(lang: Lang, problem: &DocumentProblem) -> String {
    use DocumentProblem as D;
    match (problem, lang) {
        (D::Font { detail }, Lang::Ru) => format!("Шрифт документов: {detail}"),
        (D::Font { detail }, Lang::En) => format!("the documents' font: {detail}"),
        (D::QrMissing { key }, Lang::Ru) => format!(
            "QR-код оплаты: в реквизитах магазина не заполнено «{}»",
            qr_label(lang, key)
        ),
        (D::QrMissing { key }, Lang::En) => format!(
            "the payment QR code: “{}” is empty in the shop's requisites",
            qr_label(lang, key)
        ),
        (D::QrTooLong { key, max, len }, Lang::Ru) => format!(
            "QR-код оплаты: «{}» длиннее {max} символов ({len}){}",
            qr_label(lang, key),
            if key == "BankName" {
                " — укажите в реквизитах «Наименование банка для QR-кода»"
            } else {
                ""
            }
        ),
        (D::QrTooLong { key, max, len }, Lang::En) => format!(
            "the payment QR code: “{}” is longer than {max} characters ({len}){}",
            qr_label(lang, key),
            if key == "BankName" {
                " — fill in “Bank name for the payment QR” in the requisites"
            } else {
                ""
            }
        ),
        (D::QrDigits { key, digits, value }, Lang::Ru) => format!(
            "QR-код оплаты: «{}» должно состоять из {}, а не «{value}»",
            qr_label(lang, key),
            digits.map_or_else(|| "цифр".to_owned(), |n| format!("{n} цифр"))
        ),
        (D::QrDigits { key, digits, value }, Lang::En) => format!(
            "the payment QR code: “{}” must be {}, not “{value}”",
            qr_label(lang, key),
            digits.map_or_else(|| "digits".to_owned(), |n| format!("{n} digits"))
        ),
        (D::QrNoSeparator, Lang::Ru) => "QR-код оплаты: нет свободного символа-разделителя, \
            значения содержат их все"
            .to_owned(),
        (D::QrNoSeparator, Lang::En) => "the payment QR code: the values hold every separator \
            character, none is left to divide them"
            .to_owned(),
        (D::QrEncode { detail }, Lang::Ru) => format!("QR-код оплаты не строится: {detail}"),
        (D::QrEncode { detail }, Lang::En) => {
            format!("the payment QR code cannot be made: {detail}")
        }
        (D::Barcode { number, reason }, Lang::Ru) => {
            format!("Штрихкод заказа «{number}» не строится: {reason}")
        }
        (D::Barcode { number, reason }, Lang::En) => {
            format!("the barcode of order «{number}» cannot be made: {reason}")
        }
    }
}

fn print(lang: Lang, problem: &PrintProblem) -> String {
    use PrintProblem as P;
    match (problem, lang) {
        (P::LpMissing, Lang::Ru) => {
            "Печать недоступна: не найдена программа `lp` (установите CUPS: пакет cups-client)"
                .to_owned()
        }
        (P::LpMissing, Lang::En) => "Printing is unavailable: the program `lp` was not found \
             (install CUPS: the cups-client package)"
            .to_owned(),
        (P::ShellMissing { program }, Lang::Ru) => {
            format!("Печать недоступна: не найдена программа `{program}` (Windows PowerShell)")
        }
        (P::ShellMissing { program }, Lang::En) => format!(
            "Printing is unavailable: the program `{program}` was not found (Windows PowerShell)"
        ),
        (P::Copies { copies }, Lang::Ru) => {
            format!("Число копий должно быть от 1 до 999, а не {copies}")
        }
        (P::Copies { copies }, Lang::En) => {
            format!("The number of copies must be 1 to 999, not {copies}")
        }
        (P::Rejected { printer, message }, Lang::Ru) => {
            format!("Принтер «{printer}» не принял задание: {message}")
        }
        (P::Rejected { printer, message }, Lang::En) => {
            format!("The printer «{printer}» refused the job: {message}")
        }
        (P::Io { detail }, Lang::Ru) => format!("Не удалось передать документ на печать: {detail}"),
        (P::Io { detail }, Lang::En) => {
            format!("Could not send the document to the printer: {detail}")
        }
        (P::Unavailable { detail }, Lang::Ru) => format!("Список принтеров недоступен: {detail}"),
        (P::Unavailable { detail }, Lang::En) => {
            format!("The list of printers is unavailable: {detail}")
        }
    }
}

fn preview(lang: Lang, problem: &PreviewProblem) -> String {
    use PreviewProblem as P;
    match (problem, lang) {
        (P::RendererMissing, Lang::Ru) => {
            "Просмотр недоступен: не найдена программа `pdftoppm` (пакет poppler-utils). \
             Документ можно сохранить в PDF или напечатать."
                .to_owned()
        }
        (P::RendererMissing, Lang::En) => {
            "The preview is unavailable: the program `pdftoppm` was not found (the \
             poppler-utils package). The document can still be saved as PDF or printed."
                .to_owned()
        }
        (P::Render { detail }, Lang::Ru) => format!("Не удалось построить просмотр: {detail}"),
        (P::Render { detail }, Lang::En) => format!("Could not make the preview: {detail}"),
    }
}

/// A channel's error as the task asked words it: a label download or the warehouse list is
/// asked for once, so a failure that may heal says to try again, never that a schedule will.
fn channel(lang: Lang, task: ChannelTask, error: &ChannelErrorView) -> String {
    use ChannelErrorCode as C;
    let p = |name: &str| {
        error
            .params
            .get(name)
            .map_or("?", String::as_str)
            .to_owned()
    };
    let may_heal = matches!(
        error.code,
        C::RateLimited | C::ServerError | C::Timeout | C::Network
    );
    match (task, error.code) {
        (ChannelTask::Labels, _) if may_heal => pick(
            lang,
            "Маркетплейс сейчас недоступен — этикетки не получены. Попробуйте ещё раз через \
             минуту.",
            "The marketplace cannot be reached now: no labels were received. Try again in a \
             minute.",
        )
        .to_owned(),
        (ChannelTask::Labels, C::Malformed) => pick(
            lang,
            format!("Маркетплейс не дал этикетки: {}", p("detail")),
            format!("The marketplace gave no labels: {}", p("detail")),
        ),
        (ChannelTask::Warehouses, C::Unauthorized) => pick(
            lang,
            format!(
                "Ozon не принял ключи (HTTP {}) — склады не получены. Проверьте Client-Id и \
                 Api-Key.",
                p("status")
            ),
            format!(
                "Ozon refused the keys (HTTP {}): no warehouses were received. Check the \
                 Client-Id and the Api-Key.",
                p("status")
            ),
        ),
        (ChannelTask::Warehouses, _) if may_heal => pick(
            lang,
            "Ozon сейчас недоступен — склады не получены. Проверьте адрес и попробуйте ещё раз.",
            "Ozon cannot be reached now: no warehouses were received. Check the address and \
             try again.",
        )
        .to_owned(),
        (ChannelTask::Warehouses, _) => pick(
            lang,
            format!("Склады Ozon не получены: {}", error.wording(lang)),
            format!(
                "Ozon's warehouses were not received: {}",
                error.wording(lang)
            ),
        ),
        (ChannelTask::SiteCertificate, code) => {
            const NOT_FETCHED: &str = "Сертификат сайта не получен";
            let why = match code {
                C::Config | C::Network => p("detail"),
                C::Timeout => pick(
                    lang,
                    "сайт не ответил вовремя",
                    "the site did not answer in time",
                )
                .to_owned(),
                _ => error.wording(lang),
            };
            // A team desk gets the hub's Russian text already worded so: shown as it is.
            if why.starts_with(NOT_FETCHED) {
                return why;
            }
            let why = why.trim_end_matches('.');
            pick(
                lang,
                format!("{NOT_FETCHED}: {why}."),
                format!("The site's certificate was not fetched: {why}."),
            )
        }
        (ChannelTask::Exchange | ChannelTask::Labels, _) => error.wording(lang),
    }
}
