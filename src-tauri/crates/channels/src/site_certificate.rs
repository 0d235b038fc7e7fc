//! «Получить сертификат сайта»: the certificate a site presents, read by a TLS handshake that
//! trusts nothing and only records what the site shows. The admin compares its fingerprint
//! with the one the site's administrator gives before pinning it; nothing is pinned here, and
//! nothing is sent over the connection (it closes once the handshake ends).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use base64::Engine;
use jiff::Timestamp;
use rustls::client::danger::ServerCertVerified;
use rustls::pki_types::{CertificateDer, ServerName};
use x509_cert::der::Decode;

use crate::public_net::{is_public, PrivateAddress};
use crate::tls::client_config;
use crate::ChannelError;

/// How long the connection and the handshake may take together.
const TIMEOUT: Duration = Duration::from_secs(15);

/// The site's own certificate (the first of the chain it presented).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCertificate {
    /// RFC 4514, e.g. `CN=shop.ru,O=Лавка`.
    pub subject: String,
    pub issuer: String,
    pub not_before: Timestamp,
    pub not_after: Timestamp,
    /// SHA-256 of the certificate, `AB:CD:…`, as browsers show it.
    pub fingerprint: String,
    /// The certificate as PEM, ready to be pinned.
    pub pem: String,
    /// How many certificates the site presented (its own and the intermediates).
    pub chain_length: usize,
}

/// Connects to `base_url`'s host and port and returns the certificate it presents, accepted
/// whoever signed it. With `public_only` (a shared hub), a host that is or resolves to a
/// private address is refused before any connection is made.
pub async fn fetch(base_url: &str, public_only: bool) -> Result<SiteCertificate, ChannelError> {
    let (host, port) = host_and_port(base_url)?;
    let addresses = resolve(&host, port).await?;
    if public_only {
        if let Some(bad) = addresses.iter().find(|a| !is_public(a.ip())) {
            return Err(ChannelError::Config(
                PrivateAddress {
                    host: host.clone(),
                    ip: bad.ip(),
                }
                .to_string(),
            ));
        }
    }
    match tokio::time::timeout(TIMEOUT, handshake(&host, &addresses)).await {
        Ok(result) => result,
        Err(_) => Err(ChannelError::Timeout { attempts: 1 }),
    }
}

fn host_and_port(base_url: &str) -> Result<(String, u16), ChannelError> {
    let base_url = base_url.trim();
    let url = url::Url::parse(base_url).map_err(|_| {
        ChannelError::Config(format!(
            "«{base_url}» — не адрес сайта: нужен адрес вида https://shop.ru"
        ))
    })?;
    if url.scheme() != "https" {
        return Err(ChannelError::Config(format!(
            "адрес «{base_url}» не начинается с https:// — сертификат есть только у сайта, \
             открытого по https"
        )));
    }
    let host = match url.host() {
        Some(url::Host::Domain(name)) => name.to_owned(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => {
            return Err(ChannelError::Config(format!(
                "в адресе «{base_url}» нет имени сервера"
            )))
        }
    };
    Ok((host, url.port().unwrap_or(443)))
}

async fn resolve(host: &str, port: u16) -> Result<Vec<SocketAddr>, ChannelError> {
    let found: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| ChannelError::Network(format!("сервер «{host}» не найден: {e}")))?
        .collect();
    if found.is_empty() {
        return Err(ChannelError::Network(format!("сервер «{host}» не найден")));
    }
    Ok(found)
}

/// Connects to the addresses in turn (only those checked above) and records the chain.
async fn handshake(host: &str, addresses: &[SocketAddr]) -> Result<SiteCertificate, ChannelError> {
    let mut last = None;
    let mut tcp = None;
    for address in addresses {
        match tokio::net::TcpStream::connect(address).await {
            Ok(stream) => {
                tcp = Some(stream);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let Some(tcp) = tcp else {
        let why = last.map_or_else(String::new, |e| e.to_string());
        return Err(ChannelError::Network(format!(
            "не удалось подключиться к «{host}»: {why}"
        )));
    };
    // Any certificate is accepted and the chain kept: this connection carries nothing, it
    // only shows what the site presents. The handshake's signatures are still checked, so
    // what is recorded is the certificate of whoever holds its key.
    let recorded: Arc<Mutex<Vec<CertificateDer<'static>>>> = Arc::default();
    let recorder = Arc::clone(&recorded);
    let config = client_config(move |end_entity, intermediates| {
        let mut chain = vec![end_entity.clone().into_owned()];
        chain.extend(intermediates.iter().map(|c| c.clone().into_owned()));
        *recorder.lock().unwrap_or_else(PoisonError::into_inner) = chain;
        Ok(ServerCertVerified::assertion())
    })?;
    let name = ServerName::try_from(host.to_owned())
        .map_err(|_| ChannelError::Config(format!("«{host}» — не имя сервера")))?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    // A handshake that fails after the certificate came (the site wants a client
    // certificate, say) still shows what the site presented.
    let ended = connector.connect(name, tcp).await;
    let chain = std::mem::take(&mut *recorded.lock().unwrap_or_else(PoisonError::into_inner));
    let Some(own) = chain.first() else {
        let why = ended.err().map_or_else(String::new, |e| e.to_string());
        return Err(ChannelError::Network(format!(
            "«{host}» не показал сертификат (TLS: {why})"
        )));
    };
    describe(own, chain.len())
}

fn describe(
    der: &CertificateDer<'_>,
    chain_length: usize,
) -> Result<SiteCertificate, ChannelError> {
    let cert = x509_cert::Certificate::from_der(der.as_ref())
        .map_err(|e| ChannelError::malformed("certificate", e))?;
    let tbs = &cert.tbs_certificate;
    let instant = |t: x509_cert::time::Time| {
        let seconds = i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
        Timestamp::from_second(seconds).map_err(|e| ChannelError::malformed("certificate", e))
    };
    Ok(SiteCertificate {
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        not_before: instant(tbs.validity.not_before)?,
        not_after: instant(tbs.validity.not_after)?,
        fingerprint: crate::tls::fingerprint(der.as_ref()),
        pem: pem(der.as_ref()),
        chain_length,
    })
}

/// PEM as `openssl x509` writes it: base64 in lines of 64.
fn pem(der: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in text.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_https_address_has_a_certificate_to_fetch() {
        for bad in ["http://shop.ru", "shop.ru", "ftp://shop.ru", ""] {
            assert!(
                matches!(host_and_port(bad), Err(ChannelError::Config(_))),
                "{bad}"
            );
        }
        assert_eq!(
            host_and_port(" https://Shop.ru/store/ ").expect("https"),
            ("shop.ru".to_owned(), 443)
        );
        assert_eq!(
            host_and_port("https://[::1]:8443").expect("ipv6"),
            ("::1".to_owned(), 8443)
        );
    }

    #[tokio::test]
    async fn a_private_address_is_refused_before_connecting_when_asked() {
        let err = fetch("https://127.0.0.1:9", true)
            .await
            .expect_err("private");
        assert!(matches!(err, ChannelError::Config(_)), "{err:?}");
        assert!(err.to_string().contains("внутреннюю сеть"), "{err}");
    }
}
