//! HTTP Basic over HTTPS: the real WooCommerce client against a loopback HTTPS site whose
//! certificate comes from a CA made here, trusted through the client's explicit "extra root
//! certificate" option. The keys travel only inside TLS; plain http never carries Basic.

mod support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use base64::Engine;
use channels::config::{AuthScheme, Settings};
use channels::tls::{pem_fingerprint, Trust, TrustKind};
use channels::woo::WooClient;
use channels::{ChannelError, Credentials, Secret};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use support::{fast_retry, serve, KEY, SECRET};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// Authorization headers seen, with the scheme of the listener that saw them.
type Seen = Arc<Mutex<Vec<(&'static str, Option<String>)>>>;

struct TestCa {
    /// The CA certificate the client is told to trust.
    pem: String,
    /// The site's own certificate, as an admin would pin it.
    site_pem: String,
    /// The site's certificate chain and key, for 127.0.0.1 and localhost.
    chain: Vec<rustls::pki_types::CertificateDer<'static>>,
    key: rustls::pki_types::PrivateKeyDer<'static>,
}

fn test_ca() -> TestCa {
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "OrderDesk test CA");
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca, ca_key);

    let site_key = KeyPair::generate().expect("site key");
    let mut site = CertificateParams::new(vec!["localhost".to_owned()]).expect("site params");
    site.subject_alt_names
        .push(SanType::IpAddress([127, 0, 0, 1].into()));
    site.distinguished_name
        .push(DnType::CommonName, "shop.test");
    let site_cert = site
        .signed_by(&site_key, &issuer)
        .expect("site certificate");
    TestCa {
        pem: ca_cert.pem(),
        site_pem: site_cert.pem(),
        chain: vec![site_cert.der().clone()],
        key: rustls::pki_types::PrivateKeyDer::Pkcs8(site_key.serialize_der().into()),
    }
}

/// A TLS listener for `axum::serve`: a failed handshake (an untrusting client) is skipped.
struct TlsListener {
    tcp: TcpListener,
    acceptor: TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((stream, addr)) = self.tcp.accept().await else {
                continue;
            };
            if let Ok(tls) = self.acceptor.accept(stream).await {
                return (tls, addr);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

async fn serve_tls(router: Router, ca: &TestCa) -> SocketAddr {
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(ca.chain.clone(), ca.key.clone_key())
        .expect("server TLS config");
    let tcp = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = tcp.local_addr().expect("address");
    let listener = TlsListener {
        tcp,
        acceptor: TlsAcceptor::from(Arc::new(config)),
    };
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

fn basic() -> String {
    let pair = format!("{KEY}:{SECRET}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

/// `GET /orders` as WooCommerce answers it over HTTPS: Basic with the right keys, else 401.
/// `redirect_to` makes it answer 301 to another site instead.
fn site(scheme: &'static str, seen: Seen, redirect_to: Option<String>) -> Router {
    let handler = move |headers: HeaderMap, uri: Uri| {
        let seen = seen.clone();
        let redirect_to = redirect_to.clone();
        async move {
            let auth = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            seen.lock().expect("seen").push((scheme, auth.clone()));
            if let Some(target) = redirect_to {
                let location = format!("{target}{uri}");
                return (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, location)],
                )
                    .into_response();
            }
            let ok = auth.as_deref() == Some(basic().as_str());
            if ok {
                (
                    [
                        ("content-type", "application/json"),
                        ("x-wp-totalpages", "1"),
                    ],
                    "[]",
                )
                    .into_response()
            } else {
                (
                    StatusCode::UNAUTHORIZED,
                    r#"{"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources.","data":{"status":401}}"#,
                )
                    .into_response()
            }
        }
    };
    Router::new().route("/wp-json/wc/v3/orders", get(handler))
}

fn settings(auth: AuthScheme) -> Settings {
    Settings {
        retry: fast_retry(),
        auth,
        ..Settings::default()
    }
}

fn keys() -> Credentials {
    Credentials {
        key: KEY.into(),
        secret: Secret::new(SECRET),
    }
}

#[tokio::test]
async fn basic_auth_goes_over_https_to_a_site_of_a_trusted_test_ca() {
    let ca = test_ca();
    let seen = Seen::default();
    let addr = serve_tls(site("https", seen.clone(), None), &ca).await;
    let settings = settings(AuthScheme::Auto);
    let client = WooClient::new(&format!("https://{addr}"), keys(), &settings)
        .expect("client")
        .with_extra_root(ca.pem.as_bytes(), &settings)
        .expect("extra root");
    let orders = client.orders_modified_after(None).await.expect("orders");
    assert!(orders.is_empty());
    let seen = seen.lock().expect("seen").clone();
    assert_eq!(seen, vec![("https", Some(basic()))]);
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_before_any_key_is_sent() {
    let ca = test_ca();
    let seen = Seen::default();
    let addr = serve_tls(site("https", seen.clone(), None), &ca).await;
    let settings = settings(AuthScheme::Basic);
    let client = WooClient::new(&format!("https://{addr}"), keys(), &settings).expect("client");
    let err = client
        .orders_modified_after(None)
        .await
        .expect_err("unknown CA");
    assert!(
        !err.to_string().contains(SECRET),
        "no secret in the error: {err}"
    );
    assert!(
        seen.lock().expect("seen").is_empty(),
        "no request got through"
    );
}

#[tokio::test]
async fn basic_is_never_sent_over_plain_http() {
    // Asked for outright, Basic over http:// is refused before anything is sent.
    let refused = WooClient::new("http://127.0.0.1:9", keys(), &settings(AuthScheme::Basic));
    assert!(matches!(refused, Err(ChannelError::Config(_))));

    // On its own the client signs with OAuth 1.0a over http: no Authorization header at all.
    let seen = Seen::default();
    let addr = serve(site("http", seen.clone(), None)).await;
    let client = WooClient::new(
        &format!("http://{addr}"),
        keys(),
        &settings(AuthScheme::Auto),
    )
    .expect("client");
    let err = client
        .orders_modified_after(None)
        .await
        .expect_err("the double only takes Basic");
    assert!(matches!(err, ChannelError::Unauthorized { .. }), "{err}");
    assert_eq!(seen.lock().expect("seen").clone(), vec![("http", None)]);
}

#[tokio::test]
async fn a_redirect_from_https_to_http_does_not_carry_the_keys() {
    let ca = test_ca();
    let seen = Seen::default();
    let plain = serve(site("http", seen.clone(), None)).await;
    let addr = serve_tls(
        site("https", seen.clone(), Some(format!("http://{plain}"))),
        &ca,
    )
    .await;
    let settings = settings(AuthScheme::Auto);
    let client = WooClient::new(&format!("https://{addr}"), keys(), &settings)
        .expect("client")
        .with_extra_root(ca.pem.as_bytes(), &settings)
        .expect("extra root");
    let _ = client.orders_modified_after(None).await;
    let seen = seen.lock().expect("seen").clone();
    assert_eq!(seen[0], ("https", Some(basic())));
    assert!(
        seen.iter()
            .all(|(scheme, auth)| *scheme == "https" || auth.is_none()),
        "Basic credentials reached plain http: {seen:?}"
    );
}

fn trusting(kind: TrustKind, pem: &str) -> Settings {
    Settings {
        trust: Some(Trust {
            kind,
            pem: pem.to_owned(),
        }),
        ..settings(AuthScheme::Auto)
    }
}

#[tokio::test]
async fn a_site_of_its_own_ca_fails_with_a_russian_message_naming_the_certificate() {
    let ca = test_ca();
    let seen = Seen::default();
    let addr = serve_tls(site("https", seen.clone(), None), &ca).await;
    let client = WooClient::new(
        &format!("https://{addr}"),
        keys(),
        &settings(AuthScheme::Auto),
    )
    .expect("client");
    let err = client
        .orders_modified_after(None)
        .await
        .expect_err("unknown CA");
    assert!(matches!(err, ChannelError::Certificate(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("сертификат сервера не принят"), "{text}");
    assert!(text.contains("неизвестным центром сертификации"), "{text}");
    assert!(!text.contains("адрес и интернет"), "{text}");
    assert!(
        seen.lock().expect("seen").is_empty(),
        "no request got through"
    );
}

#[tokio::test]
async fn a_site_of_its_own_ca_works_once_the_connection_trusts_the_ca_file() {
    let ca = test_ca();
    let seen = Seen::default();
    let addr = serve_tls(site("https", seen.clone(), None), &ca).await;
    let client = WooClient::new(
        &format!("https://{addr}"),
        keys(),
        &trusting(TrustKind::Ca, &ca.pem),
    )
    .expect("client");
    let orders = client.orders_modified_after(None).await.expect("orders");
    assert!(orders.is_empty());
    assert_eq!(
        seen.lock().expect("seen").clone(),
        vec![("https", Some(basic()))]
    );
}

#[tokio::test]
async fn a_pinned_certificate_is_accepted_and_a_wrong_fingerprint_is_refused() {
    let ca = test_ca();
    let seen = Seen::default();
    let addr = serve_tls(site("https", seen.clone(), None), &ca).await;
    let url = format!("https://{addr}");

    // Another site's certificate pinned: refused before any key is sent, naming both prints.
    let other = test_ca();
    let client = WooClient::new(&url, keys(), &trusting(TrustKind::Pinned, &other.site_pem))
        .expect("client");
    let err = client
        .orders_modified_after(None)
        .await
        .expect_err("wrong pin");
    assert!(matches!(err, ChannelError::Certificate(_)), "{err:?}");
    let text = err.to_string();
    let shown = pem_fingerprint(&ca.site_pem).expect("fingerprint");
    let pinned = pem_fingerprint(&other.site_pem).expect("fingerprint");
    assert!(text.contains(&shown) && text.contains(&pinned), "{text}");
    assert!(text.contains("закреплённый"), "{text}");
    assert!(
        seen.lock().expect("seen").is_empty(),
        "no request got through"
    );

    // The site's own certificate pinned: accepted though no root knows its CA.
    let client =
        WooClient::new(&url, keys(), &trusting(TrustKind::Pinned, &ca.site_pem)).expect("client");
    client.orders_modified_after(None).await.expect("pinned");
    assert_eq!(
        seen.lock().expect("seen").clone(),
        vec![("https", Some(basic()))]
    );
}

/// «Получить сертификат сайта» (issue 13, point 7): the handshake that trusts nothing shows
/// the site's own certificate, the one an admin would otherwise have to get from the site's
/// administrator; pinning what it fetched lets the connection in.
#[tokio::test]
async fn the_fetched_certificate_is_the_sites_own_and_pinning_it_lets_the_connection_in() {
    let ca = test_ca();
    let seen = Seen::default();
    let addr = serve_tls(site("https", seen.clone(), None), &ca).await;
    let url = format!("https://{addr}");

    let fetched = channels::site_certificate::fetch(&url, false)
        .await
        .expect("the site's certificate");
    assert_eq!(
        fetched.fingerprint,
        pem_fingerprint(&ca.site_pem).expect("fingerprint")
    );
    assert_eq!(
        pem_fingerprint(&fetched.pem).expect("the fetched PEM reads back"),
        fetched.fingerprint
    );
    assert!(
        fetched.subject.contains("CN=shop.test"),
        "{}",
        fetched.subject
    );
    assert!(
        fetched.issuer.contains("CN=OrderDesk test CA"),
        "{}",
        fetched.issuer
    );
    assert!(fetched.not_before < fetched.not_after);
    assert_eq!(fetched.chain_length, 1);
    assert!(
        seen.lock().expect("seen").is_empty(),
        "fetching sent no request"
    );

    // Not trusted as it is; pinned as fetched, it is.
    let client = WooClient::new(&url, keys(), &settings(AuthScheme::Auto)).expect("client");
    let err = client
        .orders_modified_after(None)
        .await
        .expect_err("unknown CA");
    assert!(matches!(err, ChannelError::Certificate(_)), "{err:?}");
    let client =
        WooClient::new(&url, keys(), &trusting(TrustKind::Pinned, &fetched.pem)).expect("client");
    client.orders_modified_after(None).await.expect("pinned");
    assert_eq!(
        seen.lock().expect("seen").clone(),
        vec![("https", Some(basic()))]
    );

    // A shared hub's worker asks for public addresses only: this loopback site is refused.
    let refused = channels::site_certificate::fetch(&url, true)
        .await
        .expect_err("loopback");
    assert!(refused.to_string().contains("внутреннюю сеть"), "{refused}");
}
