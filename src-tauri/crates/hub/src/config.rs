//! Settings from a TOML file, overridden by environment variables.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `postgres://user@host:port/db`; env `ORDERDESK_HUB_DATABASE_URL`.
    pub database_url: String,
    /// env `ORDERDESK_HUB_LISTEN`, e.g. `0.0.0.0:7878`.
    pub listen: SocketAddr,
    /// Larger request bodies get 413.
    pub max_body_bytes: usize,
    /// Requests per second a device (its token) or a hook connection may make on average…
    pub rate_per_s: f64,
    /// …and in a burst.
    pub rate_burst: f64,
    /// Requests per second from one source address, charged before anything is looked up
    /// (an office's desks share one address behind NAT, so this is well above one device's)…
    pub address_rate_per_s: f64,
    /// …and in a burst.
    pub address_burst: f64,
    /// Open connections at once; past it new ones wait in the kernel's queue.
    pub max_connections: usize,
    /// Open connections from one source address; past it new ones are closed at once.
    pub max_connections_per_address: usize,
    /// A request's headers must arrive within this, and an idle connection is closed after it.
    pub header_timeout_ms: u64,
    /// A whole request (its body read and answered) must end within this; a pull waits at
    /// most 25 s, so this only cuts what is stuck.
    pub request_timeout_s: u64,
    /// Lets a shop's administrator point a connection at plain http or at a private,
    /// loopback or link-local address (tests; a hub inside one shop's own network, with an
    /// on-premise system). Off on a shared hub: see `connector/public_url.rs`.
    pub allow_private_channel_hosts: bool,
    pub pool_size: usize,
    /// PEM of the CA PostgreSQL's certificate is checked against when `database_url` has
    /// `sslmode=require` (the system's roots without it); env `ORDERDESK_HUB_DATABASE_CA`.
    pub database_ca_file: Option<PathBuf>,
    /// PEM files of the hub's certificate chain and private key: with both, the hub serves
    /// HTTPS itself. Without them it speaks plain HTTP — for loopback, or behind a proxy that
    /// terminates TLS (desks refuse plain http to any other machine).
    pub tls_cert_file: Option<PathBuf>,
    pub tls_key_file: Option<PathBuf>,
    /// Where connector workers keep each shop's SQLite file and its private secret file;
    /// env `ORDERDESK_HUB_DATA_DIR`.
    pub data_dir: PathBuf,
    /// How often connector workers look at their schedules, in seconds.
    pub connector_tick_s: u64,
    /// The folder of the desk's signed releases (`cargo xtask publish-update --out`), served
    /// as `/updates/<file>`; none: no releases are served. Env `ORDERDESK_HUB_UPDATES_DIR`.
    pub updates_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "postgres://postgres@127.0.0.1:5432/orderdesk_hub".into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 7878)),
            max_body_bytes: 4 << 20,
            rate_per_s: 50.0,
            rate_burst: 200.0,
            address_rate_per_s: 200.0,
            address_burst: 1_000.0,
            max_connections: 4_096,
            max_connections_per_address: 256,
            header_timeout_ms: 10_000,
            request_timeout_s: 120,
            allow_private_channel_hosts: false,
            pool_size: 16,
            database_ca_file: None,
            tls_cert_file: None,
            tls_key_file: None,
            data_dir: PathBuf::from("orderdesk-hub-data"),
            connector_tick_s: 60,
            updates_dir: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("reading {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Parse {
        path: String,
        source: toml::de::Error,
    },
    #[error("{name}: {value:?} is not a valid address")]
    Listen { name: &'static str, value: String },
}

impl Config {
    /// The file (if given) then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut config = match file {
            None => Config::default(),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                })?;
                toml::from_str(&text).map_err(|source| ConfigError::Parse {
                    path: path.display().to_string(),
                    source,
                })?
            }
        };
        if let Ok(url) = std::env::var("ORDERDESK_HUB_DATABASE_URL") {
            config.database_url = url;
        }
        if let Some(ca) = std::env::var_os("ORDERDESK_HUB_DATABASE_CA") {
            config.database_ca_file = Some(PathBuf::from(ca));
        }
        if let Some(dir) = std::env::var_os("ORDERDESK_HUB_DATA_DIR") {
            config.data_dir = PathBuf::from(dir);
        }
        if let Some(dir) = std::env::var_os("ORDERDESK_HUB_UPDATES_DIR") {
            config.updates_dir = Some(PathBuf::from(dir));
        }
        if let Ok(listen) = std::env::var("ORDERDESK_HUB_LISTEN") {
            config.listen = listen.parse().map_err(|_| ConfigError::Listen {
                name: "ORDERDESK_HUB_LISTEN",
                value: listen,
            })?;
        }
        Ok(config)
    }
}
