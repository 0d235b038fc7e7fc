use std::path::PathBuf;

use domain::{OpError, Workflow};
use proto::{CommandError, ErrorCode};
use store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("creating the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("order {0:?} not found")]
    OrderNotFound(String),
    #[error("stage {0:?} not found")]
    StageNotFound(String),
    /// The domain refused the move; `message` is already worded for the manager, with the
    /// stage names as the shop calls them.
    #[error("transition not allowed: {source}")]
    TransitionNotAllowed {
        #[source]
        source: OpError,
        message: String,
    },
    #[error(transparent)]
    Money(#[from] domain::MoneyOverflow),
    #[error("storage: {0}")]
    Storage(#[source] StoreError),
}

impl DeskError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DeskError::OrderNotFound(_) | DeskError::StageNotFound(_) => ErrorCode::NotFound,
            DeskError::TransitionNotAllowed { .. } => ErrorCode::TransitionNotAllowed,
            DeskError::DataDir { .. } => ErrorCode::Storage,
            DeskError::Money(_) => ErrorCode::Internal,
            DeskError::Storage(e) => match e {
                StoreError::Corrupt(_) | StoreError::Json(_) | StoreError::Money(_) => {
                    ErrorCode::Internal
                }
                _ => ErrorCode::Storage,
            },
        }
    }

    /// Wraps a refusal from the domain with a message that names stages as the shop does.
    pub(crate) fn refused(workflow: &Workflow, source: OpError) -> DeskError {
        let name = |id: &str| {
            workflow
                .stage(id)
                .map_or_else(|| id.to_owned(), |s| s.name.clone())
        };
        let message = match &source {
            OpError::AlreadyClosed { stage } => {
                format!("Заказ на этапе «{}» — следующего этапа нет.", name(stage))
            }
            OpError::StaleStage { actual, .. } => format!(
                "Заказ уже перешёл на этап «{}» — обновите список.",
                name(actual)
            ),
            OpError::NotNextOnRoute { from, to } => format!(
                "С этапа «{}» заказ не может перейти на этап «{}».",
                name(from),
                name(to)
            ),
            OpError::EndOfRoute { stage } => format!(
                "После этапа «{}» для этого способа доставки и оплаты нет следующего этапа — \
                 проверьте настройку этапов.",
                name(stage)
            ),
            OpError::UnknownStage(stage) => {
                format!("Этапа «{stage}» больше нет в настройках магазина.")
            }
        };
        DeskError::TransitionNotAllowed { source, message }
    }

    pub(crate) fn from_store(workflow: &Workflow, e: StoreError) -> DeskError {
        match e {
            StoreError::Rejected(op) => DeskError::refused(workflow, op),
            other => DeskError::from(other),
        }
    }
}

impl From<StoreError> for DeskError {
    fn from(e: StoreError) -> DeskError {
        match e {
            StoreError::OrderNotFound(id) => DeskError::OrderNotFound(id),
            other => DeskError::Storage(other),
        }
    }
}

impl From<DeskError> for CommandError {
    fn from(e: DeskError) -> CommandError {
        let code = e.code();
        let message = match e {
            DeskError::DataDir { path, .. } => format!(
                "Не удалось создать папку для данных «{}». Проверьте права доступа.",
                path.display()
            ),
            DeskError::OrderNotFound(_) => "Заказ не найден — возможно, он удалён.".to_owned(),
            DeskError::StageNotFound(_) => "Такого этапа нет в настройках магазина.".to_owned(),
            DeskError::TransitionNotAllowed { message, .. } => message,
            DeskError::Money(_) => "Сумма заказа слишком велика.".to_owned(),
            DeskError::Storage(_) if code == ErrorCode::Internal => {
                "Данные заказа повреждены или записаны более новой версией программы.".to_owned()
            }
            DeskError::Storage(_) => {
                "Не удалось прочитать или сохранить данные. Попробуйте ещё раз; если ошибка \
                 повторится, перезапустите программу."
                    .to_owned()
            }
        };
        CommandError::new(code, message)
    }
}
