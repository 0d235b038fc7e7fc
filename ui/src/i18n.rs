//! The one translation table. Russian is the default; every key has an English text too
//! (the `match` is exhaustive, so a key without a translation does not compile).

use proto::display::ru_plural;
pub use proto::display::Lang;
use proto::{Channel, DeliveryMethod, PaymentMethod};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Stages,
    Loading,
    Number,
    Customer,
    Phone,
    Channel,
    Total,
    InStage,
    Deadline,
    NoOrdersInStage,
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
    Delivery,
    Payment,
    Address,
    Comment,
    NextStage,
    FinalStage,
    Close,
    ErrorTitle,
    Dismiss,
    Overdue,
    SwitchLanguage,
    Created,
}

pub fn t(lang: Lang, key: Key) -> &'static str {
    use Key::*;
    match (lang, key) {
        (Lang::Ru, Stages) => "Этапы",
        (Lang::En, Stages) => "Stages",
        (Lang::Ru, Loading) => "Загрузка…",
        (Lang::En, Loading) => "Loading…",
        (Lang::Ru, Number) => "№",
        (Lang::En, Number) => "No.",
        (Lang::Ru, Customer) => "Покупатель",
        (Lang::En, Customer) => "Customer",
        (Lang::Ru, Phone) => "Телефон",
        (Lang::En, Phone) => "Phone",
        (Lang::Ru, Channel) => "Канал",
        (Lang::En, Channel) => "Channel",
        (Lang::Ru, Total) => "Сумма",
        (Lang::En, Total) => "Total",
        (Lang::Ru, InStage) => "На этапе",
        (Lang::En, InStage) => "In stage",
        (Lang::Ru, Deadline) => "Срок",
        (Lang::En, Deadline) => "Deadline",
        (Lang::Ru, NoOrdersInStage) => "Нет заказов на этапе",
        (Lang::En, NoOrdersInStage) => "No orders in stage",
        (Lang::Ru, PickAnOrder) => "Выберите заказ в таблице — его состав откроется здесь.",
        (Lang::En, PickAnOrder) => "Pick an order in the table to see it here.",
        (Lang::Ru, Lines) => "Состав заказа",
        (Lang::En, Lines) => "Order lines",
        (Lang::Ru, Item) => "Товар",
        (Lang::En, Item) => "Item",
        (Lang::Ru, Qty) => "Кол-во",
        (Lang::En, Qty) => "Qty",
        (Lang::Ru, Price) => "Цена",
        (Lang::En, Price) => "Price",
        (Lang::Ru, Amount) => "Сумма",
        (Lang::En, Amount) => "Amount",
        (Lang::Ru, Subtotal) => "Товары",
        (Lang::En, Subtotal) => "Items",
        (Lang::Ru, Discount) => "Скидка",
        (Lang::En, Discount) => "Discount",
        (Lang::Ru, DeliveryCost) => "Доставка",
        (Lang::En, DeliveryCost) => "Delivery",
        (Lang::Ru, ToPay) => "Итого",
        (Lang::En, ToPay) => "Total",
        (Lang::Ru, Delivery) => "Доставка",
        (Lang::En, Delivery) => "Delivery",
        (Lang::Ru, Payment) => "Оплата",
        (Lang::En, Payment) => "Payment",
        (Lang::Ru, Address) => "Адрес",
        (Lang::En, Address) => "Address",
        (Lang::Ru, Comment) => "Комментарий",
        (Lang::En, Comment) => "Comment",
        (Lang::Ru, NextStage) => "Следующий этап",
        (Lang::En, NextStage) => "Next stage",
        (Lang::Ru, FinalStage) => "Заказ на последнем этапе",
        (Lang::En, FinalStage) => "The order is in its last stage",
        (Lang::Ru, Close) => "Закрыть",
        (Lang::En, Close) => "Close",
        (Lang::Ru, ErrorTitle) => "Не удалось выполнить действие",
        (Lang::En, ErrorTitle) => "The action failed",
        (Lang::Ru, Dismiss) => "Скрыть",
        (Lang::En, Dismiss) => "Dismiss",
        (Lang::Ru, Overdue) => "просрочено",
        (Lang::En, Overdue) => "overdue",
        (Lang::Ru, SwitchLanguage) => "English",
        (Lang::En, SwitchLanguage) => "Русский",
        (Lang::Ru, Created) => "Создан",
        (Lang::En, Created) => "Created",
    }
}

pub fn channel(lang: Lang, channel: Channel) -> &'static str {
    match (lang, channel) {
        (Lang::Ru, Channel::Site) => "Сайт",
        (Lang::En, Channel::Site) => "Site",
        (Lang::Ru, Channel::Phone) => "Телефон",
        (Lang::En, Channel::Phone) => "Phone",
        (Lang::Ru, Channel::Marketplace) => "Маркетплейс",
        (Lang::En, Channel::Marketplace) => "Marketplace",
    }
}

pub fn delivery(lang: Lang, method: DeliveryMethod) -> &'static str {
    match (lang, method) {
        (Lang::Ru, DeliveryMethod::Courier) => "Курьер",
        (Lang::En, DeliveryMethod::Courier) => "Courier",
        (Lang::Ru, DeliveryMethod::Post) => "Почта",
        (Lang::En, DeliveryMethod::Post) => "Post",
        (Lang::Ru, DeliveryMethod::Pickup) => "Самовывоз",
        (Lang::En, DeliveryMethod::Pickup) => "Pickup",
        (Lang::Ru, DeliveryMethod::MarketplaceLogistics) => "Логистика маркетплейса",
        (Lang::En, DeliveryMethod::MarketplaceLogistics) => "Marketplace logistics",
    }
}

pub fn payment(lang: Lang, method: PaymentMethod) -> &'static str {
    match (lang, method) {
        (Lang::Ru, PaymentMethod::CashOnDelivery) => "Наличными при получении",
        (Lang::En, PaymentMethod::CashOnDelivery) => "Cash on delivery",
        (Lang::Ru, PaymentMethod::CardOnDelivery) => "Картой при получении",
        (Lang::En, PaymentMethod::CardOnDelivery) => "Card on delivery",
        (Lang::Ru, PaymentMethod::BankTransfer) => "Безналичный расчёт",
        (Lang::En, PaymentMethod::BankTransfer) => "Bank transfer",
        (Lang::Ru, PaymentMethod::Online) => "Онлайн-оплата",
        (Lang::En, PaymentMethod::Online) => "Online payment",
        (Lang::Ru, PaymentMethod::Marketplace) => "Через маркетплейс",
        (Lang::En, PaymentMethod::Marketplace) => "Via the marketplace",
    }
}

/// "5 заказов" / "5 orders", with Russian plural rules.
pub fn orders_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ru => format!("{n} {}", ru_plural(n, "заказ", "заказа", "заказов")),
        Lang::En if n == 1 => "1 order".to_owned(),
        Lang::En => format!("{n} orders"),
    }
}
