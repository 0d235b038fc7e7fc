//! The one translation table. Russian is the default; every key has an English text beside it
//! (the `match` is exhaustive, so a key without a translation does not compile).

use proto::display::ru_plural;
pub use proto::display::Lang;
use proto::{CallOutcome, Channel, DeliveryMethod, PaymentMethod, PaymentStatus, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Stages,
    Loading,
    Number,
    Customer,
    Phone,
    Email,
    Channel,
    Total,
    InStage,
    Deadline,
    NoOrdersInStage,
    NoOrdersFound,
    PickAnOrder,
    Lines,
    Item,
    Qty,
    Price,
    Amount,
    Subtotal,
    Discount,
    DeliveryCost,
    ToPay,
    OriginalTotal,
    Vat,
    Delivery,
    Payment,
    Address,
    Zone,
    Comment,
    NextStage,
    MoveTo,
    CancelOrder,
    CancelReason,
    FinalStage,
    Close,
    ErrorTitle,
    Dismiss,
    Overdue,
    SwitchLanguage,
    Created,
    All,
    Mine,
    Problems,
    SearchHint,
    NewOrder,
    TabOrder,
    TabVersions,
    TabCalls,
    TabHistory,
    Draft,
    Version,
    Save,
    Discard,
    Unsaved,
    AddProduct,
    Add,
    Remove,
    OrderDiscount,
    Apply,
    ChangeDelivery,
    RecordPayment,
    Paid,
    Unpaid,
    PartlyPaid,
    FullyPaid,
    Overpaid,
    Publish,
    Confirm,
    Published,
    Confirmed,
    Compare,
    From,
    To,
    Added,
    Removed,
    Changed,
    NoDifferences,
    StartCall,
    FinishCall,
    Outcome,
    Note,
    Attempts,
    NoCalls,
    When,
    Who,
    What,
    NoHistory,
    CreateDraft,
    Cancel,
    WrongAmount,
    WrongQuantity,
    NeedCustomerAndPhone,
    Method,
    AnyChannel,
    AnyDelivery,
    AnyPayment,
    AnyPaid,
    Settings,
    SettingsStages,
    SettingsRequisites,
    SettingsPrinting,
    BackToOrders,
    StageName,
    TimeLimitMin,
    NoLimit,
    ClockPaused,
    Responsible,
    RouteDelivery,
    RoutePayment,
    OrdersHere,
    MoveUp,
    MoveDown,
    RemoveStage,
    AddStage,
    AtStart,
    RemovedStages,
    RemovedStagesHint,
    StageRemoved,
    ChangeLog,
    OnlyAdminEdits,
    ReqName,
    ReqInn,
    ReqKpp,
    ReqOgrn,
    ReqBank,
    ReqBic,
    ReqAccount,
    ReqCorrAccount,
    ReqDirector,
    ReqAccountant,
    SaveSettings,
    Saved,
    InvoicePrefix,
    InvoicePrefixHint,
    Papers,
    Printer,
    DefaultPrinter,
    Copies,
    Preview,
    Print,
    SavePdf,
    SavedTo,
    SentToPrinter,
    Selected,
    ClearSelection,
    SelectAll,
    DateFrom,
    DateTo,
    TimeZone,
    Courier,
    TimeZoneHint,
}

pub fn t(lang: Lang, key: Key) -> &'static str {
    let (ru, en) = match key {
        Key::Stages => ("Этапы", "Stages"),
        Key::Loading => ("Загрузка…", "Loading…"),
        Key::Number => ("№", "No."),
        Key::Customer => ("Покупатель", "Customer"),
        Key::Phone => ("Телефон", "Phone"),
        Key::Email => ("E-mail", "E-mail"),
        Key::Channel => ("Канал", "Channel"),
        Key::Total => ("Сумма", "Total"),
        Key::InStage => ("На этапе", "In stage"),
        Key::Deadline => ("Срок", "Deadline"),
        Key::NoOrdersInStage => ("Нет заказов на этапе", "No orders in stage"),
        Key::NoOrdersFound => ("Ничего не найдено", "Nothing found"),
        Key::PickAnOrder => (
            "Выберите заказ в таблице — его состав откроется здесь.",
            "Pick an order in the table to see it here.",
        ),
        Key::Lines => ("Состав заказа", "Order lines"),
        Key::Item => ("Товар", "Item"),
        Key::Qty => ("Кол-во", "Qty"),
        Key::Price => ("Цена", "Price"),
        Key::Amount => ("Сумма", "Amount"),
        Key::Subtotal => ("Товары", "Items"),
        Key::Discount => ("Скидка", "Discount"),
        Key::DeliveryCost => ("Доставка", "Delivery"),
        Key::ToPay => ("Итого", "Total"),
        Key::OriginalTotal => ("Первоначально", "Originally"),
        Key::Vat => ("В т. ч. НДС", "Incl. VAT"),
        Key::Delivery => ("Доставка", "Delivery"),
        Key::Payment => ("Оплата", "Payment"),
        Key::Address => ("Адрес", "Address"),
        Key::Zone => ("Зона", "Zone"),
        Key::Comment => ("Комментарий", "Comment"),
        Key::NextStage => ("Следующий этап", "Next stage"),
        Key::MoveTo => ("Перевести на этап…", "Move to stage…"),
        Key::CancelOrder => ("Отменить заказ", "Cancel order"),
        Key::CancelReason => ("Причина отмены", "Reason for cancelling"),
        Key::FinalStage => ("Заказ на последнем этапе", "The order is in its last stage"),
        Key::Close => ("Закрыть", "Close"),
        Key::ErrorTitle => ("Не удалось выполнить действие", "The action failed"),
        Key::Dismiss => ("Скрыть", "Dismiss"),
        Key::Overdue => ("просрочено", "overdue"),
        Key::SwitchLanguage => ("English", "Русский"),
        Key::Created => ("Создан", "Created"),
        Key::All => ("Все заказы", "All orders"),
        Key::Mine => ("Мои", "Mine"),
        Key::Problems => ("Проблемные", "Problems"),
        Key::SearchHint => (
            "Поиск: номер, ФИО, телефон, e-mail  (/)",
            "Search: number, name, phone, e-mail  (/)",
        ),
        Key::NewOrder => ("Новый заказ", "New order"),
        Key::TabOrder => ("Заказ", "Order"),
        Key::TabVersions => ("Версии", "Versions"),
        Key::TabCalls => ("Звонки", "Calls"),
        Key::TabHistory => ("История", "History"),
        Key::Draft => ("Черновик", "Draft"),
        Key::Version => ("Версия", "Version"),
        Key::Save => ("Сохранить как новую версию", "Save as a new version"),
        Key::Discard => ("Отменить правки", "Discard edits"),
        Key::Unsaved => ("Несохранённых правок", "Unsaved edits"),
        Key::AddProduct => ("Добавить товар", "Add product"),
        Key::Add => ("Добавить", "Add"),
        Key::Remove => ("Убрать", "Remove"),
        Key::OrderDiscount => ("Скидка на заказ (% или ₽)", "Order discount (% or ₽)"),
        Key::Apply => ("Применить", "Apply"),
        Key::ChangeDelivery => ("Изменить доставку", "Change delivery"),
        Key::RecordPayment => ("Внести оплату", "Record payment"),
        Key::Paid => ("Оплачено", "Paid"),
        Key::Unpaid => ("Не оплачен", "Unpaid"),
        Key::PartlyPaid => ("Оплачен частично", "Partly paid"),
        Key::FullyPaid => ("Оплачен", "Paid"),
        Key::Overpaid => ("Переплата", "Overpaid"),
        Key::Publish => ("Показать покупателю", "Publish to customer"),
        Key::Confirm => ("Подтвердить версию", "Confirm version"),
        Key::Published => ("показана покупателю", "published"),
        Key::Confirmed => ("подтверждена", "confirmed"),
        Key::Compare => ("Сравнить", "Compare"),
        Key::From => ("с", "from"),
        Key::To => ("по", "to"),
        Key::Added => ("Добавлено", "Added"),
        Key::Removed => ("Удалено", "Removed"),
        Key::Changed => ("Изменено", "Changed"),
        Key::NoDifferences => ("Версии совпадают", "The versions are the same"),
        Key::StartCall => ("Начать звонок", "Start call"),
        Key::FinishCall => ("Завершить звонок", "Finish call"),
        Key::Outcome => ("Результат", "Outcome"),
        Key::Note => ("Заметка", "Note"),
        Key::Attempts => ("Попыток дозвона", "Call attempts"),
        Key::NoCalls => ("Звонков ещё не было", "No calls yet"),
        Key::When => ("Когда", "When"),
        Key::Who => ("Кто", "Who"),
        Key::What => ("Что", "What"),
        Key::NoHistory => ("Действий ещё не было", "Nothing done yet"),
        Key::CreateDraft => ("Создать черновик", "Create draft"),
        Key::Cancel => ("Отмена", "Cancel"),
        Key::WrongAmount => (
            "Сумма: только цифры, до двух знаков после запятой",
            "Amount: digits, up to two decimals",
        ),
        Key::WrongQuantity => (
            "Количество: число больше нуля",
            "Quantity: a number above zero",
        ),
        Key::NeedCustomerAndPhone => (
            "Укажите покупателя, телефон и хотя бы один товар",
            "Enter the customer, the phone and at least one item",
        ),
        Key::Method => ("Способ", "Method"),
        Key::AnyChannel => ("Все каналы", "Any channel"),
        Key::AnyDelivery => ("Любая доставка", "Any delivery"),
        Key::AnyPayment => ("Любая оплата", "Any payment"),
        Key::AnyPaid => ("Оплата: все", "Paid or not"),
        Key::Settings => ("Настройки", "Settings"),
        Key::SettingsStages => ("Этапы", "Stages"),
        Key::SettingsRequisites => ("Реквизиты", "Requisites"),
        Key::SettingsPrinting => ("Магазин и счета", "Shop and invoices"),
        Key::BackToOrders => ("← К заказам", "← Back to orders"),
        Key::StageName => ("Название этапа", "Stage name"),
        Key::TimeLimitMin => ("Срок, мин", "Limit, min"),
        Key::NoLimit => ("без срока", "no limit"),
        Key::ClockPaused => ("часы стоят", "clock paused"),
        Key::Responsible => ("Ответственные", "Responsible"),
        Key::RouteDelivery => ("Для доставки", "For delivery"),
        Key::RoutePayment => ("Для оплаты", "For payment"),
        Key::OrdersHere => ("Заказов", "Orders"),
        Key::MoveUp => ("Выше", "Move up"),
        Key::MoveDown => ("Ниже", "Move down"),
        Key::RemoveStage => ("Удалить этап", "Remove stage"),
        Key::AddStage => ("Добавить этап", "Add stage"),
        Key::AtStart => ("в начало", "at the start"),
        Key::RemovedStages => ("Удалённые этапы с заказами", "Removed stages with orders"),
        Key::RemovedStagesHint => ("Заказы остались на удалённом этапе и отмечены как проблемные, пока их не переведут на другой этап.", "The orders stay in the removed stage, flagged as problems, until moved to another stage."),
        Key::StageRemoved => ("этап удалён — переведите заказ", "stage removed — move the order"),
        Key::ChangeLog => ("Журнал изменений", "Change log"),
        Key::OnlyAdminEdits => ("Менять этапы может только администратор; каждое изменение записывается в журнал.", "Only the administrator changes stages; every change is logged."),
        Key::ReqName => ("Наименование", "Legal name"),
        Key::ReqInn => ("ИНН", "INN"),
        Key::ReqKpp => ("КПП", "KPP"),
        Key::ReqOgrn => ("ОГРН / ОГРНИП", "OGRN"),
        Key::ReqBank => ("Банк", "Bank"),
        Key::ReqBic => ("БИК", "BIC"),
        Key::ReqAccount => ("Расчётный счёт", "Settlement account"),
        Key::ReqCorrAccount => ("Корр. счёт", "Correspondent account"),
        Key::ReqDirector => ("Руководитель", "Director"),
        Key::ReqAccountant => ("Главный бухгалтер", "Chief accountant"),
        Key::SaveSettings => ("Сохранить", "Save"),
        Key::Saved => ("Сохранено", "Saved"),
        Key::InvoicePrefix => ("Префикс номеров счетов этого компьютера", "This PC's invoice number prefix"),
        Key::InvoicePrefixHint => ("У каждого компьютера магазина свой префикс (1–6 букв или цифр): так счета, выставленные без связи на двух компьютерах, не получат одинаковых номеров.", "Each of the shop's PCs has its own prefix (1–6 letters or digits), so invoices issued offline on two PCs never share a number."),
        Key::Papers => ("Документы", "Papers"),
        Key::Printer => ("Принтер", "Printer"),
        Key::DefaultPrinter => ("Принтер по умолчанию", "Default printer"),
        Key::Copies => ("Копий", "Copies"),
        Key::Preview => ("Просмотр", "Preview"),
        Key::Print => ("Печать", "Print"),
        Key::SavePdf => ("Сохранить PDF", "Save PDF"),
        Key::SavedTo => ("Сохранено", "Saved to"),
        Key::SentToPrinter => ("Отправлено на печать", "Sent to the printer"),
        Key::Selected => ("Выбрано", "Selected"),
        Key::ClearSelection => ("Снять выделение", "Clear selection"),
        Key::SelectAll => ("Выбрать все", "Select all"),
        Key::DateFrom => ("Создан с", "Created from"),
        Key::DateTo => ("по", "to"),
        Key::Courier => ("Курьер (ФИО)", "Courier (name)"),
        Key::TimeZone => ("Часовой пояс магазина", "The shop's time zone"),
        Key::TimeZoneHint => ("По нему датируются документы и считаются дни в фильтрах, например Europe/Moscow или Asia/Yekaterinburg.", "Papers are dated and filter days are cut in it, e.g. Europe/Moscow or Asia/Yekaterinburg."),
    };
    pick(lang, ru, en)
}

fn pick(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

pub fn channel(lang: Lang, channel: Channel) -> &'static str {
    let (ru, en) = match channel {
        Channel::Site => ("Сайт", "Site"),
        Channel::Phone => ("Телефон", "Phone"),
        Channel::Marketplace => ("Маркетплейс", "Marketplace"),
    };
    pick(lang, ru, en)
}

pub const DELIVERY_METHODS: [DeliveryMethod; 4] = [
    DeliveryMethod::Courier,
    DeliveryMethod::Post,
    DeliveryMethod::Pickup,
    DeliveryMethod::MarketplaceLogistics,
];

pub fn delivery(lang: Lang, method: DeliveryMethod) -> &'static str {
    let (ru, en) = match method {
        DeliveryMethod::Courier => ("Курьер", "Courier"),
        DeliveryMethod::Post => ("Почта", "Post"),
        DeliveryMethod::Pickup => ("Самовывоз", "Pickup"),
        DeliveryMethod::MarketplaceLogistics => ("Логистика маркетплейса", "Marketplace logistics"),
    };
    pick(lang, ru, en)
}

pub const PAYMENT_METHODS: [PaymentMethod; 5] = [
    PaymentMethod::CashOnDelivery,
    PaymentMethod::CardOnDelivery,
    PaymentMethod::BankTransfer,
    PaymentMethod::Online,
    PaymentMethod::Marketplace,
];

pub fn payment(lang: Lang, method: PaymentMethod) -> &'static str {
    let (ru, en) = match method {
        PaymentMethod::CashOnDelivery => ("Наличными при получении", "Cash on delivery"),
        PaymentMethod::CardOnDelivery => ("Картой при получении", "Card on delivery"),
        PaymentMethod::BankTransfer => ("Безналичный расчёт", "Bank transfer"),
        PaymentMethod::Online => ("Онлайн-оплата", "Online payment"),
        PaymentMethod::Marketplace => ("Через маркетплейс", "Via the marketplace"),
    };
    pick(lang, ru, en)
}

pub fn payment_status(lang: Lang, status: PaymentStatus) -> &'static str {
    t(
        lang,
        match status {
            PaymentStatus::Unpaid => Key::Unpaid,
            PaymentStatus::Partial => Key::PartlyPaid,
            PaymentStatus::Paid => Key::FullyPaid,
            PaymentStatus::Overpaid => Key::Overpaid,
        },
    )
}

pub fn role(lang: Lang, role: Role) -> &'static str {
    let (ru, en) = match role {
        Role::Admin => ("администратор", "admin"),
        Role::Manager => ("менеджер", "manager"),
        Role::Picker => ("комплектовщик", "picker"),
        Role::Dispatcher => ("диспетчер", "dispatcher"),
    };
    pick(lang, ru, en)
}

/// The outcomes a manager picks from after a call (a call-back time is given separately).
pub const CALL_OUTCOMES: [(&str, &str, &str); 4] = [
    ("reached", "Дозвонились", "Reached"),
    ("no_answer", "Не отвечает", "No answer"),
    ("confirmed", "Заказ подтверждён", "Order confirmed"),
    ("refused", "Отказ", "Refused"),
];

pub fn call_outcome(lang: Lang, outcome: CallOutcome) -> String {
    let key = match outcome {
        CallOutcome::Reached => "reached",
        CallOutcome::NoAnswer => "no_answer",
        CallOutcome::Confirmed => "confirmed",
        CallOutcome::Refused => "refused",
        CallOutcome::CallBackAt { at } => {
            let when = crate::format::date_time(at);
            return match lang {
                Lang::Ru => format!("Перезвонить {when}"),
                Lang::En => format!("Call back at {when}"),
            };
        }
    };
    CALL_OUTCOMES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, ru, en)| pick(lang, ru, en).to_owned())
        .unwrap_or_default()
}

/// "5 заказов" / "5 orders", with Russian plural rules.
pub fn orders_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ru => format!("{n} {}", ru_plural(n, "заказ", "заказа", "заказов")),
        Lang::En if n == 1 => "1 order".to_owned(),
        Lang::En => format!("{n} orders"),
    }
}

pub fn doc_kind(lang: Lang, kind: proto::DocKind) -> &'static str {
    use proto::DocKind as D;
    let (ru, en) = match kind {
        D::Invoice => ("Счёт на оплату", "Invoice"),
        D::Pd4 => ("Квитанция ПД-4", "Bank receipt (PD-4)"),
        D::DeliveryNote => ("Товарная накладная", "Delivery note"),
        D::TransportWaybill => ("Транспортная накладная", "Transport waybill"),
        D::PickList => ("Лист сборки", "Pick list"),
        D::RouteSheet => ("Маршрутный лист", "Route sheet"),
    };
    pick(lang, ru, en)
}

/// A workflow change log entry's code as the log reads.
pub fn workflow_change(lang: Lang, code: &str) -> &'static str {
    let (ru, en) = match code {
        "add_stage" => ("Добавлен этап", "Stage added"),
        "rename_stage" => ("Переименован этап", "Stage renamed"),
        "reorder_stage" => ("Изменён порядок", "Order changed"),
        "remove_stage" => ("Удалён этап", "Stage removed"),
        "set_stage_limit" => ("Изменён срок", "Limit changed"),
        "set_stage_responsible" => ("Изменены ответственные", "Responsible changed"),
        "set_stage_route" => ("Изменён маршрут", "Route changed"),
        _ => ("Изменение", "Change"),
    };
    pick(lang, ru, en)
}
