//! «Получить сертификат сайта» from a team desk (issue 13, point 7): the hub's worker fetches
//! the certificate from where it will connect, and a shared hub refuses an address in its own
//! network before connecting anywhere.

use std::sync::Arc;

use tokio_rustls::rustls;

use super::*;

/// A loopback HTTPS server with a self-signed certificate for 127.0.0.1 that only shakes
/// hands; returns its address and the certificate's PEM.
async fn self_signed_site() -> (String, String) {
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).expect("cert");
    let pem = made.cert.pem();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(
        vec![made.cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::Pkcs8(made.signing_key.serialize_der().into()),
    )
    .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let tcp = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("https://{}", tcp.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((stream, _)) = tcp.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let _ = acceptor.accept(stream).await;
            });
        }
    });
    (url, pem)
}

async fn fetch(
    desk: &Arc<desk::Desk>,
    url: &str,
) -> Result<proto::SiteCertificate, proto::CommandError> {
    desk.site_certificate(url, jiff::Timestamp::now())
        .await
        .map_err(proto::CommandError::from)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_team_desk_fetches_the_sites_certificate_through_the_hub() {
    let team = Team::start("conn_site_cert").await;
    let (url, pem) = self_signed_site().await;
    let (_a, admin_desk) = team.desk("admin").await;
    let fetched = fetch(&admin_desk, &url).await.expect("fetched by the hub");
    assert_eq!(
        fetched.fingerprint,
        channels::tls::pem_fingerprint(&pem).expect("fingerprint")
    );
    assert_eq!(fetched.subject, fetched.issuer, "self-signed");
    assert!(!fetched.out_of_date);
    // The form's test on the hub refuses the certificate as it is, and takes it pinned as
    // fetched (this server only shakes hands, so the test then fails further on).
    let new = |trust: Option<proto::TrustInput>| NewConnection {
        kind: ChannelKind::WooCommerce,
        name: "Сайт".into(),
        base_url: url.clone(),
        key: KEY.into(),
        secret: SECRET.into(),
        setup: Default::default(),
        trust,
    };
    let refused = "сертификат сервера";
    let untrusted = admin_desk
        .channel_test_new(new(None), jiff::Timestamp::now())
        .await
        .expect("test");
    assert!(untrusted.message.contains(refused), "{}", untrusted.message);
    let pin = proto::TrustInput {
        pinned: true,
        pem: fetched.pem.clone(),
    };
    let pinned = admin_desk
        .channel_test_new(new(Some(pin)), jiff::Timestamp::now())
        .await
        .expect("test");
    assert!(!pinned.message.contains(refused), "{}", pinned.message);
    // Only the admin adds and edits connections, so only the admin fetches for the form.
    let (_m, manager_desk) = team.desk("manager").await;
    let refused = fetch(&manager_desk, &url).await.expect_err("a manager");
    assert_eq!(refused.code, proto::ErrorCode::Forbidden, "{refused:?}");
    admin_desk.stop_sync();
    manager_desk.stop_sync();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_shared_hub_refuses_to_fetch_a_certificate_from_its_own_network() {
    let team = Team::start_with("conn_site_cert_private", |c| {
        c.allow_private_channel_hosts = false
    })
    .await;
    let (url, _pem) = self_signed_site().await;
    let (_a, admin_desk) = team.desk("admin").await;
    let internal = ("внутреннюю сеть", "leads into an internal network");
    let plain = ("должен начинаться с https://", "must start with https://");
    for (address, (words, english)) in [
        (url.as_str(), internal),
        ("https://10.0.0.5", internal),
        ("https://169.254.169.254", internal),
        ("https://[::1]:8443", internal),
        ("http://93.184.216.34", plain),
    ] {
        let refused = fetch(&admin_desk, address).await.expect_err(address);
        assert_eq!(
            refused.code,
            proto::ErrorCode::InvalidInput,
            "{address}: {refused:?}"
        );
        assert!(
            refused.message.contains(words),
            "{address}: {}",
            refused.message
        );
        // Typed, so the window says it beside the address field in its own language (it was
        // the hub's Russian text in any window).
        assert_eq!(refused.field(), Some("url"), "{address}: {refused:?}");
        let reason = refused.reason.as_deref().expect("a typed reason");
        let en = reason.wording(proto::display::Lang::En);
        assert!(en.contains(english), "{address}: {en}");
    }
    admin_desk.stop_sync();
}
