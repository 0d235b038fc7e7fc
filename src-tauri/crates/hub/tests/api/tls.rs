//! TLS on both of the hub's wires, against real sockets and the real PostgreSQL: the hub
//! serves HTTPS with the certificate it is given; a handshake that never finishes is cut like
//! a slow header; `sslmode=require` reaches PostgreSQL only through a certificate the hub can
//! check, and refuses one it cannot. PostgreSQL's TLS is put in front of the shared test
//! server by a small relay that speaks PostgreSQL's own TLS negotiation (`SSLRequest`, then
//! the handshake) and passes the plain stream on: the server's configuration stays untouched.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hub::{admin, Config, Hub};
use proto::sync::PROTOCOL_VERSION;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, SanType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls;

use crate::Fixture;

/// A CA, and a certificate it signed for 127.0.0.1, written as PEM files.
struct Pki {
    dir: tempfile::TempDir,
    ca_pem: String,
    cert_pem: String,
    key_pem: String,
}

impl Pki {
    fn new() -> Pki {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca_cert = ca.self_signed(&ca_key).expect("CA cert");
        let issuer = Issuer::new(ca, ca_key);
        let key = KeyPair::generate().expect("key");
        let mut leaf = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
        leaf.subject_alt_names
            .push(SanType::IpAddress([127, 0, 0, 1].into()));
        let cert = leaf.signed_by(&key, &issuer).expect("leaf cert");
        Pki {
            dir: tempfile::tempdir().expect("dir"),
            ca_pem: ca_cert.pem(),
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        }
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    fn acceptor(&self) -> tokio_rustls::TlsAcceptor {
        use rustls::pki_types::pem::PemObject;
        let certs =
            vec![
                rustls::pki_types::CertificateDer::from_pem_slice(self.cert_pem.as_bytes())
                    .expect("cert"),
            ];
        let key =
            rustls::pki_types::PrivateKeyDer::from_pem_slice(self.key_pem.as_bytes()).expect("key");
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::aws_lc_rs::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server config");
        tokio_rustls::TlsAcceptor::from(Arc::new(config))
    }
}

fn client_trusting(ca_pem: &str) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(ca_pem.as_bytes()).expect("CA");
    reqwest::Client::builder()
        .tls_certs_only([ca])
        .build()
        .expect("client")
}

async fn hello(client: &reqwest::Client, url: &str, token: &str) -> Result<u16, reqwest::Error> {
    let res = client
        .get(format!("{url}/v1/hello"))
        .bearer_auth(token)
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string())
        .send()
        .await?;
    Ok(res.status().as_u16())
}

#[tokio::test]
async fn the_hub_serves_https_with_its_own_certificate_and_cuts_a_stalled_handshake() {
    let pki = Pki::new();
    let cert = pki.file("hub.pem", &pki.cert_pem);
    let key = pki.file("hub.key", &pki.key_pem);
    let f = Fixture::start("hub_tls", |c| {
        c.tls_cert_file = Some(cert);
        c.tls_key_file = Some(key);
        c.header_timeout_ms = 300;
    })
    .await;
    let url = f.hub.url();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let shop = admin::create_shop(&f.pool, "S").await.expect("shop");
    let token = f.member(shop, "manager").await;

    let trusting = client_trusting(&pki.ca_pem);
    assert_eq!(hello(&trusting, &url, &token).await.expect("over TLS"), 200);
    // A client that does not know the shop's CA is refused by its own TLS, not by us.
    let stranger = client_trusting(&Pki::new().ca_pem);
    assert!(hello(&stranger, &url, &token).await.is_err());
    // Plain HTTP to the TLS port gets no answer.
    let plain = url.replacen("https://", "http://", 1);
    assert!(hello(&reqwest::Client::new(), &plain, &token)
        .await
        .is_err());

    // A connection that never starts its handshake is closed after the header timeout.
    let mut idle = TcpStream::connect(f.hub.addr).await.expect("connect");
    let started = Instant::now();
    let mut byte = [0u8; 1];
    let read = tokio::time::timeout(Duration::from_secs(10), idle.read(&mut byte))
        .await
        .expect("closed well before 10 s");
    assert!(
        matches!(read, Ok(0) | Err(_)),
        "closed, not answered: {read:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(250));
    // ...and the hub still serves.
    assert_eq!(hello(&trusting, &url, &token).await.expect("still up"), 200);
    f.finish().await;
}

/// PostgreSQL's TLS negotiation in front of the shared server: answers `SSLRequest` with
/// «S», does the handshake with `pki`'s certificate, then relays plain bytes upstream.
async fn postgres_tls_front(pki: &Pki, upstream: (String, u16)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let acceptor = pki.acceptor();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let mut request = [0u8; 8];
                if client.read_exact(&mut request).await.is_err() {
                    return;
                }
                // Length 8, code 80877103: «SSLRequest».
                if request != [0, 0, 0, 8, 4, 210, 22, 47] {
                    return;
                }
                if client.write_all(b"S").await.is_err() {
                    return;
                }
                let Ok(mut tls) = acceptor.accept(client).await else {
                    return;
                };
                let Ok(mut server) = TcpStream::connect((upstream.0.as_str(), upstream.1)).await
                else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut server).await;
            });
        }
    });
    port
}

fn upstream() -> (String, u16) {
    let pg: tokio_postgres::Config = testkit::pg::server_url().parse().expect("server url");
    let host = match pg.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "127.0.0.1".to_owned(),
    };
    (host, pg.get_ports().first().copied().unwrap_or(5432))
}

fn through(db_url: &str, port: u16) -> String {
    let name = db_url.rsplit('/').next().expect("database name");
    format!("postgres://postgres@127.0.0.1:{port}/{name}?sslmode=require")
}

fn hub_config(url: String, ca: &Path) -> Config {
    Config {
        database_url: url,
        database_ca_file: Some(ca.to_owned()),
        data_dir: ca.with_file_name("hub-data"),
        listen: "127.0.0.1:0".parse().expect("addr"),
        pool_size: 2,
        ..Config::default()
    }
}

#[tokio::test]
async fn sslmode_require_reaches_postgresql_only_through_a_certificate_the_hub_can_check() {
    let db = testkit::pg::TestDatabase::create("hub_pg_tls")
        .await
        .expect("test database");
    let pki = Pki::new();
    let port = postgres_tls_front(&pki, upstream()).await;
    let url = through(&db.url, port);

    // A CA that did not sign PostgreSQL's certificate: nothing is read or written.
    let other = Pki::new();
    let wrong_ca = other.file("other-ca.pem", &other.ca_pem);
    let refused = Hub::start(&hub_config(url.clone(), &wrong_ca)).await;
    let err = refused.err().expect("refused").to_string();
    assert!(err.to_lowercase().contains("certificate"), "{err}");

    // The right CA: the hub migrates and serves through TLS.
    let ca = pki.file("ca.pem", &pki.ca_pem);
    let hub = Hub::start(&hub_config(url.clone(), &ca))
        .await
        .expect("hub over TLS to PostgreSQL");
    let pool = hub::db::pool_with(&url, Some(&ca), 1).expect("pool");
    let shop = admin::create_shop(&pool, "S").await.expect("shop over TLS");
    let user = admin::create_user(&pool, shop, "anna", "Анна", "manager")
        .await
        .expect("user");
    let token = admin::create_device(&pool, user, "pc")
        .await
        .expect("device")
        .1;
    let status = hello(&reqwest::Client::new(), &hub.url(), &token)
        .await
        .expect("hello");
    assert_eq!(status, 200);
    drop(pool);
    hub.stop().await;

    // Straight to the shared server, whose self-signed certificate no CA here vouches for.
    let (host, pg_port) = upstream();
    let name = db.url.rsplit('/').next().expect("name").to_owned();
    let direct = format!("postgres://postgres@{host}:{pg_port}/{name}?sslmode=require");
    assert!(Hub::start(&hub_config(direct, &ca)).await.is_err());
    db.drop_now().await.expect("drop");
}
