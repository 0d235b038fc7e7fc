//! A form's input the desk refused before it reached the domain (issue 15, point 10: these
//! were Russian free text, so the English window showed Russian). The Russian wording of
//! every problem is the text the desk said before, word for word: Russian users see no
//! change. Names the manager typed (ids, paths, phones, stage ids) are params shown as they
//! are.

use serde::{Deserialize, Serialize};

use crate::display::Lang;

/// Why a form's input was refused. Problems that were «Неверные данные: …» keep that frame
/// («Invalid data: …» in English); the rest are said as whole sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputProblem {
    // «Неверные данные: …»
    /// An id that names no product (or is not an id at all).
    Product {
        id: String,
    },
    Customer {
        key: String,
    },
    Id {
        id: String,
    },
    Time {
        ms: i64,
    },
    PushId {
        id: String,
    },
    ConnectionId {
        id: String,
    },
    Date {
        day: String,
    },
    Phone {
        phone: String,
    },
    Email {
        email: String,
    },
    EmailWithoutAt {
        email: String,
    },
    NoSuchPerson,
    NewPersonNeedsPin,
    PinTooShort {
        min: u32,
    },
    PinTooLong {
        max: u32,
    },
    IdleLockMinutes {
        max: u32,
    },
    /// The packages counted at the pick: 1 to `max`.
    Places {
        max: u32,
    },
    /// «Доставка и оплата» not saved.
    DeliveryPayment {
        problem: crate::DeliveryPaymentProblem,
    },
    /// A link the desk was opened with that is not one of its own (`link`: its beginning).
    Link {
        link: String,
    },
    /// A link to an order number this desk does not have (yet: a team's PC may not have
    /// pulled it).
    NoOrderNumbered {
        number: i64,
    },
    Empty {
        field: InputField,
    },
    TooLong {
        field: InputField,
        max: u32,
    },
    TimeZone {
        name: String,
    },
    StageLimitMinutes {
        minutes: i64,
    },
    InvoicePrefix {
        prefix: String,
    },
    NoOrdersChosen,
    NoCourier,
    RouteSheetNumbersTaken {
        day: String,
    },
    TooManyPaperFiles {
        dir: String,
        stem: String,
    },
    NotMarketplaceOrder,
    CatalogExtension {
        path: String,
    },
    FileUnreadable {
        path: String,
        detail: String,
    },
    CatalogTooBig {
        path: String,
        megabytes: u64,
    },
    BackupsKept {
        max: u32,
    },
    ConnectionNameMissing,
    NoMarketActions,
    /// A marketplace action that could not be put into text for the editor.
    MarketActionUnwritable {
        detail: String,
    },
    DeliveryMapSiteOnly,
    OzonWarehousesOnly,
    /// A setting that could not be put into text to be kept (`detail`: the encoder's).
    Unencodable {
        detail: String,
    },
    // Whole sentences (were `NotSaved`).
    SkuTaken {
        sku: String,
        product: String,
    },
    /// Every problem of the product form, in the form's order.
    ProductForm {
        problems: Vec<ProductProblem>,
    },
    CatalogFileChanged,
    CatalogFileErrors {
        count: u32,
    },
    PersonRemoved,
    AdminWithPinNeeded,
    LastAdmin,
    NotYourself,
    TeamPeopleOnHub,
    DemoNotInTeam,
    /// A step of the shop's first setup asked for out of turn; `now` says where it stands.
    SetupOutOfTurn {
        now: SetupStage,
    },
    PushNotFound,
    /// The marketplace action is no longer failed; `state` is its state's code.
    PushNotFailed {
        state: String,
    },
    PushNoReason,
    /// The editor named an action the marketplace does not have, for the stage `stage` (id).
    UnknownMarketAction {
        stage: String,
    },
    MegamarketReason {
        stage: String,
    },
    NotPositive {
        number: MarketNumber,
        id: i64,
    },
    /// `why` is the TLS check's own text.
    CertificateRefused {
        why: String,
    },
    CertificateUnreadable {
        why: String,
    },
    ConnectionNameEmpty,
    NotSiteAddress {
        url: String,
    },
    /// A shared hub calls channels only over https (it would send their keys).
    HttpsNeeded {
        url: String,
    },
    /// The address's server name does not resolve (from where the hub runs).
    HostNotFound {
        host: String,
    },
    /// The address leads into the hub's own network, which a shared hub does not call.
    InternalAddress {
        url: String,
        ip: String,
    },
    EmptySecret,
    /// Every problem of the delivery mapping, in the form's order.
    DeliveryMap {
        problems: Vec<DeliveryMapProblem>,
    },
    /// Every problem of a marketplace's actions, in the editor's order.
    MarketActions {
        problems: Vec<MarketActionProblem>,
    },
}

/// One problem of the site's delivery mapping; `key` is the site's method as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeliveryMapProblem {
    /// Marketplace delivery chosen as the default.
    MarketplaceByDefault,
    MarketplaceFor {
        key: String,
    },
    NotAMethod {
        key: String,
    },
}

impl DeliveryMapProblem {
    fn wording(&self, lang: Lang) -> String {
        use DeliveryMapProblem as D;
        const RU: &str = "доставка маркетплейса не бывает у заказов сайта";
        const EN: &str = "marketplace delivery never applies to a site's orders";
        match (self, lang) {
            (D::MarketplaceByDefault, Lang::Ru) => format!("По умолчанию: {RU}"),
            (D::MarketplaceByDefault, Lang::En) => format!("By default: {EN}"),
            (D::MarketplaceFor { key }, Lang::Ru) => format!("«{key}»: {RU}"),
            (D::MarketplaceFor { key }, Lang::En) => format!("«{key}»: {EN}"),
            (D::NotAMethod { key }, Lang::Ru) => {
                format!("«{key}» не похоже на способ доставки сайта")
            }
            (D::NotAMethod { key }, Lang::En) => {
                format!("«{key}» does not look like a site's delivery method")
            }
        }
    }
}

/// One problem of a marketplace's actions. `action` and `other` are the actions' labels,
/// `stage` the shop's stage name, `models` the chosen work models as the marketplace
/// names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MarketActionProblem {
    NoModel,
    UnknownModel { model: String },
    UnknownAction { slot: String },
    StageGone { stage: String, action: String },
    NotForModel { action: String, models: String },
    CancelReasonMissing,
    CancelReasonUnknown { reason: String },
    StageTaken { stage: String, other: String },
}

impl MarketActionProblem {
    fn wording(&self, lang: Lang) -> String {
        use MarketActionProblem as M;
        match (self, lang) {
            (M::NoModel, Lang::Ru) => "Выберите хотя бы одну модель работы.".to_owned(),
            (M::NoModel, Lang::En) => "Choose at least one work model.".to_owned(),
            (M::UnknownModel { model }, Lang::Ru) => {
                format!("Модели «{model}» у этого маркетплейса нет.")
            }
            (M::UnknownModel { model }, Lang::En) => {
                format!("This marketplace has no work model «{model}».")
            }
            (M::UnknownAction { slot }, Lang::Ru) => {
                format!("Действия «{slot}» у этого маркетплейса нет.")
            }
            (M::UnknownAction { slot }, Lang::En) => {
                format!("This marketplace has no action «{slot}».")
            }
            (M::StageGone { stage, action }, Lang::Ru) => format!(
                "Этапа «{stage}» больше нет — выберите другой этап для действия «{action}»."
            ),
            (M::StageGone { stage, action }, Lang::En) => format!(
                "The stage «{stage}» is gone: choose another stage for the action «{action}»."
            ),
            (M::NotForModel { action, models }, Lang::Ru) => format!(
                "Действие «{action}» недоступно при модели {models}: его выполняет маркетплейс."
            ),
            (M::NotForModel { action, models }, Lang::En) => format!(
                "The action «{action}» is not available with the model {models}: the \
                 marketplace does it."
            ),
            (M::CancelReasonMissing, Lang::Ru) => {
                "Выберите причину отмены из списка маркетплейса.".to_owned()
            }
            (M::CancelReasonMissing, Lang::En) => {
                "Choose a cancellation reason from the marketplace's list.".to_owned()
            }
            (M::CancelReasonUnknown { reason }, Lang::Ru) => {
                format!("Причины отмены «{reason}» нет в списке маркетплейса.")
            }
            (M::CancelReasonUnknown { reason }, Lang::En) => {
                format!("The cancellation reason «{reason}» is not in the marketplace's list.")
            }
            (M::StageTaken { stage, other }, Lang::Ru) => format!(
                "Этап «{stage}» уже запускает действие «{other}»: одному этапу — одно действие."
            ),
            (M::StageTaken { stage, other }, Lang::En) => format!(
                "The stage «{stage}» already starts the action «{other}»: one action per stage."
            ),
        }
    }
}

/// Where the shop's first setup stands when a step comes out of turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetupStage {
    New,
    Demo,
    Team,
    Done,
    Workflow,
    /// Another step: this one is passed or not yet reached.
    OtherStep,
}

impl SetupStage {
    pub const ALL: &'static [SetupStage] = &[
        SetupStage::New,
        SetupStage::Demo,
        SetupStage::Team,
        SetupStage::Done,
        SetupStage::Workflow,
        SetupStage::OtherStep,
    ];
}

/// A marketplace's number the setup form takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarketNumber {
    Campaign,
    Business,
    Seller,
    Warehouse,
}

impl MarketNumber {
    pub const ALL: &'static [MarketNumber] = &[
        MarketNumber::Campaign,
        MarketNumber::Business,
        MarketNumber::Seller,
        MarketNumber::Warehouse,
    ];
}

/// A field a form names in its refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputField {
    ShopName,
    AdminName,
    PersonName,
    Phone,
    Email,
    /// An order's comment.
    Comment,
}

impl InputField {
    pub const ALL: &'static [InputField] = &[
        InputField::ShopName,
        InputField::AdminName,
        InputField::PersonName,
        InputField::Phone,
        InputField::Email,
        InputField::Comment,
    ];

    fn name(self, lang: Lang) -> &'static str {
        let (ru, en) = match self {
            InputField::ShopName => ("название магазина", "the shop's name"),
            InputField::AdminName => ("имя администратора", "the administrator's name"),
            InputField::PersonName => ("имя сотрудника", "the person's name"),
            InputField::Phone => ("телефон", "the phone"),
            InputField::Email => ("e-mail", "the e-mail"),
            InputField::Comment => ("комментарий", "the comment"),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// One problem of the product form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductProblem {
    SkuEmpty,
    SkuTooLong,
    NameEmpty,
    NegativePrice,
    NegativeWeight,
}

impl ProductProblem {
    pub const ALL: &'static [ProductProblem] = &[
        ProductProblem::SkuEmpty,
        ProductProblem::SkuTooLong,
        ProductProblem::NameEmpty,
        ProductProblem::NegativePrice,
        ProductProblem::NegativeWeight,
    ];

    /// The product form's cell the problem is about.
    pub fn field(self) -> &'static str {
        use ProductProblem as P;
        match self {
            P::SkuEmpty | P::SkuTooLong => "sku",
            P::NameEmpty => "name",
            P::NegativePrice => "price",
            P::NegativeWeight => "weight",
        }
    }

    fn wording(self, lang: Lang) -> &'static str {
        use ProductProblem as P;
        let (ru, en) = match self {
            P::SkuEmpty => ("артикул не заполнен", "the SKU is empty"),
            P::SkuTooLong => (
                "артикул длиннее 64 знаков",
                "the SKU is longer than 64 characters",
            ),
            P::NameEmpty => ("наименование не заполнено", "the name is empty"),
            P::NegativePrice => ("цена меньше нуля", "the price is below zero"),
            P::NegativeWeight => ("вес меньше нуля", "the weight is below zero"),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

impl InputProblem {
    /// The form field the problem is about, named as the window's forms and the rule
    /// refusals name their fields («phone», «email», «name», «pin»), so the form shows it
    /// beside that field; `None` for a problem about the action as a whole.
    pub fn field(&self) -> Option<&'static str> {
        use InputProblem as P;
        Some(match self {
            P::Phone { .. } => "phone",
            P::Email { .. } | P::EmailWithoutAt { .. } => "email",
            P::Empty { field } | P::TooLong { field, .. } => match field {
                InputField::ShopName | InputField::AdminName | InputField::PersonName => "name",
                InputField::Phone => "phone",
                InputField::Email => "email",
                InputField::Comment => "comment",
            },
            P::NewPersonNeedsPin | P::PinTooShort { .. } | P::PinTooLong { .. } => "pin",
            P::Places { .. } => "places",
            P::ConnectionNameMissing | P::ConnectionNameEmpty => "name",
            P::NotSiteAddress { .. }
            | P::HttpsNeeded { .. }
            | P::HostNotFound { .. }
            | P::InternalAddress { .. } => "url",
            P::EmptySecret => "secret",
            P::NotPositive { number, .. } => match number {
                MarketNumber::Campaign => "campaign",
                MarketNumber::Business => "business",
                MarketNumber::Seller => "seller",
                MarketNumber::Warehouse => "warehouse",
            },
            P::IdleLockMinutes { .. } => "minutes",
            P::BackupsKept { .. } => "keep",
            P::StageLimitMinutes { .. } => "limit",
            P::CatalogExtension { .. } | P::FileUnreadable { .. } | P::CatalogTooBig { .. } => {
                "path"
            }
            P::SkuTaken { .. } => "sku",
            P::InvoicePrefix { .. } => "prefix",
            P::TimeZone { .. } => "zone",
            // The form's first wrong field; the words name every problem.
            P::ProductForm { problems } => return problems.first().map(|p| p.field()),
            _ => return None,
        })
    }

    /// The problem worded for the person at the PC; in Russian, the desk's `message`.
    pub fn wording(&self, lang: Lang) -> String {
        let (ru, en, invalid) = self.texts();
        let said = if lang == Lang::Ru { ru } else { en };
        match (invalid, lang) {
            (true, Lang::Ru) => format!("Неверные данные: {said}."),
            (true, Lang::En) => format!("Invalid data: {said}."),
            (false, _) => said,
        }
    }

    /// The Russian and English text and whether it is said as «Неверные данные: …».
    fn texts(&self) -> (String, String, bool) {
        use InputProblem as P;
        let both = |ru: String, en: String| (ru, en, true);
        let text = |ru: &str, en: &str| (ru.to_owned(), en.to_owned(), true);
        let whole = |ru: &str, en: &str| (ru.to_owned(), en.to_owned(), false);
        match self {
            P::Product { id } => both(
                format!("товар «{id}»"),
                format!("there is no product «{id}»"),
            ),
            P::Customer { key } => both(
                format!("покупатель «{key}»"),
                format!("there is no customer «{key}»"),
            ),
            P::Id { id } => both(format!("id «{id}»"), format!("the id «{id}»")),
            P::Time { ms } => both(format!("время {ms}"), format!("the time {ms}")),
            P::PushId { id } => both(format!("push id {id:?}"), format!("push id {id:?}")),
            P::ConnectionId { id } => both(
                format!("connection id {id:?}"),
                format!("connection id {id:?}"),
            ),
            P::Date { day } => both(format!("дата «{day}»"), format!("the date «{day}»")),
            P::Phone { phone } => {
                both(format!("телефон «{phone}»"), format!("the phone «{phone}»"))
            }
            P::Email { email } => {
                both(format!("e-mail «{email}»"), format!("the e-mail «{email}»"))
            }
            P::EmailWithoutAt { email } => both(
                format!("e-mail «{email}»: нет знака @"),
                format!("the e-mail «{email}» has no @"),
            ),
            P::NoSuchPerson => text("нет такого сотрудника", "there is no such person"),
            P::NewPersonNeedsPin => text(
                "новому сотруднику нужен PIN-код или пароль",
                "a new person needs a PIN or a password",
            ),
            P::PinTooShort { min } => both(
                format!("PIN-код или пароль: не короче {min} знаков"),
                format!("the PIN or password: at least {min} characters"),
            ),
            P::PinTooLong { max } => both(
                format!("PIN-код или пароль: не длиннее {max} знаков"),
                format!("the PIN or password: at most {max} characters"),
            ),
            P::IdleLockMinutes { max } => both(
                format!("блокировка: от 1 до {max} минут"),
                format!("the lock: 1 to {max} minutes"),
            ),
            P::DeliveryPayment { problem } => {
                (problem.wording(Lang::Ru), problem.wording(Lang::En), false)
            }
            P::Places { max } => both(
                format!("грузовых мест — целое число от 1 до {max}"),
                format!("packages: a whole number from 1 to {max}"),
            ),
            P::Link { link } => both(
                format!("ссылка «{link}» не ведёт ни к заказу, ни к звонку"),
                format!("the link «{link}» leads to no order and no call"),
            ),
            P::NoOrderNumbered { number } => (
                format!("Заказа №{number} нет на этом компьютере."),
                format!("There is no order №{number} on this computer."),
                false,
            ),
            P::Empty { field } => both(
                format!("{}: не заполнено", field.name(Lang::Ru)),
                format!("{} is empty", field.name(Lang::En)),
            ),
            P::TooLong { field, max } => both(
                format!("{}: не длиннее {max} знаков", field.name(Lang::Ru)),
                format!("{}: at most {max} characters", field.name(Lang::En)),
            ),
            P::TimeZone { name } => both(
                format!(
                    "часовой пояс «{name}» неизвестен; пример: Europe/Moscow, Asia/Yekaterinburg"
                ),
                format!(
                    "the time zone «{name}» is unknown; for example: Europe/Moscow, \
                     Asia/Yekaterinburg"
                ),
            ),
            P::StageLimitMinutes { minutes } => both(
                format!("срок {minutes} мин"),
                format!("the time limit {minutes} min"),
            ),
            P::InvoicePrefix { prefix } => both(
                format!("префикс номеров счетов «{prefix}»: нужно от 1 до 6 букв или цифр"),
                format!(
                    "the invoice number prefix «{prefix}»: 1 to 6 letters or digits are needed"
                ),
            ),
            P::NoOrdersChosen => text("не выбрано ни одного заказа", "no order is chosen"),
            P::NoCourier => text("не указан курьер", "no courier is given"),
            P::RouteSheetNumbersTaken { day } => both(
                format!("все номера маршрутных листов на {day} заняты"),
                format!("every route sheet number for {day} is taken"),
            ),
            P::TooManyPaperFiles { dir, stem } => both(
                format!("в папке {dir} слишком много файлов «{stem}»"),
                format!("the folder {dir} holds too many files «{stem}»"),
            ),
            P::NotMarketplaceOrder => text(
                "заказ пришёл не с маркетплейса: этикеток у него нет",
                "the order did not come from a marketplace: it has no labels",
            ),
            P::CatalogExtension { path } => both(
                format!("«{path}»: имя файла должно кончаться на .xlsx или .csv"),
                format!("«{path}»: the file's name must end in .xlsx or .csv"),
            ),
            P::FileUnreadable { path, detail } => both(
                format!("файл «{path}»: {detail}"),
                format!("the file «{path}»: {detail}"),
            ),
            P::CatalogTooBig { path, megabytes } => both(
                format!("файл «{path}» больше {megabytes} МБ: это не каталог"),
                format!("the file «{path}» is larger than {megabytes} MB: it is not a catalogue"),
            ),
            P::BackupsKept { max } => both(
                format!("хранить можно от 1 до {max} копий"),
                format!("1 to {max} copies can be kept"),
            ),
            P::ConnectionNameMissing => text(
                "не указано название подключения",
                "the connection has no name",
            ),
            P::NoMarketActions => text(
                "у этого подключения нет действий маркетплейса",
                "this connection has no marketplace actions",
            ),
            P::MarketActionUnwritable { detail } => {
                both(format!("action: {detail}"), format!("action: {detail}"))
            }
            P::DeliveryMapSiteOnly => text(
                "способы доставки сопоставляются только у подключения сайта",
                "delivery methods are mapped only for a site's connection",
            ),
            P::OzonWarehousesOnly => text(
                "склады выбираются только у подключения Ozon",
                "warehouses are chosen only for an Ozon connection",
            ),
            P::Unencodable { detail } => both(detail.clone(), detail.clone()),
            P::SkuTaken { sku, product } => (
                format!("артикул «{sku}» уже у товара «{product}»"),
                format!("The SKU «{sku}» already belongs to the product «{product}»."),
                false,
            ),
            P::ProductForm { problems } => {
                let all = |lang| {
                    problems
                        .iter()
                        .map(|p| p.wording(lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                (
                    all(Lang::Ru),
                    format!("The product was not saved: {}.", all(Lang::En)),
                    false,
                )
            }
            P::CatalogFileChanged => whole(
                "файл изменился после просмотра: откройте его снова",
                "The file changed after it was looked at: open it again.",
            ),
            P::CatalogFileErrors { count } => (
                format!("в файле {count} ошибок: исправьте их и загрузите файл снова"),
                format!("The file has {count} errors: correct them and load the file again."),
                false,
            ),
            P::PersonRemoved => whole(
                "сотрудник удалён: его данные не меняются",
                "This person was removed: their details are not changed.",
            ),
            P::AdminWithPinNeeded => whole(
                "в магазине должен быть администратор с PIN-кодом: иначе настройки будет \
                 некому менять. Сначала добавьте администратора",
                "The shop needs an administrator with a PIN, or nobody could change the \
                 settings. Add an administrator first.",
            ),
            P::LastAdmin => whole(
                "это последний администратор магазина: сначала добавьте другого",
                "This is the shop's last administrator: add another one first.",
            ),
            P::NotYourself => whole(
                "себя не удаляют: попросите другого администратора",
                "You cannot remove yourself: ask another administrator.",
            ),
            P::TeamPeopleOnHub => whole(
                "в команде сотрудники заводятся на сервере команды \
                 (orderdesk-hub admin create-user), у каждого своё устройство",
                "In a team, people are added on the team server (orderdesk-hub admin \
                 create-user), each with their own device.",
            ),
            P::DemoNotInTeam => whole(
                "это демо-магазин: его заказы и товары не должны попасть в команду. \
                 Подключите к команде новый магазин (другую папку данных)",
                "This is the demo shop: its orders and products must not reach the team. \
                 Connect a new shop (another data folder) to the team.",
            ),
            P::SetupOutOfTurn { now } => {
                let (ru, en) = match now {
                    SetupStage::New => (
                        "сначала выберите, каким будет магазин",
                        "First choose what the shop will be.",
                    ),
                    SetupStage::Demo => (
                        "это демо-магазин, его не настраивают",
                        "This is the demo shop: it is not set up.",
                    ),
                    SetupStage::Team => (
                        "магазин работает в команде: его настройки приходят с сервера команды",
                        "The shop works in a team: its settings come from the team server.",
                    ),
                    SetupStage::Done => ("магазин уже настроен", "The shop is already set up."),
                    SetupStage::Workflow => (
                        "этапы выбирают, пока в магазине нет заказов; теперь они меняются в \
                         настройках",
                        "The stages are chosen while the shop has no orders; now they are \
                         changed in the settings.",
                    ),
                    SetupStage::OtherStep => (
                        "этот шаг настройки магазина уже пройден или ещё не настал",
                        "This step of the shop's setup is already passed or not reached yet.",
                    ),
                };
                whole(ru, en)
            }
            P::PushNotFound => whole(
                "Такого действия маркетплейса нет — обновите список.",
                "There is no such marketplace action: refresh the list.",
            ),
            P::PushNotFailed { state } => (
                format!("Действие уже не в ошибке (сейчас «{state}») — обновите список."),
                format!("The action is no longer failed (now «{state}»): refresh the list."),
                false,
            ),
            P::PushNoReason => whole(
                "Напишите, почему действие не нужно повторять.",
                "Write why the action need not be repeated.",
            ),
            P::UnknownMarketAction { stage } => (
                format!(
                    "Действия маркетплейса не сохранены: для этапа «{stage}» указано \
                     неизвестное действие."
                ),
                format!(
                    "The marketplace actions were not saved: the stage «{stage}» is given an \
                     unknown action."
                ),
                false,
            ),
            P::MegamarketReason { stage } => (
                format!(
                    "Действия маркетплейса не сохранены: для этапа «{stage}» причина не из \
                     списка Мегамаркета или нет коробок."
                ),
                format!(
                    "The marketplace actions were not saved: for the stage «{stage}» the \
                     reason is not one of Megamarket's or there are no boxes."
                ),
                false,
            ),
            P::NotPositive { number, id } => {
                let (ru, en) = match number {
                    MarketNumber::Campaign => ("Номер кампании", "The campaign number"),
                    MarketNumber::Business => ("Номер кабинета", "The business account number"),
                    MarketNumber::Seller => ("Номер продавца", "The seller number"),
                    MarketNumber::Warehouse => ("Номер склада", "The warehouse number"),
                };
                (
                    format!("{ru} {id} не подходит: он больше нуля."),
                    format!("{en} {id} does not fit: it must be above zero."),
                    false,
                )
            }
            P::CertificateRefused { why } => (
                format!("Сертификат не принят: {why}."),
                format!("The certificate was not accepted: {why}."),
                false,
            ),
            P::CertificateUnreadable { why } => (
                format!("Сертификат не читается: {why}."),
                format!("The certificate cannot be read: {why}."),
                false,
            ),
            P::ConnectionNameEmpty => whole(
                "Не указано название подключения.",
                "The connection has no name.",
            ),
            P::NotSiteAddress { url } => (
                format!("«{url}» — не адрес сайта: нужен адрес вида https://shop.ru."),
                format!(
                    "«{url}» is not a site's address: an address like https://shop.ru is needed."
                ),
                false,
            ),
            P::HttpsNeeded { url } => (
                format!(
                    "Адрес «{url}» должен начинаться с https:// — сервер команды не передаёт \
                     ключи канала без шифрования."
                ),
                format!(
                    "The address «{url}» must start with https://: the team server does not \
                     send a channel's keys unencrypted."
                ),
                false,
            ),
            P::HostNotFound { host } => (
                format!("Сервер «{host}» не найден."),
                format!("The server «{host}» was not found."),
                false,
            ),
            P::InternalAddress { url, ip } => (
                format!(
                    "Адрес «{url}» ведёт во внутреннюю сеть ({ip}): сервер команды обращается \
                     только к сайтам и системам в интернете."
                ),
                format!(
                    "The address «{url}» leads into an internal network ({ip}): the team \
                     server only calls sites and systems on the internet."
                ),
                false,
            ),
            P::DeliveryMap { problems } => {
                let all = |lang| {
                    problems
                        .iter()
                        .map(|p| p.wording(lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                (
                    format!("Способы доставки не сохранены: {}.", all(Lang::Ru)),
                    format!("The delivery methods were not saved: {}.", all(Lang::En)),
                    false,
                )
            }
            P::MarketActions { problems } => {
                let all = |lang| {
                    problems
                        .iter()
                        .map(|p| p.wording(lang))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                (
                    format!("Действия маркетплейса не сохранены. {}", all(Lang::Ru)),
                    format!("The marketplace actions were not saved. {}", all(Lang::En)),
                    false,
                )
            }
            P::EmptySecret => whole(
                "Новый секрет пуст: введите его или оставьте ключи без изменений.",
                "The new secret is empty: type it or leave the keys unchanged.",
            ),
        }
    }
}
