//! A channel's address, as a shop's administrator gives it to the shared hub: the hub calls it
//! from inside the hub's own network, so an address there (the database, a metadata service,
//! another shop's worker) would let one shop's admin read internal answers through the
//! connection's error text. Only https to public addresses, unless the operator opts in (for
//! tests and for a hub inside one shop's own network).

use std::net::IpAddr;

use axum::http::Uri;
use channels::public_net::is_public;
use proto::InputProblem;

/// Why an address is refused, as data every window words in its language (beside the
/// address field).
pub(crate) async fn check(base_url: &str, allow_private: bool) -> Result<(), InputProblem> {
    let base_url = base_url.trim();
    if base_url.is_empty() {
        // The channel's own official address (marketplaces, МойСклад) is used.
        return Ok(());
    }
    let not_an_address = || InputProblem::NotSiteAddress {
        url: base_url.to_owned(),
    };
    let uri: Uri = base_url.parse().map_err(|_| not_an_address())?;
    let host = uri
        .host()
        .ok_or_else(not_an_address)?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    if allow_private {
        return Ok(());
    }
    if uri.scheme_str() != Some("https") {
        return Err(InputProblem::HttpsNeeded {
            url: base_url.to_owned(),
        });
    }
    let port = uri.port_u16().unwrap_or(443);
    let addresses: Vec<IpAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|e| {
                tracing::info!(%host, %e, "a channel's address does not resolve");
                InputProblem::HostNotFound { host: host.clone() }
            })?
            .map(|a| a.ip())
            .collect(),
    };
    match addresses.iter().find(|ip| !is_public(**ip)) {
        Some(ip) => Err(InputProblem::InternalAddress {
            url: base_url.to_owned(),
            ip: ip.to_string(),
        }),
        None if addresses.is_empty() => Err(InputProblem::HostNotFound { host }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn private_and_plain_addresses_are_refused_and_public_https_ones_pass() {
        for bad in [
            "http://93.184.216.34",
            "https://127.0.0.1:8080",
            "https://localhost",
            "https://10.1.2.3",
            "https://172.20.0.5/wp-json",
            "https://192.168.0.10",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.1.1",
            "https://0.0.0.0",
            "https://[::1]:443",
            "https://[fd00::1]",
            "https://[fe80::1]",
            "https://[::ffff:10.0.0.1]",
            "не адрес",
        ] {
            assert!(check(bad, false).await.is_err(), "{bad} passed");
        }
        for good in [
            "https://93.184.216.34",
            "https://[2606:4700::1111]/shop",
            "",
        ] {
            assert_eq!(check(good, false).await, Ok(()), "{good}");
        }
        // The operator's opt-in lets test servers and a shop's own network in.
        assert_eq!(check("http://127.0.0.1:8080", true).await, Ok(()));
    }
}
