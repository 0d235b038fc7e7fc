//! A connection's own certificate trust: a shop whose site runs on a certificate from its own
//! CA (or a self-signed one) is reachable once the admin trusts that CA, or pins the site's
//! exact certificate, for this connection only; and a refused certificate is reported as
//! such, in Russian, instead of as a network failure.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct as Dss, SignatureScheme};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ChannelError;

/// What the admin trusts for a connection, besides the system's roots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrustKind {
    /// A CA certificate (the shop's own CA): the site's chain must lead to it, and the
    /// certificate must name the site's host, as usual.
    Ca,
    /// The site's own certificate: only this exact certificate is accepted, whoever signed it.
    Pinned,
}

/// A certificate kept with the connection's settings (certificates are public: the PEM is
/// stored as given, so the admin can see and replace it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trust {
    pub kind: TrustKind,
    pub pem: String,
}

impl Trust {
    /// Checks the PEM holds a certificate; returns the first one's fingerprint.
    pub fn check(&self) -> Result<String, ChannelError> {
        Ok(fingerprint(&first_certificate(&self.pem)?))
    }
}

/// The certificates in a PEM text, in order.
fn certificates(pem: &str) -> Result<Vec<CertificateDer<'static>>, ChannelError> {
    let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| ChannelError::Config("сертификат не читается как PEM".into()))?;
    if certs.is_empty() {
        return Err(ChannelError::Config(
            "в тексте нет сертификата (-----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    Ok(certs)
}

fn first_certificate(pem: &str) -> Result<CertificateDer<'static>, ChannelError> {
    let mut certs = certificates(pem)?;
    Ok(certs.swap_remove(0))
}

/// The SHA-256 fingerprint of a PEM text's first certificate, as browsers show it
/// (`AB:CD:…`).
pub fn pem_fingerprint(pem: &str) -> Result<String, ChannelError> {
    Ok(fingerprint(&first_certificate(pem)?))
}

pub(crate) fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A client builder trusting `trust` (none: the system's roots only).
pub(crate) fn apply(
    builder: reqwest::ClientBuilder,
    trust: Option<&Trust>,
    extra_roots: &[&[u8]],
) -> Result<reqwest::ClientBuilder, ChannelError> {
    let mut roots = Vec::new();
    for pem in extra_roots {
        roots.extend(
            reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| ChannelError::Config(format!("root certificate: {e}")))?,
        );
    }
    match trust {
        None => Ok(builder.tls_certs_merge(roots)),
        Some(Trust {
            kind: TrustKind::Ca,
            pem,
        }) => {
            for der in certificates(pem)? {
                roots.push(
                    reqwest::Certificate::from_der(&der)
                        .map_err(|e| ChannelError::Config(format!("сертификат ЦС: {e}")))?,
                );
            }
            Ok(builder.tls_certs_merge(roots))
        }
        Some(Trust {
            kind: TrustKind::Pinned,
            pem,
        }) => {
            let pinned = first_certificate(pem)?;
            Ok(builder.tls_backend_preconfigured(pinned_config(pinned)?))
        }
    }
}

/// Accepts exactly one certificate: the admin compared its fingerprint with the site's, so
/// neither the issuer nor the host name matter.
fn pinned_config(pinned: CertificateDer<'static>) -> Result<rustls::ClientConfig, ChannelError> {
    let pinned_fingerprint = fingerprint(&pinned);
    client_config(move |end_entity, _| {
        if end_entity.as_ref() == pinned.as_ref() {
            return Ok(ServerCertVerified::assertion());
        }
        let mismatch = PinMismatch {
            shown: fingerprint(end_entity),
            pinned: pinned_fingerprint.clone(),
        };
        Err(rustls::Error::InvalidCertificate(CertificateError::Other(
            rustls::OtherError(Arc::new(mismatch)),
        )))
    })
}

/// The site showed another certificate than the pinned one.
#[derive(Debug)]
struct PinMismatch {
    shown: String,
    pinned: String,
}

impl std::fmt::Display for PinMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "сервер показал другой сертификат (SHA-256 {}), чем закреплённый ({})",
            self.shown, self.pinned
        )
    }
}

impl std::error::Error for PinMismatch {}

type Der<'a> = CertificateDer<'a>;
type Signature = Result<HandshakeSignatureValid, rustls::Error>;

/// A TLS client configuration that leaves the certificate to `check` (given the site's own
/// certificate and the intermediates it sent); the handshake's signatures are still checked
/// the usual way, so only the holder of the certificate's key gets through.
pub(crate) fn client_config(
    check: impl Fn(&Der<'_>, &[Der<'_>]) -> Result<ServerCertVerified, rustls::Error>
        + Send
        + Sync
        + 'static,
) -> Result<rustls::ClientConfig, ChannelError> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier = Checked {
        check,
        provider: provider.clone(),
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ChannelError::Config(format!("TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(config)
}

/// The verifier of [`client_config`].
struct Checked<C> {
    check: C,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl<C> std::fmt::Debug for Checked<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Checked")
    }
}

impl<C> ServerCertVerifier for Checked<C>
where
    C: Fn(&Der<'_>, &[Der<'_>]) -> Result<ServerCertVerified, rustls::Error> + Send + Sync,
{
    fn verify_server_cert(
        &self,
        end_entity: &Der<'_>,
        intermediates: &[Der<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        (self.check)(end_entity, intermediates)
    }

    fn verify_tls12_signature(&self, msg: &[u8], cert: &Der<'_>, dss: &Dss) -> Signature {
        rustls::crypto::verify_tls12_signature(msg, cert, dss, self.algorithms())
    }

    fn verify_tls13_signature(&self, msg: &[u8], cert: &Der<'_>, dss: &Dss) -> Signature {
        rustls::crypto::verify_tls13_signature(msg, cert, dss, self.algorithms())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms().supported_schemes()
    }
}

impl<C> Checked<C> {
    fn algorithms(&self) -> &rustls::crypto::WebPkiSupportedAlgorithms {
        &self.provider.signature_verification_algorithms
    }
}

/// The certificate problem behind a failed request, if that is what it was: rustls's error
/// sits inside hyper's and `io::Error`s (whose `source()` skips their own payload).
pub(crate) fn certificate_problem(error: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = next {
        if let Some(rustls::Error::InvalidCertificate(c)) = e.downcast_ref::<rustls::Error>() {
            return Some(wording(c));
        }
        next = match e.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    None
}

fn wording(c: &CertificateError) -> String {
    match c {
        CertificateError::UnknownIssuer => "он выдан неизвестным центром сертификации".into(),
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            "срок его действия истёк".into()
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            "срок его действия ещё не начался".into()
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            "он выдан на другое имя сервера".into()
        }
        CertificateError::Revoked => "он отозван".into(),
        CertificateError::Other(other) => other.to_string(),
        other => format!("он не прошёл проверку ({other:?})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_a_certificate_is_refused_with_a_reason() {
        let err = pem_fingerprint("просто текст").expect_err("no certificate");
        assert!(err.to_string().contains("нет сертификата"), "{err}");
    }
}
