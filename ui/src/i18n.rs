//! The one translation table. Russian is the default; every key has an English text beside it
//! (the `match` is exhaustive, so a key without a translation does not compile).

pub mod backups;
pub mod desktop;
pub mod export;
pub mod history;
pub mod picker;
pub mod sync;
pub mod updates;

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
    /// The search box's placeholder: short enough for the bar at 1366 px; the full
    /// [`Key::SearchHint`] is its tooltip.
    SearchShort,
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
    GuardsColumn,
    GuardPaidToLeave,
    GuardAddressToEnter,
    GuardLocked,
    OrderLocked,
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
    ChangedElsewhere,
    ShowChanges,
    ChangeLog,
    OnlyAdminEdits,
    ReqName,
    ReqInn,
    ReqKpp,
    ReqOgrn,
    ReqBank,
    ReqBankQr,
    ReqBankTooLongForQr,
    ReqBankQrTooLong,
    ReqBic,
    ReqAccount,
    ReqCorrAccount,
    ReqDirector,
    ReqAccountant,
    Buyer,
    BuyerPerson,
    BuyerCompany,
    BuyerKnown,
    Places,
    SettingsDeliveryPayment,
    SetupMethodsHint,
    OfferedDelivery,
    OfferedPayment,
    Tariffs,
    TariffsHint,
    TariffAnyZone,
    TariffCost,
    TariffFreeFrom,
    RemoveTariff,
    AddTariff,
    TariffRow,
    TariffUnreadable,
    ReleasedBy,
    SavePlaces,
    SaveComment,
    PlacesWrong,
    PlacesHint,
    BuyerKnownPick,
    LegalAddress,
    SaveBuyer,
    SaveSettings,
    Saved,
    InvoicePrefix,
    InvoicePrefixHint,
    InputLimits,
    MaxQuantity,
    MaxLineAmount,
    InputLimitsHint,
    LimitsUnreadable,
    Papers,
    Printer,
    DefaultPrinter,
    Copies,
    Preview,
    Print,
    SavePdf,
    SavedTo,
    SentToPrinter,
    MarketplaceLabels,
    PrintLabels,
    SaveLabels,
    Selected,
    ClearSelection,
    SelectAll,
    DateFrom,
    DateTo,
    TimeZone,
    Courier,
    PushQueue,
    MarketActions,
    MarketActionsHint,
    DeliveryMap,
    DeliveryMapHint,
    SiteMethod,
    ShopMethod,
    NotMapped,
    Unmapped,
    MappedVia,
    DefaultDelivery,
    LastOrderSeen,
    NotOnSiteList,
    SiteListUnread,
    NoSiteMethods,
    NowGoesAs,
    FulfilmentModels,
    DefaultStage,
    NoStage,
    MarketCancelReason,
    CampaignId,
    MerchantId,
    BusinessId,
    OzonWarehouse,
    NoWarehouse,
    LoadWarehouses,
    StageGone,
    OnlyModels,
    TestConnection,
    RetryPush,
    DismissPush,
    DismissWhy,
    DismissedBy,
    PushAttempts,
    MarketStatus,
    SyncSynced,
    SyncPending,
    SyncOffline,
    SyncOfflineSince,
    SyncRevoked,
    SyncUpgrade,
    SettingsTeam,
    SettingsChannels,
    TeamHint,
    TeamJoined,
    HubUrl,
    DeviceToken,
    JoinTeam,
    SyncRefused,
    ChannelsHint,
    Imported,
    StatusesSent,
    StockSent,
    Reconciled,
    RepeatCustomer,
    SiteChanges,
    ProductsAdded,
    LastSync,
    SyncNow,
    Resume,
    RemoveConnection,
    StatusMap,
    ChannelIsMaster,
    AddConnection,
    ChannelKind,
    ConnectionName,
    ChannelUrl,
    ChannelLogin,
    ChannelSecret,
    EditConnection,
    KeepKeys,
    KeepKeysHint,
    SaveConnection,
    ConnectionSaved,
    NotSavedTestFailed,
    SaveUntested,
    SaveAnyway,
    DiscardNewOrder,
    DeleteIt,
    Certificate,
    TrustNone,
    TrustCa,
    TrustPinned,
    CertificatePem,
    CertificateFile,
    Fingerprint,
    MarketplaceKeysHint,
    TimeZoneHint,
    FirstRunTitle,
    FirstRunHint,
    StartOwnShop,
    StartOwnShopHint,
    JoinExistingTeam,
    JoinExistingTeamHint,
    OpenDemo,
    OpenDemoHint,
    DemoShop,
    SetupStep,
    ShopName,
    ShopNameHint,
    Back,
    Next,
    SetupRequisitesHint,
    SkipForNow,
    SetupWorkflow,
    SetupWorkflowHint,
    TemplateCourier,
    TemplateMarketplace,
    TemplatePickup,
    FirstAdmin,
    FirstAdminName,
    FirstAdminHint,
    FinishSetup,
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
            "Поиск: номер, телефон, ФИО, e-mail, адрес, артикул  (/)",
            "Search: number, phone, name, e-mail, address, SKU  (/)",
        ),
        Key::SearchShort => ("Поиск заказа  (/)", "Find an order  (/)"),
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
        Key::Published => ("показана покупателю", "shown to the customer"),
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
        Key::GuardsColumn => ("Условия этапа", "Stage guards"),
        Key::GuardPaidToLeave => (
            "выход только после оплаты (предоплата)",
            "leaves only when paid (prepaid)",
        ),
        Key::GuardAddressToEnter => (
            "вход только с адресом (курьер, почта)",
            "enters only with an address (courier, post)",
        ),
        Key::GuardLocked => ("состав и доставка не меняются", "lines and delivery frozen"),
        Key::OrderLocked => (
            "На этом этапе состав, скидки и доставка заказа не меняются.",
            "At this stage the order's lines, discounts and delivery no longer change.",
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
        Key::ChangedElsewhere => (
            "Заказ изменили в другом месте (сайт, маркетплейс или другой компьютер). Ваши несохранённые правки пока на месте: сохраните их или обновите карточку.",
            "The order was changed elsewhere (the site, a marketplace or another PC). Your unsaved edits are still here: save them or reload the card.",
        ),
        Key::ShowChanges => ("Обновить карточку", "Reload the card"),
        Key::ChangeLog => ("Журнал изменений", "Change log"),
        Key::OnlyAdminEdits => ("Менять этапы может только администратор; каждое изменение записывается в журнал.", "Only the administrator changes stages; every change is logged."),
        Key::ReqName => ("Наименование", "Legal name"),
        Key::ReqInn => ("ИНН", "INN"),
        Key::ReqKpp => ("КПП", "KPP"),
        Key::ReqOgrn => ("ОГРН / ОГРНИП", "OGRN"),
        Key::ReqBank => ("Наименование банка", "Bank name"),
        Key::ReqBankQr => ("Наименование банка для QR-кода (если официальное длиннее 45 символов)", "Bank name for the payment QR (if the official one exceeds 45 characters)"),
        Key::ReqBankTooLongForQr => ("Длиннее 45 символов — в QR-код оплаты не войдёт: заполните «Наименование банка для QR-кода»", "Over 45 characters, too long for the payment QR: fill in “Bank name for the payment QR”"),
        Key::ReqBankQrTooLong => ("В QR-коде оплаты не больше 45 символов (ГОСТ Р 56042)", "The payment QR allows 45 characters at most (GOST R 56042)"),
        Key::ReqBic => ("БИК", "BIC"),
        Key::ReqAccount => ("Расчётный счёт", "Settlement account"),
        Key::ReqCorrAccount => ("Корр. счёт", "Correspondent account"),
        Key::ReqDirector => ("Руководитель", "Director"),
        Key::ReqAccountant => ("Главный бухгалтер", "Chief accountant"),
        Key::Buyer => ("Покупатель", "Buyer"),
        Key::BuyerPerson => ("частное лицо", "private person"),
        Key::BuyerCompany => ("организация или ИП", "company or sole trader"),
        Key::Places => ("Грузовых мест", "Packages"),
        Key::SettingsDeliveryPayment => ("Доставка и оплата", "Delivery and payment"),
        Key::SetupMethodsHint => ("Какими способами магазин доставляет и принимает оплату и сколько стоит доставка. Изменения сохраняет кнопка «Сохранить»; всё это можно поменять позже в настройках.", "How the shop delivers and takes payment, and what delivery costs. “Save” keeps changes; all of it can be changed later in the settings."),
        Key::OfferedDelivery => ("Способы доставки для заказов, принятых в программе", "Delivery methods for orders taken at the desk"),
        Key::OfferedPayment => ("Способы оплаты для заказов, принятых в программе", "Payment methods for orders taken at the desk"),
        Key::Tariffs => ("Тарифы доставки", "Delivery tariffs"),
        Key::TariffsHint => ("Зона — район, пункт выдачи или тариф транспортной компании; строка с пустой зоной действует везде, где своей зоны нет. «Бесплатно от» — сумма товаров, с которой доставка бесплатна. Заказы каналов сохраняют стоимость доставки канала.", "A zone is a district, a pickup point or a transport company's rate; a row with an empty zone applies wherever no zone of its own does. “Free from” is the goods' total from which delivery is free. Channels' orders keep the channel's delivery charge."),
        Key::TariffAnyZone => ("везде", "anywhere"),
        Key::TariffCost => ("Стоимость, ₽", "Cost, ₽"),
        Key::TariffFreeFrom => ("Бесплатно от, ₽", "Free from, ₽"),
        Key::RemoveTariff => ("Удалить строку", "Remove the row"),
        Key::AddTariff => ("+ Тариф", "+ Tariff"),
        Key::TariffRow => ("Строка", "Row"),
        Key::TariffUnreadable => ("сумма не читается как рубли (например 350 или 1 250,50)", "a sum does not read as rubles (e.g. 350 or 1 250,50)"),
        Key::SavePlaces => ("Сохранить", "Save"),
        Key::SaveComment => ("Сохранить комментарий", "Save the comment"),
        Key::PlacesWrong => ("Целое число от 1 до 99 999", "A whole number from 1 to 99,999"),
        Key::PlacesHint => ("считают при сборке; печатается в транспортной накладной", "counted at the pick; printed on the transport waybill"),
        Key::BuyerKnown => ("Реквизиты из прежних заказов", "Requisites from earlier orders"),
        Key::BuyerKnownPick => ("— выбрать —", "— choose —"),
        Key::LegalAddress => ("Юридический адрес", "Legal address"),
        Key::SaveBuyer => ("Сохранить покупателя", "Save buyer"),
        Key::SaveSettings => ("Сохранить", "Save"),
        Key::Saved => ("Сохранено", "Saved"),
        Key::InvoicePrefix => ("Префикс номеров счетов этого компьютера", "This PC's invoice number prefix"),
        Key::InvoicePrefixHint => ("У каждого компьютера магазина свой префикс (1–6 букв или цифр): так счета, выставленные без связи на двух компьютерах, не получат одинаковых номеров.", "Each of the shop's PCs has its own prefix (1–6 letters or digits), so invoices issued offline on two PCs never share a number."),
        Key::InputLimits => ("Ограничения ввода", "Input bounds"),
        Key::MaxQuantity => ("Наибольшее количество в строке", "Largest quantity on a line"),
        Key::MaxLineAmount => ("Наибольшая сумма строки, ₽", "Largest line amount, ₽"),
        Key::InputLimitsHint => ("Больше этого в строку заказа не вписать: так опечатка («1 000 000 000 роутеров») не станет заказом. Действует на всех компьютерах магазина.", "A line cannot take more than this, so a typo («1,000,000,000 routers») never becomes an order. Applies on every PC of the shop."),
        Key::LimitsUnreadable => ("Введите числа: количество (например, 100 000) и сумму в рублях.", "Enter numbers: a quantity (e.g. 100 000) and an amount in roubles."),
        Key::Papers => ("Документы", "Papers"),
        Key::Printer => ("Принтер", "Printer"),
        Key::DefaultPrinter => ("Принтер по умолчанию", "Default printer"),
        Key::Copies => ("Копий", "Copies"),
        Key::Preview => ("Просмотр", "Preview"),
        Key::Print => ("Печать", "Print"),
        Key::SavePdf => ("Сохранить PDF", "Save PDF"),
        Key::SavedTo => ("Сохранено", "Saved to"),
        Key::MarketplaceLabels => ("Этикетки маркетплейса", "Marketplace labels"),
        Key::PrintLabels => ("Печать этикеток", "Print labels"),
        Key::SaveLabels => ("Сохранить этикетки", "Save labels"),
        Key::SentToPrinter => ("Отправлено на печать", "Sent to the printer"),
        Key::Selected => ("Выбрано", "Selected"),
        Key::ClearSelection => ("Снять выделение", "Clear selection"),
        Key::SelectAll => ("Выбрать все", "Select all"),
        Key::DateFrom => ("Создан с", "Created from"),
        Key::DateTo => ("по", "to"),
        Key::SyncSynced => ("Синхронизировано", "Synced"),
        Key::SyncPending => ("Ждут отправки", "Pending"),
        Key::SyncOffline => ("Нет связи с сервером команды", "Team hub unreachable"),
        Key::SyncOfflineSince => ("Нет связи с", "Offline since"),
        Key::SyncRevoked => ("Устройство отключено — только чтение", "Device revoked — read-only"),
        Key::SyncUpgrade => ("Нужна новая версия программы", "Please update the desk"),
        Key::SettingsTeam => ("Команда", "Team"),
        Key::SettingsChannels => ("Каналы", "Channels"),
        Key::TeamHint => ("Этот компьютер работает автономно. Чтобы работать вместе с другими компьютерами магазина, укажите адрес сервера команды и ключ устройства (его выдаёт администратор: orderdesk-hub admin create-device).", "This PC works alone. To work with the shop's other PCs, enter the team hub's address and this device's key (the administrator makes it: orderdesk-hub admin create-device)."),
        Key::TeamJoined => ("Компьютер подключён к серверу команды: заказы синхронизируются в фоне, без связи работа продолжается.", "This PC is joined to the team hub: orders sync in the background, and work goes on offline."),
        Key::HubUrl => ("Адрес сервера команды", "Team hub address"),
        Key::DeviceToken => ("Ключ устройства", "Device key"),
        Key::JoinTeam => ("Подключиться", "Join"),
        Key::SyncRefused => ("Отклонённые изменения", "Refused changes"),
        Key::ChannelsHint => ("Сайт, склад и 1С: заказы приходят по расписанию (каждые 5 минут), остатки — раз в час. Ключи хранятся в системном хранилище паролей, не в базе.", "Site, warehouse and 1C: orders arrive on schedule (every 5 minutes), stock hourly. Keys are kept in the system keyring, not in the database."),
        Key::Imported => ("Загружено заказов", "Orders imported"),
        Key::StatusesSent => ("Статусов отправлено", "Statuses sent"),
        Key::StockSent => ("Остатков отправлено", "Stock sent"),
        Key::Reconciled => (
            "Найдено сверкой с каналом",
            "Found by the check against the channel",
        ),
        Key::SiteChanges => ("Изменений с сайта", "Changes from the site"),
        Key::RepeatCustomer => (
            "Постоянный покупатель — заказов в магазине",
            "Repeat customer — orders in the shop",
        ),
        Key::ProductsAdded => ("Товаров добавлено в каталог", "Products added to the catalogue"),
        Key::LastSync => ("Последний обмен", "Last exchange"),
        Key::SyncNow => ("Обменяться сейчас", "Sync now"),
        Key::Resume => ("Возобновить", "Resume"),
        Key::RemoveConnection => ("Удалить подключение", "Remove connection"),
        Key::StatusMap => ("Соответствие статусов", "Status mapping"),
        Key::ChannelIsMaster => ("главный — канал", "channel is master"),
        Key::AddConnection => ("Добавить подключение", "Add connection"),
        Key::ChannelKind => ("Система", "System"),
        Key::ConnectionName => ("Название", "Name"),
        Key::ChannelUrl => ("Адрес", "Address"),
        Key::ChannelLogin => ("Ключ (consumer key / логин)", "Key (consumer key / login)"),
        Key::MarketplaceKeysHint => ("Ozon: логин — Client-Id, секрет — Api-Key. Яндекс Маркет: секрет — Api-Key. Мегамаркет: адрес https://api.megamarket.tech/, логин — логин уведомлений о заказах, секрет — токен API (он же пароль уведомлений).", "Ozon: login = Client-Id, secret = Api-Key. Yandex Market: secret = Api-Key. MegaMarket: address https://api.megamarket.tech/, login = order notification login, secret = API token (also the notification password)."),
        Key::ChannelSecret => ("Секрет (consumer secret / пароль)", "Secret (consumer secret / password)"),
        Key::EditConnection => ("Изменить адрес, ключи, сертификат", "Edit address, keys, certificate"),
        Key::KeepKeys => ("не менять", "keep"),
        Key::KeepKeysHint => (
            "Сохранённые ключи не показываются. Оставьте поля ключа и секрета пустыми, чтобы их не менять; перед сохранением подключение проверяется.",
            "Saved keys are never shown. Leave key and secret empty to keep them; the connection is tested before it is saved.",
        ),
        Key::SaveConnection => ("Проверить и сохранить", "Test and save"),
        Key::ConnectionSaved => ("Сохранено.", "Saved."),
        Key::NotSavedTestFailed => (
            "Подключение не сохранено: проверка не прошла.",
            "The connection is not saved: the test failed.",
        ),
        Key::SaveAnyway => ("Сохранить без проверки", "Save untested"),
        Key::DiscardNewOrder => (
            "Удалить начатый заказ? Введённое не сохранится.",
            "Throw away the order being taken? What was typed is lost.",
        ),
        Key::DeleteIt => ("Удалить", "Delete"),
        Key::SaveUntested => (
            "Канал не ответил как следует, ключи не проверены. Сохранить подключение без проверки?",
            "The channel did not answer properly; the keys are not tested. Save the connection untested?",
        ),
        Key::Certificate => ("Сертификат", "Certificate"),
        Key::TrustNone => ("— только общепризнанные центры сертификации —", "— public certificate authorities only —"),
        Key::TrustCa => ("центр сертификации магазина (файл ЦС)", "the shop's own CA (CA file)"),
        Key::TrustPinned => ("закреплённый сертификат сайта", "the site's pinned certificate"),
        Key::CertificatePem => ("Текст сертификата (PEM: -----BEGIN CERTIFICATE-----…)", "Certificate text (PEM: -----BEGIN CERTIFICATE-----…)"),
        Key::CertificateFile => ("или файл сертификата", "or a certificate file"),
        Key::Fingerprint => ("Отпечаток SHA-256 — сверьте с сертификатом сайта", "SHA-256 fingerprint — compare with the site's certificate"),
        Key::PushQueue => ("Действия на маркетплейсе: ждут и не удались", "Marketplace actions: waiting and failed"),
        Key::MarketActions => ("Действия маркетплейса", "Marketplace actions"),
        Key::DeliveryMap => ("Способы доставки сайта", "The site's delivery methods"),
        Key::DeliveryMapHint => (
            "Каждому способу доставки сайта — способ доставки магазина. Изменение действует на заказы, загруженные после сохранения; уже загруженные заказы не меняются.",
            "Map each of the site's delivery methods to one of the shop's. A change applies to the orders imported after it is saved; orders already in are not changed.",
        ),
        Key::SiteMethod => ("На сайте", "On the site"),
        Key::ShopMethod => ("В магазине", "In the shop"),
        Key::NotMapped => ("— не сопоставлен —", "— not mapped —"),
        Key::Unmapped => ("не сопоставлен: заказы получают способ по умолчанию", "not mapped: orders get the default"),
        Key::MappedVia => ("как", "as"),
        Key::DefaultDelivery => ("По умолчанию — для способов без сопоставления", "Default, for methods not mapped"),
        Key::LastOrderSeen => ("последний заказ №", "last order No."),
        Key::NotOnSiteList => ("нет в списке способов сайта", "not in the site's list of methods"),
        Key::SiteListUnread => ("Список способов сайта не прочитан, показаны способы из заказов:", "The site's list of methods was not read; the methods of its orders are shown:"),
        Key::NoSiteMethods => ("Сайт пока не назвал ни одного способа доставки.", "The site has named no delivery method yet."),
        Key::NowGoesAs => ("сейчас", "now"),
        Key::MarketActionsHint => ("Какой этап запускает каждое действие на маркетплейсе. «Не запускать» — действие делают вручную в кабинете.", "Which stage fires each marketplace action. \"None\" — the action is done by hand in the marketplace's cabinet."),
        Key::FulfilmentModels => ("Модели работы", "Fulfilment models"),
        Key::DefaultStage => ("по умолчанию", "default"),
        Key::NoStage => ("— не запускать —", "— none —"),
        Key::MarketCancelReason => ("Причина отмены", "Cancellation reason"),
        Key::CampaignId => ("Номер кампании", "Campaign id"),
        Key::MerchantId => ("Номер продавца на Мегамаркете", "MegaMarket merchant id"),
        Key::BusinessId => (
            "Номер кабинета (businessId; пусто — найдётся по кампании)",
            "Business id (empty: found from the campaign)",
        ),
        Key::OzonWarehouse => ("Склад Ozon для остатков", "Ozon warehouse for stock"),
        Key::NoWarehouse => (
            "— не выбран: остатки не отправляются",
            "— none: no stock is sent",
        ),
        Key::LoadWarehouses => ("Загрузить склады из Ozon", "Load warehouses from Ozon"),
        Key::StageGone => ("этапа больше нет — выберите другой", "the stage no longer exists — pick another"),
        Key::OnlyModels => ("только", "only"),
        Key::TestConnection => ("Проверить подключение", "Test connection"),
        Key::RetryPush => ("Повторить", "Retry"),
        Key::DismissPush => ("Скрыть", "Dismiss"),
        Key::DismissWhy => ("Почему это действие не нужно повторять? Запись останется в истории.", "Why should this action not be retried? It stays in the history."),
        Key::DismissedBy => ("Скрыто", "Dismissed"),
        Key::PushAttempts => ("Попыток", "Attempts"),
        Key::MarketStatus => ("Статус на маркетплейсе", "Status on the marketplace"),
        Key::Courier => ("Курьер (ФИО)", "Courier (name)"),
        Key::ReleasedBy => ("Отпуск груза произвёл (ФИО), если не вы", "Goods released by (name), if not you"),
        Key::TimeZone => ("Часовой пояс магазина", "The shop's time zone"),
        Key::TimeZoneHint => ("По нему датируются документы и считаются дни в фильтрах, например Europe/Moscow или Asia/Yekaterinburg.", "Papers are dated and filter days are cut in it, e.g. Europe/Moscow or Asia/Yekaterinburg."),
        Key::FirstRunTitle => ("Добро пожаловать в OrderDesk", "Welcome to OrderDesk"),
        Key::FirstRunHint => ("Этот компьютер ещё не знает ваш магазин. С чего начнём?", "This PC does not know your shop yet. Where shall we start?"),
        Key::StartOwnShop => ("Начать свой магазин", "Start my own shop"),
        Key::StartOwnShopHint => ("Пустой магазин: название, реквизиты, этапы работы и администратор — четыре шага.", "An empty shop: its name, requisites, stages and administrator, in four steps."),
        Key::JoinExistingTeam => ("Подключиться к команде", "Join a team"),
        Key::JoinExistingTeamHint => ("Магазин уже работает на сервере команды: укажите его адрес и ключ этого компьютера (ключ выдаёт администратор: orderdesk-hub admin create-device).", "The shop already runs on a team hub: enter its address and this PC's key (the administrator makes it: orderdesk-hub admin create-device)."),
        Key::OpenDemo => ("Открыть демо-магазин", "Open the demo shop"),
        Key::OpenDemoHint => ("300 заказов выдуманного магазина, чтобы осмотреться. Свой магазин потом начинают в другой папке данных: демо-данные в него не попадут.", "300 orders of an invented shop to look around. Your own shop then starts in another data folder: nothing of the demo reaches it."),
        Key::DemoShop => ("Демо-магазин", "Demo shop"),
        Key::SetupStep => ("Шаг", "Step"),
        Key::ShopName => ("Название магазина", "Shop name"),
        Key::ShopNameHint => ("Так магазин называется в окне и у сотрудников; юридическое название — в реквизитах.", "What the window and the staff call the shop; the legal name goes in the requisites."),
        Key::Back => ("Назад", "Back"),
        Key::Next => ("Далее", "Next"),
        Key::SetupRequisitesHint => ("Реквизиты печатаются в счетах, квитанциях и накладных. Сохраните их или пропустите шаг: они всегда есть в Настройках.", "The requisites are printed on invoices, receipts and waybills. Save them or skip this step: they are always in Settings."),
        Key::SkipForNow => ("Пропустить — заполню позже", "Skip — I will fill them in later"),
        Key::SetupWorkflow => ("Этапы работы", "Stages"),
        Key::SetupWorkflowHint => ("С каких этапов начать; потом их можно переименовать, добавить или убрать в Настройках. Способы доставки и оплаты пока стандартные: курьер, почта, самовывоз и логистика маркетплейса; наличные, карта курьеру, перевод, онлайн.", "Which stages to start from; rename, add or remove them later in Settings. Delivery and payment methods are the standard ones for now: courier, post, pickup and marketplace logistics; cash, card to the courier, bank transfer, online."),
        Key::TemplateCourier => ("Курьерский магазин (9 этапов)", "Courier shop (9 stages)"),
        Key::TemplateMarketplace => ("Маркетплейс", "Marketplace"),
        Key::TemplatePickup => ("Только самовывоз", "Pickup only"),
        Key::FirstAdmin => ("Администратор", "Administrator"),
        Key::FirstAdminName => ("Фамилия и имя администратора", "The administrator's name"),
        Key::FirstAdminHint => ("Всё, что он делает, записывается от его имени. Других сотрудников он добавит в настройках.", "Everything they do is recorded under this name. They add the other people in the settings."),
        Key::FinishSetup => ("Готово — открыть магазин", "Done — open the shop"),
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

/// A kind of connection by its name in the window's language (brands keep theirs).
pub fn channel_kind(lang: Lang, kind: proto::ChannelKind) -> &'static str {
    use proto::ChannelKind as K;
    let (ru, en) = match kind {
        K::WooCommerce => ("WooCommerce", "WooCommerce"),
        K::MoySklad => ("МойСклад", "MoySklad"),
        K::CommerceMl => ("1С (CommerceML)", "1C (CommerceML)"),
        K::Ozon => ("Ozon", "Ozon"),
        K::YandexMarket => ("Яндекс Маркет", "Yandex Market"),
        K::MegaMarket => ("Мегамаркет", "MegaMarket"),
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

/// Why a field of a company buyer was refused, shown beside it.
pub fn buyer_error(
    lang: Lang,
    field: proto::BuyerField,
    problem: proto::BuyerProblem,
) -> &'static str {
    use proto::BuyerField as F;
    use proto::BuyerProblem as P;
    let (ru, en) = match (problem, field) {
        (P::Missing, _) => ("Заполните это поле", "Fill this in"),
        (P::Shape, F::Inn) => (
            "ИНН — 10 цифр (организация) или 12 (ИП)",
            "INN: 10 digits (company) or 12 (sole trader)",
        ),
        (P::Shape, F::Kpp) => (
            "КПП — 9 знаков, например 773601001",
            "KPP: 9 characters, e.g. 773601001",
        ),
        (P::Shape, F::Bic) => ("БИК — 9 цифр", "BIC: 9 digits"),
        (P::Shape, F::CorrAccount) => (
            "Корр. счёт — 20 цифр, начиная с 301",
            "Correspondent account: 20 digits starting with 301",
        ),
        (P::Shape, _) => ("Счёт — 20 цифр", "Account: 20 digits"),
        (P::CheckDigit, _) => (
            "Неверное контрольное число — проверьте, не опечатка ли",
            "Wrong check digit — look for a typo",
        ),
        (P::AccountKey, _) => (
            "Счёт не сходится с БИК — проверьте счёт и БИК",
            "The account does not match the BIC — check both",
        ),
        (P::TooLong, _) => (
            "Слишком длинно (не больше 500 символов)",
            "Too long (500 characters at most)",
        ),
        (P::NotForSoleTrader, _) => (
            "У ИП нет КПП — оставьте поле пустым",
            "A sole trader has no KPP — leave it empty",
        ),
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
        "set_marketplace_triggers" => (
            "Изменены действия маркетплейса",
            "Marketplace actions changed",
        ),
        "push_retry" => (
            "Повтор действия на маркетплейсе",
            "Marketplace action retried",
        ),
        "push_dismiss" => (
            "Скрыто действие на маркетплейсе",
            "Marketplace action dismissed",
        ),
        "set_delivery_map" => (
            "Изменены способы доставки сайта",
            "Site delivery methods mapped",
        ),
        "set_stage_guards" => ("Изменены условия этапа", "Stage conditions changed"),
        "choose_workflow" => ("Выбран шаблон этапов", "Workflow template chosen"),
        "set_requisites" => ("Изменены реквизиты магазина", "Shop requisites changed"),
        "set_product" => ("Изменён товар", "Product changed"),
        "set_input_limits" => ("Изменены ограничения ввода", "Input limits changed"),
        "set_delivery_payment" => (
            "Изменены способы доставки и оплаты",
            "Delivery and payment methods changed",
        ),
        "edit_connection" => ("Изменено подключение канала", "Channel connection changed"),
        "set_customer" => ("Исправлена карточка клиента", "Customer card corrected"),
        "merge_customers" => ("Объединены карточки клиентов", "Customer cards merged"),
        "keep_customers_apart" => (
            "Карточки клиентов оставлены раздельными",
            "Customer cards kept apart",
        ),
        "split_customer" => ("Карточка клиента разделена", "Customer card split"),
        _ => return person_change(lang, code).unwrap_or_else(|| pick(lang, "Изменение", "Change")),
    };
    pick(lang, ru, en)
}

/// A marketplace action in the trigger editor (`packing`, `shipped`, …).
pub fn market_slot(lang: Lang, slot: proto::MarketSlot) -> &'static str {
    use proto::MarketSlot as S;
    let (ru, en) = match slot {
        S::Confirm => ("Подтверждён", "Confirmed"),
        S::Packing => ("Собран, готов к отгрузке", "Packed, ready to ship"),
        S::Shipped => ("Передан в доставку", "Handed to delivery"),
        S::Pickup => ("В пункте выдачи", "At the pickup point"),
        S::Delivered => ("Доставлен", "Delivered"),
        S::Cancel => ("Отмена", "Cancellation"),
    };
    pick(lang, ru, en)
}

/// A marketplace's cancellation reason by its code there (Ozon ids, Yandex Market substatuses).
pub fn market_cancel_reason(lang: Lang, code: &str) -> &'static str {
    let (ru, en) = match code {
        "352" => ("Товар закончился", "Out of stock"),
        "400" => (
            "Остался только бракованный товар",
            "Only defective stock left",
        ),
        "401" => ("Отмена из арбитража", "Cancelled in arbitration"),
        "402" => ("Другая причина", "Other reason"),
        "SHOP_FAILED" => (
            "Магазин не может выполнить заказ",
            "The shop cannot fulfil the order",
        ),
        "USER_UNREACHABLE" => (
            "Не удалось связаться с покупателем (нужны 3 звонка)",
            "Customer unreachable (3 calls needed)",
        ),
        "USER_CHANGED_MIND" => ("Покупатель передумал", "The customer changed their mind"),
        "USER_REFUSED_DELIVERY" => (
            "Покупателя не устроила доставка",
            "The customer refused the delivery terms",
        ),
        "USER_REFUSED_PRODUCT" => (
            "Покупателю не подошёл товар",
            "The product did not suit the customer",
        ),
        "USER_REFUSED_QUALITY" => (
            "Покупателя не устроило качество",
            "The customer refused the quality",
        ),
        "OUT_OF_STOCK" => ("Товара нет в наличии", "Out of stock"),
        "INCORRECT_PRICE_SKU" => ("Неверная цена товара", "Wrong price of the item"),
        "INCORRECT_SPEC_SKU" => ("Неверное описание товара", "Wrong description of the item"),
        "TECHNICAL_PROBLEMS" => ("Технические проблемы", "Technical problems"),
        "REPLACING_ORDER" => (
            "Покупатель заменяет товар",
            "The customer is replacing the item",
        ),
        _ => ("Причина маркетплейса", "Marketplace reason"),
    };
    pick(lang, ru, en)
}

/// A push's state in the queue.
pub fn push_state(lang: Lang, state: proto::PushState) -> &'static str {
    use proto::PushState as S;
    let (ru, en) = match state {
        S::Pending => ("ждёт", "waiting"),
        S::Done => ("выполнено", "done"),
        S::Failed => ("не удалось", "failed"),
        // Why it stopped is the row's note: cancelled on the marketplace, or here.
        S::Stopped => ("остановлено", "stopped"),
        S::Dismissed => ("скрыто", "dismissed"),
    };
    pick(lang, ru, en)
}

/// A queued action as the action it is (the desk tells which); one this version does not
/// know is «another action».
pub fn push_action(lang: Lang, slot: Option<proto::MarketSlot>) -> &'static str {
    match slot {
        Some(slot) => market_slot(lang, slot),
        None => pick(lang, "Другое действие", "Other action"),
    }
}

/// The catalogue screen's words (issue 14, point 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cat {
    Products,
    SearchProducts,
    ShowArchived,
    AddProduct,
    Sku,
    Name,
    Barcode,
    Unit,
    Price,
    Vat,
    ShopVat,
    NoVat,
    WeightG,
    Location,
    Stock,
    Archive,
    Restore,
    Archived,
    Nothing,
    ReadOnly,
    ImportTitle,
    ImportPathHint,
    Preview,
    ConfirmImport,
    ExportTitle,
    ExportPathHint,
    Export,
    Columns,
    Ignored,
    RowsRead,
    WillAdd,
    WillUpdate,
    Problems,
    NoProblems,
    FixAndRetry,
    Line,
    Imported,
    Exported,
    Cancel,
    Save,
    ShownFirst,
}

pub fn cat(lang: Lang, key: Cat) -> &'static str {
    use Cat::*;
    let (ru, en) = match key {
        Products => ("Товары", "Products"),
        SearchProducts => ("Наименование, артикул или штрихкод", "Name, SKU or barcode"),
        ShowArchived => ("Показать архивные", "Show archived"),
        AddProduct => ("Добавить товар", "Add a product"),
        Sku => ("Артикул", "SKU"),
        Name => ("Наименование", "Name"),
        Barcode => ("Штрихкод", "Barcode"),
        Unit => ("Ед.", "Unit"),
        Price => ("Цена, ₽", "Price, ₽"),
        Vat => ("НДС", "VAT"),
        ShopVat => ("как в магазине", "shop default"),
        NoVat => ("без НДС", "no VAT"),
        WeightG => ("Вес, г", "Weight, g"),
        Location => ("Ячейка", "Bin"),
        Stock => ("Остаток", "Stock"),
        Archive => ("В архив", "Archive"),
        Restore => ("Вернуть", "Restore"),
        Archived => ("в архиве", "archived"),
        Nothing => ("Товаров не найдено", "No products found"),
        ReadOnly => (
            "Товары меняют администратор и менеджеры",
            "Only administrators and managers change products",
        ),
        ImportTitle => ("Загрузить из файла", "Import from a file"),
        ImportPathHint => (
            "Путь к файлу .xlsx, .ods или .csv",
            "Path to an .xlsx, .ods or .csv file",
        ),
        Preview => ("Просмотреть", "Preview"),
        ConfirmImport => ("Загрузить", "Import"),
        ExportTitle => ("Выгрузить в файл", "Export to a file"),
        ExportPathHint => (
            "Путь к файлу .xlsx или .csv",
            "Path to an .xlsx or .csv file",
        ),
        Export => ("Выгрузить", "Export"),
        Columns => ("Столбцы", "Columns"),
        Ignored => ("не используется", "ignored"),
        RowsRead => ("Строк с товарами", "Product rows"),
        WillAdd => ("Новых", "New"),
        WillUpdate => ("Изменится", "Changed"),
        Problems => ("Ошибки", "Problems"),
        NoProblems => (
            "Ошибок нет. Ничего не записано, пока вы не нажмёте «Загрузить».",
            "No problems. Nothing is written until you press «Import».",
        ),
        FixAndRetry => (
            "Ничего не записано. Исправьте файл и просмотрите его снова.",
            "Nothing was written. Fix the file and preview it again.",
        ),
        Line => ("Строка", "Line"),
        Imported => ("Загружено", "Imported"),
        Exported => ("Выгружено товаров", "Products exported"),
        Cancel => ("Отмена", "Cancel"),
        Save => ("Сохранить", "Save"),
        ShownFirst => ("Первые товары файла", "The file's first products"),
    };
    pick(lang, ru, en)
}

pub fn catalog_field(lang: Lang, field: proto::CatalogField) -> &'static str {
    use proto::CatalogField as F;
    match field {
        F::Name => cat(lang, Cat::Name),
        F::Sku => cat(lang, Cat::Sku),
        F::Barcode => cat(lang, Cat::Barcode),
        F::Unit => cat(lang, Cat::Unit),
        F::Price => cat(lang, Cat::Price),
        F::Vat => cat(lang, Cat::Vat),
        F::Weight => pick(lang, "Вес", "Weight"),
        F::Location => cat(lang, Cat::Location),
        F::Stock => cat(lang, Cat::Stock),
        F::Archived => pick(lang, "Архив", "Archived"),
    }
}

/// A catalogue file's problem as the preview lists it.
pub fn import_problem(lang: Lang, problem: &proto::ProblemKind) -> String {
    use proto::ProblemKind as P;
    let ru = lang == Lang::Ru;
    match problem {
        P::Unreadable { detail } if ru => {
            format!("файл не читается как таблица (CSV, XLSX, ODS): {detail}")
        }
        P::Unreadable { detail } => {
            format!("not a table this desk reads (CSV, XLSX, ODS): {detail}")
        }
        P::NoHeader if ru => {
            "нет строки заголовков: нужны столбцы «Артикул» и «Наименование»".to_owned()
        }
        P::NoHeader => "no header row: the file needs «SKU» and «Name» columns".to_owned(),
        P::MissingColumn { field } if ru => {
            format!("нет столбца «{}»", catalog_field(lang, *field))
        }
        P::MissingColumn { field } => format!("no «{}» column", catalog_field(lang, *field)),
        P::TooManyRows { limit } if ru => format!("больше {limit} строк в одном файле"),
        P::TooManyRows { limit } => format!("more than {limit} rows in one file"),
        P::EmptySku if ru => "не заполнен артикул".to_owned(),
        P::EmptySku => "the SKU is empty".to_owned(),
        P::DuplicateSku { sku, first_line } if ru => {
            format!("артикул «{sku}» уже был в строке {first_line}")
        }
        P::DuplicateSku { sku, first_line } => {
            format!("SKU «{sku}» is already on line {first_line}")
        }
        P::EmptyName if ru => "новый товар без наименования".to_owned(),
        P::EmptyName => "a new product without a name".to_owned(),
        P::BadPrice { value } if ru => format!("цена «{value}» — не сумма в рублях"),
        P::BadPrice { value } => format!("price «{value}» is not an amount in rubles"),
        P::BadVat { value } if ru => {
            format!("НДС «{value}»: ставки 2026 года — 22 %, 10 %, 7 %, 5 %, 0 % или «без НДС»")
        }
        P::BadVat { value } => {
            format!("VAT «{value}»: the 2026 rates are 22 %, 10 %, 7 %, 5 %, 0 % or «без НДС»")
        }
        P::BadWeight { value } if ru => format!("вес «{value}» — не число граммов"),
        P::BadWeight { value } => format!("weight «{value}» is not a number of grams"),
        P::BadStock { value } if ru => format!("остаток «{value}» — не число"),
        P::BadStock { value } => format!("stock «{value}» is not a number"),
        P::TooLong { field, max } if ru => {
            format!("«{}» длиннее {max} знаков", catalog_field(lang, *field))
        }
        P::TooLong { field, max } => {
            format!(
                "«{}» is longer than {max} characters",
                catalog_field(lang, *field)
            )
        }
    }
}

/// A connection's error or pause worded from its code. The table itself is
/// `proto::ChannelErrorView::wording`, beside `proto::display`, so a test on the host checks
/// that every code is worded in both languages with its params (this crate builds only for
/// wasm).
pub fn channel_error(lang: Lang, error: &proto::ChannelErrorView) -> String {
    error.wording(lang)
}

/// The staff screen's and the sign-in's words (issue 14, point 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staff {
    Title,
    Name,
    Phone,
    Email,
    Role,
    Stages,
    StagesHint,
    Pin,
    PinKeep,
    Add,
    Save,
    Edit,
    Remove,
    Removed,
    NoPin,
    Cancel,
    Saved,
    IdleLock,
    IdleLockHint,
    TeamHint,
    SwitchUser,
    WhoWorks,
    SignIn,
    Locked,
    LockedHint,
    OtherPerson,
    NobodyToSignIn,
    AdminPin,
    AdminPinHint,
}

pub fn staff(lang: Lang, key: Staff) -> &'static str {
    use Staff::*;
    let (ru, en) = match key {
        Title => ("Сотрудники", "Staff"),
        Name => ("Фамилия и имя", "Name"),
        Phone => ("Телефон", "Phone"),
        Email => ("E-mail", "E-mail"),
        Role => ("Роль", "Role"),
        Stages => ("Отвечает за этапы", "Responsible for stages"),
        StagesHint => (
            "Ответственных за этап назначают в настройках этапов.",
            "A stage's responsible people are set in the stages settings.",
        ),
        Pin => ("PIN-код или пароль", "PIN or password"),
        PinKeep => (
            "Пусто — PIN-код не меняется",
            "Leave empty to keep the PIN",
        ),
        Add => ("Добавить сотрудника", "Add a person"),
        Save => ("Сохранить", "Save"),
        Edit => ("Изменить", "Edit"),
        Remove => ("Удалить", "Remove"),
        Removed => ("удалён", "removed"),
        NoPin => ("нет PIN-кода", "no PIN"),
        Cancel => ("Отмена", "Cancel"),
        Saved => ("Сохранено", "Saved"),
        IdleLock => (
            "Блокировать после простоя, минут",
            "Lock after idle minutes",
        ),
        IdleLockHint => (
            "Без нажатий и движений мыши столько минут рабочее место просит PIN-код; открытый экран сохраняется.",
            "After this many minutes without a key or the mouse the desk asks for the PIN; the open screen is kept.",
        ),
        TeamHint => (
            "В команде сотрудники заводятся на сервере команды (orderdesk-hub admin create-user), у каждого своё устройство и ключ.",
            "In a team, people are added on the team's server (orderdesk-hub admin create-user), each with a device and key.",
        ),
        SwitchUser => ("Сменить пользователя", "Switch user"),
        WhoWorks => ("Кто работает?", "Who is working?"),
        SignIn => ("Войти", "Sign in"),
        Locked => ("Рабочее место заблокировано", "The desk is locked"),
        LockedHint => (
            "Введите PIN-код, чтобы продолжить с того же места.",
            "Enter the PIN to carry on where you were.",
        ),
        OtherPerson => ("Войти под другим сотрудником", "Sign in as someone else"),
        NobodyToSignIn => (
            "Ни у кого нет PIN-кода для входа на этом компьютере. Попросите администратора задать его — список обновится сам.",
            "Nobody has a PIN to sign in at this PC. Ask the administrator to set one; this list updates by itself.",
        ),
        AdminPin => ("PIN-код или пароль администратора", "The administrator's PIN or password"),
        AdminPinHint => (
            "Не короче 4 знаков. С ним администратор входит на этом и других компьютерах магазина.",
            "At least 4 characters. The administrator signs in with it.",
        ),
    };
    pick(lang, ru, en)
}

/// A person's change in the shop's change log.
pub fn person_change(lang: Lang, code: &str) -> Option<&'static str> {
    let (ru, en) = match code {
        "set_person" => ("Изменён сотрудник", "Person changed"),
        "set_person_pin" => ("Задан PIN-код сотрудника", "Person's PIN set"),
        "remove_person" => ("Удалён сотрудник", "Person removed"),
        "set_idle_lock" => ("Изменено время блокировки", "Idle lock changed"),
        _ => return None,
    };
    Some(pick(lang, ru, en))
}

/// The order list's paging, sorting, filter chips and keyboard help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    Shown,
    Of,
    ShowMore,
    FirstFound,
    ClearFilters,
    SearchChip,
    DayHint,
    BadDay,
    Shortcuts,
    KeySearch,
    KeyRows,
    KeyOpen,
    KeyAdvance,
    KeyClose,
    KeyHelp,
    Close,
}

pub fn work(lang: Lang, key: Work) -> &'static str {
    use Work::*;
    let (ru, en) = match key {
        Shown => ("Показано", "Shown"),
        Of => ("из", "of"),
        ShowMore => ("Показать ещё", "Show more"),
        FirstFound => (
            "Показаны первые найденные — уточните запрос",
            "The first matches are shown — narrow the search",
        ),
        ClearFilters => ("Сбросить фильтры", "Clear filters"),
        SearchChip => ("Поиск", "Search"),
        DayHint => ("дд.мм.гггг", "dd.mm.yyyy"),
        BadDay => (
            "Дата в виде дд.мм.гггг, например 05.03.2026",
            "A date as dd.mm.yyyy, e.g. 05.03.2026",
        ),
        Shortcuts => ("Клавиши", "Keyboard"),
        KeySearch => ("к поиску", "to the search box"),
        KeyRows => ("предыдущий / следующий заказ", "previous / next order"),
        KeyOpen => (
            "в поиске — открыть первый найденный; в списке — к карточке",
            "in search — open the first match; in the list — to the card",
        ),
        KeyAdvance => ("следующий этап", "next stage"),
        KeyClose => (
            "закрыть карточку, форму или окно",
            "close the card, form or window",
        ),
        KeyHelp => ("этот список", "this list"),
        Close => ("Закрыть", "Close"),
    };
    pick(lang, ru, en)
}

/// The order card's line prices and discounts and its payment fixes (issue 15, point 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pay {
    LineDiscount,
    LineDiscountHint,
    ListPrice,
    BeforeDiscount,
    AppliedDiscount,
    NoOrderDiscount,
    Correct,
    Void,
    Refund,
    Reason,
    ReasonHint,
    NewAmount,
    Voided,
    CorrectionEntry,
    VoidEntry,
    RefundEntry,
    Counts,
    DoCorrect,
    DoVoid,
    DoRefund,
    Cancel,
    WrongDiscount,
    WrongPrice,
}

pub mod versions;

pub mod site_certificate;

pub fn pay(lang: Lang, key: Pay) -> &'static str {
    use Pay::*;
    let (ru, en) = match key {
        LineDiscount => ("Скидка", "Discount"),
        LineDiscountHint => (
            "5 % — процент, 100 или 100,50 — рубли",
            "5 % is a percent, 100 or 100.50 is rubles",
        ),
        ListPrice => ("по прайсу", "list price"),
        BeforeDiscount => ("без скидки", "before discount"),
        AppliedDiscount => ("Применена скидка", "Discount applied"),
        NoOrderDiscount => ("Скидки на заказ нет", "No order discount"),
        Correct => ("Исправить", "Correct"),
        Void => ("Аннулировать", "Void"),
        Refund => ("Возврат денег", "Refund"),
        Reason => ("Причина", "Reason"),
        ReasonHint => (
            "Обязательно: останется в истории заказа",
            "Required: kept in the order's history",
        ),
        NewAmount => ("Верная сумма", "Right amount"),
        Voided => ("аннулирована", "voided"),
        CorrectionEntry => ("исправление", "correction"),
        VoidEntry => ("аннулирование", "void"),
        RefundEntry => ("возврат", "refund"),
        Counts => ("учтено", "counts"),
        DoCorrect => ("Исправить оплату", "Correct the payment"),
        DoVoid => ("Аннулировать оплату", "Void the payment"),
        DoRefund => ("Вернуть деньги", "Refund"),
        Cancel => ("Отмена", "Cancel"),
        WrongDiscount => (
            "Скидка: процент от 0 до 100 (например, 5 %) или сумма в рублях",
            "Discount: a percent from 0 to 100 (e.g. 5 %) or an amount in rubles",
        ),
        WrongPrice => (
            "Цена: сумма в рублях, не больше двух знаков после запятой",
            "Price: an amount in rubles with at most two decimals",
        ),
    };
    pick(lang, ru, en)
}

/// A refusal worded from its code and params.
pub fn refusal(lang: Lang, r: &proto::Refusal) -> String {
    use proto::Refusal as R;
    let ru = lang == Lang::Ru;
    match r {
        R::PaymentUnknown if ru => "Этой оплаты нет в заказе — обновите заказ.".to_owned(),
        R::PaymentUnknown => "This payment is not in the order — reload the order.".to_owned(),
        R::PaymentVoided if ru => "Эта оплата уже аннулирована.".to_owned(),
        R::PaymentVoided => "This payment is already voided.".to_owned(),
        R::ReasonRequired if ru => "Укажите причину: она останется в истории заказа.".to_owned(),
        R::ReasonRequired => "Give a reason: it stays in the order's history.".to_owned(),
        R::RefundOverPaid { paid } if ru => format!(
            "Вернуть можно не больше, чем оплачено: {}.",
            proto::display::money(*paid)
        ),
        R::RefundOverPaid { paid } => format!(
            "A refund cannot exceed what is paid: {}.",
            proto::display::money(*paid)
        ),
        R::Unchanged if ru => "Ничего не изменилось: в заказе уже так.".to_owned(),
        R::Unchanged => "Nothing changed: the order already has this.".to_owned(),
        R::ExportPeriodReversed
        | R::ExportExtension
        | R::ExportForbidden
        | R::ExportNotWritten(_) => export::refusal(lang, r),
    }
}

/// A payment fix in the history: what, how much `paid` moved, and why.
pub fn payment_event(lang: Lang, e: &proto::PaymentEvent) -> String {
    use proto::PaymentEntryKind as K;
    let ru = lang == Lang::Ru;
    let what = match (e.kind, ru) {
        (K::Correction, true) => "Оплата исправлена",
        (K::Correction, false) => "Payment corrected",
        (K::Void, true) => "Оплата аннулирована",
        (K::Void, false) => "Payment voided",
        (K::Refund, true) => "Возврат денег",
        (K::Refund, false) => "Money refunded",
        (K::Receipt, true) => "Принята оплата",
        (K::Receipt, false) => "Payment received",
    };
    let amount = proto::display::money(e.amount);
    let sign = if e.amount > 0 { "+" } else { "" };
    match &e.reason {
        Some(reason) => format!("{what} ({sign}{amount}): {reason}"),
        None => format!("{what} ({sign}{amount})"),
    }
}

/// The customers screen's words (issue 14, point 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cust {
    Customers,
    SearchHint,
    Nothing,
    PickOne,
    Name,
    Phone,
    Email,
    Address,
    Note,
    Orders,
    Total,
    OrdersTitle,
    Addresses,
    Companies,
    Inn,
    Paid,
    Edit,
    EditHint,
    Corrected,
    Save,
    Cancel,
    Known,
    Similar,
    Merge,
    MergeAsk,
    Apart,
    MergedIn,
    Split,
}

pub fn cust(lang: Lang, key: Cust) -> &'static str {
    use Cust::*;
    let (ru, en) = match key {
        Customers => ("Покупатели", "Customers"),
        SearchHint => ("Имя, телефон или e-mail", "Name, phone or e-mail"),
        Nothing => ("Покупателей не найдено", "No customers found"),
        PickOne => (
            "Выберите покупателя в списке",
            "Choose a customer in the list",
        ),
        Name => ("Покупатель", "Customer"),
        Phone => ("Телефон", "Phone"),
        Email => ("E-mail", "E-mail"),
        Address => ("Адрес", "Address"),
        Note => ("Заметка", "Note"),
        Orders => ("Заказов", "Orders"),
        Total => ("На сумму", "Total"),
        OrdersTitle => ("Заказы", "Orders"),
        Addresses => ("Адреса доставки", "Delivery addresses"),
        Companies => ("Организации", "Companies"),
        Inn => ("ИНН", "INN"),
        Paid => ("оплачен", "paid"),
        Edit => ("Изменить", "Edit"),
        EditHint => (
            "Исправление остаётся в карточке покупателя; заказы хранят то, что покупатель указал в каждом. Пустое поле — как в заказах.",
            "The correction stays on the customer's card; each order keeps what the customer gave on it. An empty field follows the orders.",
        ),
        Corrected => (
            "Контакты исправлены менеджером",
            "Contacts corrected by a manager",
        ),
        Save => ("Сохранить", "Save"),
        Cancel => ("Отмена", "Cancel"),
        Known => ("Покупатель из базы", "Known customer"),
        Similar => (
            "Похоже, это тот же покупатель",
            "Looks like the same customer",
        ),
        Merge => ("Объединить", "Merge"),
        MergeAsk => (
            "Объединить карточки? Заказы обеих будут в этой карточке; разделить можно в любой момент.",
            "Merge the cards? The orders of both will be on this card; they can be split again at any time.",
        ),
        Apart => ("Это разные люди", "Different people"),
        MergedIn => ("Объединено с этой карточкой", "Merged into this card"),
        Split => ("Разделить", "Split"),
    };
    pick(lang, ru, en)
}

/// A failed command in the window's language: the refusal or the rule the window words, the
/// typed reason, or the desk's Russian message when the error has none of them (an error
/// still made as text, or one from a newer desk).
pub fn error_text(lang: Lang, err: &proto::CommandError) -> String {
    use proto::display::rules::RuleCode;
    if let Some(r) = &err.refusal {
        return refusal(lang, r);
    }
    if let Some(rule) = err.rule.as_ref().filter(|r| r.code != RuleCode::Unknown) {
        return rule.wording(lang);
    }
    match err.reason.as_deref() {
        Some(reason) if *reason != proto::ErrorReason::Unknown => reason.wording(lang),
        // Sent without a reason: the code alone says it.
        _ if err.code == proto::ErrorCode::DeskClosed => pick(
            lang,
            "База магазина сейчас закрыта: идёт восстановление или её не удалось открыть.",
            "The shop's database is closed: a copy is being restored, or it could not be opened.",
        )
        .to_owned(),
        _ => err.message.clone(),
    }
}
