//! The backups screen and the recovery window (issue 14, point 6).

use proto::{BackupKind, ErrorCode, OpenProblemKind, RestoreDone};

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bk {
    Title,
    Hint,
    MakeNow,
    Made,
    Folder,
    FolderHint,
    Keep,
    KeepHint,
    SaveSettings,
    Saved,
    WhenMade,
    Size,
    What,
    Restore,
    NoCopies,
    AdminOnly,
    Confirm,
    Yes,
    No,
    Restoring,
    KindCopy,
    KindBeforeMigration,
    KindBeforeRestore,
    RecoveryTitle,
    RecoveryOffer,
    RestoreLatest,
    Retry,
    Quit,
    Details,
    OtherCopies,
    InUseHint,
    Close,
}

pub fn word(lang: Lang, key: Bk) -> &'static str {
    use Bk::*;
    let (ru, en) = match key {
        Title => ("Резервные копии", "Backups"),
        Hint => (
            "Копия базы магазина делается каждый день, пока программа открыта, и перед обновлением. Восстановление заменяет всю базу копией: всё, что сделано после копии, пропадёт (прежняя база сохраняется отдельной копией).",
            "A copy of the shop's database is made daily while the program runs, and before an upgrade. Restoring replaces the whole database with the copy: everything done since is gone (the database as it was is kept as a copy of its own).",
        ),
        MakeNow => ("Сделать копию сейчас", "Back up now"),
        Made => ("Копия сделана", "Copy made"),
        Folder => ("Папка для копий", "Folder for copies"),
        FolderHint => (
            "Полный путь к папке на этом компьютере, лучше на другом диске или флешке. Пусто — папка backups рядом с базой:",
            "The folder's full path on this PC, best on another disk or a USB stick. Empty: the backups folder beside the database:",
        ),
        Keep => ("Хранить ежедневных копий", "Daily copies kept"),
        KeepHint => (
            "от 1 до 365; более старые удаляются",
            "1 to 365; older ones are removed",
        ),
        SaveSettings => ("Сохранить", "Save"),
        Saved => ("Сохранено", "Saved"),
        WhenMade => ("Сделана", "Made"),
        Size => ("Размер", "Size"),
        What => ("Что это", "What"),
        Restore => ("Восстановить", "Restore"),
        NoCopies => ("Копий пока нет.", "No copies yet."),
        AdminOnly => (
            "Резервные копии доступны только администратору.",
            "Only an administrator works with backups.",
        ),
        Confirm => (
            "Восстановить копию от {when}? Вся база магазина будет заменена этой копией; заказы и изменения, сделанные после неё, пропадут. Текущая база будет сохранена отдельной копией. Программа закроет базу и откроет её снова.",
            "Restore the copy of {when}? The whole shop database is replaced with it; orders and changes made after it are lost. The current database is kept as a copy of its own. The program closes the database and opens it again.",
        ),
        Yes => ("Восстановить", "Restore"),
        No => ("Отмена", "Cancel"),
        Restoring => (
            "Проверяем копию и восстанавливаем…",
            "Checking the copy and restoring…",
        ),
        KindCopy => ("копия", "copy"),
        KindBeforeMigration => ("перед обновлением программы", "before an upgrade"),
        KindBeforeRestore => ("база до восстановления", "database before a restore"),
        RecoveryTitle => (
            "База магазина не открывается",
            "The shop's database does not open",
        ),
        RecoveryOffer => (
            "Можно восстановить последнюю исправную резервную копию: копия будет проверена, а нынешний файл базы сохранён рядом. Заказы, сделанные после копии, в неё не попали.",
            "You can restore the latest good backup: the copy is checked first and the present database file is kept beside it. Orders made after the copy are not in it.",
        ),
        RestoreLatest => (
            "Восстановить последнюю копию и открыть",
            "Restore the latest copy and open",
        ),
        Retry => ("Попробовать открыть снова", "Try to open again"),
        Quit => ("Выйти", "Quit"),
        Details => ("Подробности для поддержки", "Details for support"),
        OtherCopies => ("Все копии", "All copies"),
        InUseHint => (
            "Закройте другое окно OrderDesk с этим магазином и нажмите «Попробовать открыть снова».",
            "Close the other OrderDesk window with this shop and press «Try to open again».",
        ),
        Close => ("Закрыть", "Close"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

pub fn kind(lang: Lang, kind: BackupKind) -> &'static str {
    word(
        lang,
        match kind {
            BackupKind::Copy => Bk::KindCopy,
            BackupKind::BeforeMigration => Bk::KindBeforeMigration,
            BackupKind::BeforeRestore => Bk::KindBeforeRestore,
        },
    )
}

/// Why the database did not open, for the person at the PC.
pub fn problem(lang: Lang, kind: OpenProblemKind) -> &'static str {
    use OpenProblemKind::*;
    let (ru, en) = match kind {
        Corrupt => (
            "Файл базы магазина повреждён (например, после сбоя питания или ошибки диска).",
            "The shop's database file is damaged (after a power cut or a disk fault, for example).",
        ),
        NotADatabase => (
            "Файл базы магазина испорчен: это больше не база данных.",
            "The shop's database file is ruined: it is no longer a database.",
        ),
        NewerVersion => (
            "База записана более новой версией OrderDesk — эта версия не может её открыть. Установите новую версию или восстановите копию.",
            "A newer version of OrderDesk wrote the database; this version cannot open it. Install the newer version or restore a copy.",
        ),
        InUse => (
            "База магазина уже открыта другой копией OrderDesk на этом компьютере.",
            "The shop's database is already open in another OrderDesk on this computer.",
        ),
        Permission => (
            "Нет прав на чтение или запись файла базы магазина или его папки.",
            "This user may not read or write the shop's database file or its folder.",
        ),
        Other => (
            "База магазина не открылась.",
            "The shop's database did not open.",
        ),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A refusal of the backups screen or the recovery window, by its code; `None` for a code
/// these screens do not word (the desk's own message is shown then).
pub fn error(lang: Lang, code: ErrorCode) -> Option<&'static str> {
    let (ru, en) = match code {
        ErrorCode::BackupDamaged => (
            "Копия повреждена — она не прошла проверку. База магазина не заменена.",
            "The copy is damaged: it failed the check. The shop's database was not replaced.",
        ),
        ErrorCode::BackupFolder => (
            "В эту папку нельзя записать копию: укажите полный путь к папке, в которую можно писать.",
            "A copy cannot be written to this folder: give the full path of a folder that can be written to.",
        ),
        ErrorCode::DeskBusy => (
            "Программа занята долгой операцией — копия не восстановлена. Попробуйте через минуту.",
            "The program is busy with a long job; nothing was restored. Try again in a minute.",
        ),
        ErrorCode::DataInUse => (
            "База открыта другой копией OrderDesk — закройте её и попробуйте снова.",
            "Another OrderDesk has the database open; close it and try again.",
        ),
        ErrorCode::NotFound => (
            "Резервной копии нет.",
            "There is no backup.",
        ),
        ErrorCode::Forbidden => (
            "Резервные копии доступны только администратору.",
            "Only an administrator works with backups.",
        ),
        ErrorCode::InvalidInput => (
            "Хранить можно от 1 до 365 копий.",
            "Keep 1 to 365 copies.",
        ),
        _ => return None,
    };
    Some(match lang {
        Lang::Ru => ru,
        Lang::En => en,
    })
}

/// What a restore did, in a sentence or two.
pub fn done(lang: Lang, done: &RestoreDone) -> String {
    let when = &done.restored.made_at_text;
    let mut text = match lang {
        Lang::Ru => format!("Восстановлена копия от {when}."),
        Lang::En => format!("The copy of {when} was restored."),
    };
    if let Some(aside) = &done.set_aside {
        text.push(' ');
        text.push_str(&match lang {
            Lang::Ru => format!("Прежняя база сохранена как {aside}."),
            Lang::En => format!("The database as it was is kept as {aside}."),
        });
    }
    if !done.skipped.is_empty() {
        text.push(' ');
        text.push_str(&match lang {
            Lang::Ru => format!(
                "Более новые копии повреждены и пропущены: {}.",
                done.skipped.join(", ")
            ),
            Lang::En => format!(
                "Newer copies were damaged and passed over: {}.",
                done.skipped.join(", ")
            ),
        });
    }
    text
}

/// `1,5 МБ` / `1.5 MB`.
pub fn size(lang: Lang, bytes: u64) -> String {
    let (kb, mb, gb, sep) = match lang {
        Lang::Ru => ("КБ", "МБ", "ГБ", ','),
        Lang::En => ("KB", "MB", "GB", '.'),
    };
    // Tenths, in integers: 1 decimal is all a file size needs.
    let tenths = |unit: u64| (bytes * 10 + unit / 2) / unit;
    let (t, name) = if bytes >= 1 << 30 {
        (tenths(1 << 30), gb)
    } else if bytes >= 1 << 20 {
        (tenths(1 << 20), mb)
    } else {
        (tenths(1 << 10).max(1), kb)
    };
    format!("{}{sep}{} {name}", t / 10, t % 10)
}
