use uuid::Uuid;

/// What went wrong talking to a channel. Messages never carry credentials: request URLs
/// (which hold OAuth parameters) are stripped from network errors before they get here.
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    #[error("the channel refused our credentials (HTTP {status}): {reason}")]
    Unauthorized { status: u16, reason: String },
    #[error("the channel kept limiting our requests (HTTP 429), gave up after {attempts} tries")]
    RateLimited { attempts: u32 },
    #[error("the channel answered HTTP {status} after {attempts} tries")]
    Server { status: u16, attempts: u32 },
    #[error("the channel refused the request (HTTP {status}): {message}")]
    Refused { status: u16, message: String },
    #[error("the channel did not answer in time after {attempts} tries")]
    Timeout { attempts: u32 },
    #[error("network error: {0}")]
    Network(String),
    #[error("malformed answer from the channel ({what}): {detail}")]
    Malformed { what: &'static str, detail: String },
    /// A list that pages without end: the same page again, or more pages than any shop has.
    /// Worded in Russian because the connection's state shows it to the manager as is.
    #[error("{what}: канал отдаёт страницы без конца — чтение остановлено после {pages} запросов")]
    EndlessPaging { what: &'static str, pages: u32 },
    /// The keys read but may not write (a WooCommerce key with «Чтение» rights): imports go
    /// on, pushes wait for the admin. Worded in Russian: the connection's card shows it.
    #[error(
        "ключ доступа только для чтения (HTTP {status}): заказы загружаются, но на сайт ничего \
         не отправляется (статусы, остатки, сообщения покупателям) — дайте ключу права \
         «Чтение/Запись» (WooCommerce → Настройки → Дополнительно → REST API)"
    )]
    ReadOnlyKey { status: u16 },
    /// The marketplace answered about another posting or order than the one asked for: the
    /// answer is not acted on (no call made from it, no link changed). Worded in Russian: the
    /// push's row and the connection's state show it.
    #[error("{market} ответил о заказе «{got}», а запрошен «{asked}»: ответ не принят, действие не выполнено")]
    WrongOrder {
        market: &'static str,
        asked: String,
        got: String,
    },
    /// The server's TLS certificate was not accepted: worded in Russian, it reaches the
    /// manager as the connection's error and the admin's test answer.
    #[error(
        "сертификат сервера не принят: {0}. Если у сайта собственный центр сертификации или \
         самоподписанный сертификат, доверьте его в настройках подключения (файл ЦС или \
         закреплённый сертификат)"
    )]
    Certificate(String),
    #[error("the channel's answer is larger than {limit_mb} MB: not read further")]
    TooLarge { limit_mb: usize },
    #[error("no credentials stored for this connection")]
    NoCredentials,
    #[error("keyring: {0}")]
    Keyring(String),
    #[error("the connection is paused: {0}")]
    Paused(String),
    #[error("unknown connection {0}")]
    UnknownConnection(Uuid),
    #[error("invalid connection settings: {0}")]
    Config(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

impl ChannelError {
    /// Errors after which calling again with the same keys cannot help: the connection
    /// pauses until the admin fixes it.
    pub fn pauses_connection(&self) -> bool {
        matches!(
            self,
            ChannelError::Unauthorized { .. } | ChannelError::NoCredentials
        )
    }

    /// A write refused with keys that read: they are read-only. Pausing would stop the
    /// imports too; only what goes to the channel waits for the admin.
    pub(crate) fn on_write(self) -> ChannelError {
        match self {
            ChannelError::Unauthorized { status, .. } => ChannelError::ReadOnlyKey { status },
            e => e,
        }
    }

    pub(crate) fn malformed(what: &'static str, detail: impl ToString) -> ChannelError {
        ChannelError::Malformed {
            what,
            detail: detail.to_string(),
        }
    }
}
