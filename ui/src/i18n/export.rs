//! The orders export's words (issue 14, point 6): the panel above the order table and the
//! export's refusals.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exp {
    Open,
    Title,
    Period,
    Today,
    ThisMonth,
    LastMonth,
    Days,
    From,
    To,
    Format,
    Stage,
    AnyStage,
    Channel,
    AnyChannel,
    Path,
    PathHint,
    Export,
    Exporting,
    Close,
    Written,
}

pub fn word(lang: Lang, key: Exp) -> &'static str {
    use Exp::*;
    let (ru, en) = match key {
        Open => ("Экспорт заказов", "Export orders"),
        Title => (
            "Экспорт заказов со строками",
            "Export orders with their lines",
        ),
        Period => ("Период", "Period"),
        Today => ("Сегодня", "Today"),
        ThisMonth => ("Этот месяц", "This month"),
        LastMonth => ("Прошлый месяц", "Last month"),
        Days => ("Даты", "Dates"),
        From => ("с", "from"),
        To => ("по", "to"),
        Format => ("Формат", "Format"),
        Stage => ("Этап", "Stage"),
        AnyStage => ("Любой этап", "Any stage"),
        Channel => ("Канал", "Channel"),
        AnyChannel => ("Любой канал", "Any channel"),
        Path => ("Файл или папка", "File or folder"),
        PathHint => (
            "пусто — в «Документы/OrderDesk»",
            "empty: Documents/OrderDesk",
        ),
        Export => ("Выгрузить", "Export"),
        Exporting => ("Выгружается…", "Exporting…"),
        Close => ("Закрыть", "Close"),
        Written => ("Записано", "Written"),
    };
    if lang == Lang::Ru {
        ru
    } else {
        en
    }
}

/// «3 строки», «1 line».
pub fn lines_count(lang: Lang, n: u64) -> String {
    match lang {
        Lang::Ru => format!(
            "{n} {}",
            proto::display::ru_plural(n, "строка", "строки", "строк")
        ),
        Lang::En if n == 1 => "1 line".to_owned(),
        Lang::En => format!("{n} lines"),
    }
}

/// An export's refusal in the window's language.
pub fn refusal(lang: Lang, r: &proto::Refusal) -> String {
    use proto::Refusal as R;
    let ru = lang == Lang::Ru;
    match r {
        R::ExportPeriodReversed if ru => {
            "Конец периода раньше начала: поменяйте даты местами.".to_owned()
        }
        R::ExportPeriodReversed => "The period ends before it begins: swap the dates.".to_owned(),
        R::ExportExtension if ru => {
            "Расширение в имени файла — другого формата: исправьте имя или выберите другой формат."
                .to_owned()
        }
        R::ExportExtension => {
            "The file name ends in the other format's extension: change the name or the format."
                .to_owned()
        }
        R::ExportForbidden if ru => {
            "Заказы выгружают администратор и менеджеры: в файле контакты покупателей.".to_owned()
        }
        R::ExportForbidden => {
            "Only an administrator or a manager exports orders: the file holds customers' contacts."
                .to_owned()
        }
        R::ExportNotWritten(f) if ru => format!(
            "Файл «{}» не записан: {}. Выберите другую папку или закройте файл в Excel.",
            f.path, f.reason
        ),
        R::ExportNotWritten(f) => format!(
            "The file «{}» was not written: {}. Choose another folder or close the file in Excel.",
            f.path, f.reason
        ),
        other => super::refusal(lang, other),
    }
}
