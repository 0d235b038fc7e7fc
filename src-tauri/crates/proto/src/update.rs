//! Updates of the desk itself (issue 19, point 4): where this PC looks for a new version, what
//! it found there, and why an update was refused. The shell checks and installs; the window
//! shows the offer and asks the manager.

use serde::{Deserialize, Serialize};

use crate::display::Lang;

/// This PC's updates: the version running, where new ones are looked for, the last offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateView {
    /// The version running now («0.1.0»).
    pub current: String,
    /// The address this PC set, if any (it wins over the team hub's).
    pub own_source: Option<String>,
    /// Where the desk looks: the own address, else the team hub's `/updates/latest.json`;
    /// `None` when neither is there.
    pub source: Option<String>,
    /// A newer version found by the last check, signed or not yet downloaded.
    pub offer: Option<UpdateOffer>,
    /// Whether a check has run since the desk started (so «no update» can be said).
    pub checked: bool,
}

/// A newer version the source announces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOffer {
    pub version: String,
    /// What is new, as the publisher wrote it (shown as text).
    pub notes: Option<String>,
    /// When it was published, Unix seconds.
    pub published_at: Option<i64>,
}

/// Why checking or installing an update did not happen. Nothing is installed for any of them:
/// the running desk stays as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UpdateProblem {
    /// No address is set and the PC is not in a team.
    NoSource,
    /// The address is not an http(s) URL.
    BadAddress { address: String },
    /// Plain http to another machine: only https, or http to this PC itself.
    PlainHttp { address: String },
    /// An install is already under way.
    Installing,
    /// The source could not be reached (network, refused, timed out).
    Unreachable { detail: String },
    /// Nothing at the address describes a release (not found, or not the updater's JSON).
    NoRelease { address: String },
    /// The source answered, but not with a release for this system.
    BadAnswer { detail: String },
    /// The downloaded file is not signed by OrderDesk's key, or was changed after signing.
    BadSignature,
    /// The offer asked for is not the one found (checked again meanwhile): check again.
    Stale { version: String },
    /// The system refused to put the new version in place.
    InstallFailed { detail: String },
}

impl UpdateProblem {
    pub fn wording(&self, lang: Lang) -> String {
        let ru = matches!(lang, Lang::Ru);
        let pick = |r: String, e: String| if ru { r } else { e };
        match self {
            Self::NoSource => pick(
                "Не задан адрес обновлений, и этот компьютер не в команде: укажите адрес.".into(),
                "No update address is set and this PC is not in a team: give an address.".into(),
            ),
            Self::BadAddress { address } => pick(
                format!("«{address}» — не адрес http(s)://…"),
                format!("«{address}» is not an http(s)://… address"),
            ),
            Self::PlainHttp { address } => pick(
                format!(
                    "«{address}»: обновления берутся только по https:// (по http — лишь с этого \
                     компьютера), иначе описание выпуска могут подменить по дороге."
                ),
                format!(
                    "«{address}»: updates come over https:// only (http only from this PC), or \
                     the release description could be changed on the way."
                ),
            ),
            Self::Installing => pick(
                "Обновление уже устанавливается.".into(),
                "The update is already being installed.".into(),
            ),
            Self::Unreachable { detail } => pick(
                format!("Источник обновлений недоступен: {detail}"),
                format!("The update source cannot be reached: {detail}"),
            ),
            Self::NoRelease { address } => pick(
                format!("По адресу {address} нет описания выпуска OrderDesk (latest.json)."),
                format!("There is no OrderDesk release description (latest.json) at {address}."),
            ),
            Self::BadAnswer { detail } => pick(
                format!("Источник обновлений ответил не так, как ожидалось: {detail}"),
                format!("The update source gave an unexpected answer: {detail}"),
            ),
            Self::BadSignature => pick(
                "Обновление отклонено: его подпись не сходится с ключом OrderDesk (файл изменён \
                 или подписан не тем ключом). Ничего не установлено."
                    .into(),
                "The update was refused: its signature does not match OrderDesk's key (the file \
                 was changed or signed with another key). Nothing was installed."
                    .into(),
            ),
            Self::Stale { version } => pick(
                format!("Версия {version} больше не предлагается: проверьте обновления снова."),
                format!("Version {version} is no longer offered: check for updates again."),
            ),
            Self::InstallFailed { detail } => pick(
                format!("Обновление не установлено: {detail}"),
                format!("The update was not installed: {detail}"),
            ),
        }
    }
}
