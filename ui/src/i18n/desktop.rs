//! Настройки → Этот компьютер (issue 19, point 3).

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pc {
    Title,
    Hint,
    KeepInTray,
    KeepInTrayHint,
    NoTray,
    Autostart,
    AutostartHint,
    Saved,
}

pub fn word(lang: Lang, key: Pc) -> &'static str {
    use Pc::*;
    let (ru, en) = match key {
        Title => ("Этот компьютер", "This PC"),
        Hint => (
            "Эти настройки относятся только к этому компьютеру.",
            "These settings apply to this PC only.",
        ),
        KeepInTray => (
            "При закрытии окна оставлять OrderDesk в трее",
            "Keep OrderDesk in the tray when its window is closed",
        ),
        KeepInTrayHint => (
            "Оповещения о просроченных заказах продолжают приходить, обмен с каналами и командой идёт; значок в трее показывает число просроченных заказов. Выйти — в меню значка.",
            "Overdue alerts keep coming and channels and the team keep syncing; the tray icon shows how many orders are overdue. Quit from the icon's menu.",
        ),
        NoTray => (
            "На этом рабочем столе нет трея (области значков): закрытое окно закрывает OrderDesk.",
            "This desktop has no tray (notification area): closing the window quits OrderDesk.",
        ),
        Autostart => (
            "Запускать OrderDesk при входе в систему",
            "Start OrderDesk when I log in",
        ),
        AutostartHint => (
            "Программа запустится свёрнутой в трей и сразу начнёт присылать оповещения.",
            "It starts in the tray and begins alerting at once.",
        ),
        Saved => ("Сохранено", "Saved"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}
