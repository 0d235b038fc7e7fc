//! `quickstart`'s certificates for a hub on the shop's own network, where no public
//! certificate authority can vouch for it: a certificate authority of the shop's own (its
//! certificate goes into each PC's trusted roots, once) and the hub's certificate for the names
//! and addresses the PCs reach it by, signed by it. Desks then reach the hub over https like
//! any site, with no exception for it in their code.

use std::path::{Path, PathBuf};

use anyhow::Context;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};

/// Where `quickstart` put the files.
pub struct OwnTls {
    /// The shop's authority: install on each PC as a trusted root.
    pub ca: PathBuf,
    /// The hub's certificate and key: the config's `tls_cert_file` and `tls_key_file`.
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Makes the authority and the hub's certificate for `hosts` (names or IP addresses) in
/// `dir/tls`, unless a hub certificate is there already (a second quickstart must not break
/// the PCs that trust the first). The keys are readable by the owner only; the authority's
/// key is not kept, so nothing on the hub can sign another certificate PCs would trust.
pub fn make(dir: &Path, hosts: &[String]) -> anyhow::Result<OwnTls> {
    let dir = dir.join("tls");
    let made = OwnTls {
        ca: dir.join("shop-ca.pem"),
        cert: dir.join("hub.pem"),
        key: dir.join("hub-key.pem"),
    };
    if made.cert.exists() {
        return Ok(made);
    }
    anyhow::ensure!(
        !hosts.is_empty(),
        "name at least one host the PCs reach the hub by"
    );
    std::fs::create_dir_all(&dir).with_context(|| format!("making {}", dir.display()))?;
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.distinguished_name
        .push(DnType::CommonName, "OrderDesk hub — shop authority");
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate()?;
    let mut leaf = CertificateParams::new(hosts.to_vec())
        .context("a host is neither a name nor an IP address")?;
    leaf.distinguished_name
        .push(DnType::CommonName, hosts[0].clone());
    let cert = leaf.signed_by(&key, &issuer)?;
    write_private(&made.key, &key.serialize_pem())?;
    std::fs::write(&made.cert, cert.pem())
        .with_context(|| format!("writing {}", made.cert.display()))?;
    std::fs::write(&made.ca, ca_cert.pem())
        .with_context(|| format!("writing {}", made.ca.display()))?;
    Ok(made)
}

/// A file only its owner may read, made so before the key goes in.
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("making {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}
