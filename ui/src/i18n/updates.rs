//! Updates of the desk (issue 19, point 4): Настройки → Этот компьютер and the top bar.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Up {
    Title,
    Current,
    Source,
    SourceHint,
    SourcePlaceholder,
    NoSourceYet,
    SaveSource,
    Check,
    Checking,
    Latest,
    Available,
    Published,
    Install,
    Installing,
    Unsaved,
    NewOrder,
    EditedOrders,
    DiscardQuestion,
    DiscardYes,
    DiscardNo,
    Badge,
}

pub fn word(lang: Lang, key: Up) -> &'static str {
    use Up::*;
    let (ru, en) = match key {
        Title => ("Обновления", "Updates"),
        Current => ("Установлена версия", "Installed version"),
        Source => ("Адрес обновлений", "Update address"),
        SourceHint => (
            "Пусто — обновления берутся с сервера команды (…/updates/latest.json). Обновление устанавливается, только если его подпись сходится с ключом OrderDesk.",
            "Empty: updates come from the team server (…/updates/latest.json). An update is installed only when its signature matches OrderDesk's key.",
        ),
        SourcePlaceholder => (
            "https://… или пусто — сервер команды",
            "https://… or empty for the team server",
        ),
        NoSourceYet => (
            "Адрес не задан, и этот компьютер не в команде.",
            "No address is set and this PC is not in a team.",
        ),
        SaveSource => ("Сохранить адрес", "Save address"),
        Check => ("Проверить обновления", "Check for updates"),
        Checking => ("Проверяю…", "Checking…"),
        Latest => ("Установлена последняя версия.", "This is the latest version."),
        Available => ("Доступна версия", "Version available:"),
        Published => ("выпущена", "published"),
        Install => ("Установить и перезапустить", "Install and restart"),
        Installing => (
            "Загружаю и проверяю подпись… OrderDesk перезапустится сам.",
            "Downloading and checking the signature… OrderDesk will restart by itself.",
        ),
        Unsaved => (
            "Сначала сохраните или отмените несохранённые правки — обновление перезапустит OrderDesk. Не сохранено:",
            "First save or discard the unsaved edits: the update restarts OrderDesk. Unsaved:",
        ),
        NewOrder => ("новый заказ", "a new order"),
        EditedOrders => ("правки в заказах:", "edits in orders:"),
        DiscardQuestion => (
            "Отбросить все несохранённые правки на этом компьютере и установить обновление? Их нельзя будет вернуть.",
            "Throw away every unsaved edit on this PC and install the update? They cannot be brought back.",
        ),
        DiscardYes => ("Отбросить и установить", "Discard and install"),
        DiscardNo => ("Вернуться к правкам", "Back to the edits"),
        Badge => ("Обновление", "Update"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}
