//! A shared hub calls the shops' channels from inside its own network, so an address there
//! (the database, a cloud's metadata service, another shop's worker) must stay out of reach of
//! a shop's administrator. The hub checks a connection's address when it is added or edited;
//! this module keeps the check true at every request: a name that resolves to a private
//! address later (DNS rebinding) and a redirect to one are refused, with the reason in Russian.

use std::net::{IpAddr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Whether `ip` is an address on the internet (not this machine, a private or shared
/// network, link-local, multicast or reserved).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                // 100.64.0.0/10, carrier-grade NAT: a provider's internal network.
                || (a == 100 && (64..128).contains(&b))
                // 0.0.0.0/8 and 240.0.0.0/4: "this network" and reserved.
                || a == 0
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // fc00::/7 unique local, fe80::/10 link-local.
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// A request refused because its host is, or resolves to, a private address.
#[derive(Debug, thiserror::Error)]
#[error(
    "адрес «{host}» ведёт во внутреннюю сеть ({ip}): сервер команды обращается только к сайтам \
     и системам в интернете"
)]
pub struct PrivateAddress {
    pub host: String,
    pub ip: IpAddr,
}

/// The system's resolver with every non-public answer refused.
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            // One private answer refuses the name: a rebinding server mixes them.
            if let Some(bad) = found.iter().find(|a| !is_public(a.ip())) {
                return Err(Box::new(PrivateAddress { host, ip: bad.ip() })
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

/// A URL whose host is a private IP written out, which no resolver sees.
pub fn literal_refusal(url: &url::Url) -> Option<PrivateAddress> {
    let ip = match url.host()? {
        url::Host::Ipv4(ip) => IpAddr::V4(ip),
        url::Host::Ipv6(ip) => IpAddr::V6(ip),
        url::Host::Domain(_) => return None,
    };
    (!is_public(ip)).then(|| PrivateAddress {
        host: ip.to_string(),
        ip,
    })
}

/// Redirects are followed (up to 10) except to a private IP written out; names in redirects
/// pass [`PublicOnly`].
pub fn redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| match literal_refusal(attempt.url()) {
        Some(refused) => attempt.error(refused),
        None if attempt.previous().len() >= 10 => attempt.stop(),
        None => attempt.follow(),
    })
}

/// The refusal inside a request's error, if that is why it failed.
pub(crate) fn refusal<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a PrivateAddress> {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if let Some(p) = c.downcast_ref::<PrivateAddress>() {
            return Some(p);
        }
        cause = c.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_reserved_and_mapped_addresses_are_not_public() {
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.20.0.5",
            "192.168.0.10",
            "169.254.169.254",
            "100.64.1.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            let ip: IpAddr = bad.parse().expect("ip");
            assert!(!is_public(ip), "{bad}");
        }
        for good in ["93.184.216.34", "2606:4700::1111", "::ffff:93.184.216.34"] {
            let ip: IpAddr = good.parse().expect("ip");
            assert!(is_public(ip), "{good}");
        }
    }

    #[tokio::test]
    async fn a_name_that_resolves_to_this_machine_is_refused() {
        let name: Name = "localhost".parse().expect("name");
        let refused = PublicOnly.resolve(name).await.err().expect("refused");
        let why = refusal(refused.as_ref()).expect("our refusal");
        assert!(!is_public(why.ip));
        assert!(why.to_string().contains("внутреннюю сеть"), "{why}");
    }
}
