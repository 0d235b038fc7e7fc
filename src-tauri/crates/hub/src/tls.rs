//! TLS on both of the hub's wires: HTTPS served by the hub itself (a certificate and key in PEM
//! files, e.g. from certbot), so desks across the internet need no proxy in front of it; and
//! TLS to PostgreSQL when its URL asks for `sslmode=require`, with the server's certificate
//! checked against the CA file given (or the system's roots) and its host name — what libpq
//! calls `verify-full`, since a `require` that accepts any certificate stops no one in the
//! middle. Other modes keep the plain connection they had (Debian's own PostgreSQL answers
//! TLS with a self-signed «snakeoil» certificate nobody could verify).

use std::path::Path;
use std::sync::Arc;

use tokio_postgres::config::SslMode;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, RootCertStore};
use tokio_rustls::TlsAcceptor;

use crate::HubError;

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

fn certificates(path: &Path, what: &str) -> Result<Vec<CertificateDer<'static>>, HubError> {
    let bad =
        |e: &dyn std::fmt::Display| HubError::Admin(format!("{what} {}: {e}", path.display()));
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| bad(&e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(&e))?;
    if certs.is_empty() {
        return Err(bad(&"no certificate in the file"));
    }
    Ok(certs)
}

/// The HTTPS side: the certificate chain (leaf first) and its private key, both PEM.
pub fn acceptor(cert_file: &Path, key_file: &Path) -> Result<TlsAcceptor, HubError> {
    let certs = certificates(cert_file, "tls_cert_file")?;
    let key = PrivateKeyDer::from_pem_file(key_file)
        .map_err(|e| HubError::Admin(format!("tls_key_file {}: {e}", key_file.display())))?;
    let mut config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| HubError::Admin(format!("TLS: {e}")))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| HubError::Admin(format!("tls_cert_file and tls_key_file: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// How the hub reaches PostgreSQL: `None` for a plain connection, or the TLS connector for a
/// URL with `sslmode=require`.
pub fn postgres(
    pg: &tokio_postgres::Config,
    ca_file: Option<&Path>,
) -> Result<Option<tokio_postgres_rustls::MakeRustlsConnect>, HubError> {
    if pg.get_ssl_mode() != SslMode::Require {
        return Ok(None);
    }
    let mut roots = RootCertStore::empty();
    match ca_file {
        Some(path) => {
            for cert in certificates(path, "database_ca_file")? {
                roots
                    .add(cert)
                    .map_err(|e| HubError::Admin(format!("database_ca_file: {e}")))?;
            }
        }
        None => {
            // The system's roots: a managed PostgreSQL with a public certificate.
            let found = rustls_native_certs::load_native_certs();
            for cert in found.certs {
                let _ = roots.add(cert);
            }
            if roots.is_empty() {
                return Err(HubError::Admin(
                    "sslmode=require: no CA to check PostgreSQL's certificate against; \
                     set database_ca_file"
                        .into(),
                ));
            }
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| HubError::Admin(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Some(tokio_postgres_rustls::MakeRustlsConnect::new(config)))
}
