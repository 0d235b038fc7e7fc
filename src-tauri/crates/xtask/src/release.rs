//! Signed releases for the desks' updater (issue 19, point 4).
//!
//! `cargo xtask signing-key FILE` makes OrderDesk's key pair: the secret goes to FILE, encrypted
//! with a password (keep it off the repository all the same), the public key into
//! `tauri.conf.json` (`plugins.updater.pubkey`), so every desk built after trusts only releases
//! signed with that secret.
//!
//! `cargo xtask publish-update --key FILE --version V --base-url URL --out DIR [--notes TEXT]
//! ARTIFACT...` signs each installer (the `.deb`, `.rpm`, NSIS `-setup.exe`, `.msi` or a bare
//! program file) and writes `DIR/latest.json` beside copies of them: the folder a team hub
//! serves as `/updates/` (its `updates_dir`) or any web server. The signature's trusted
//! comment names the version, which the desk checks against the one announced.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use base64::Engine;

use crate::root;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// Where a release script gives the secret key's password; without it, it is asked for on
/// the terminal.
const PASSWORD_ENV: &str = "ORDERDESK_SIGNING_KEY_PASSWORD";

pub fn signing_key(args: &[String]) -> Result<()> {
    let [file] = args else {
        bail!("usage: cargo xtask signing-key FILE (the secret key is written there, protected by a password: {PASSWORD_ENV} or asked for)");
    };
    let file = PathBuf::from(file);
    if file.exists() {
        bail!(
            "{} exists: a new key would orphan every release signed with it",
            file.display()
        );
    }
    let public = write_key_pair(&file, password_from_env())?;
    let conf = root().join("tauri.conf.json");
    let text = std::fs::read_to_string(&conf)?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let old = json
        .pointer("/plugins/updater/pubkey")
        .and_then(|v| v.as_str())
        .context("tauri.conf.json has no plugins.updater.pubkey to replace")?
        .to_owned();
    // Textual replacement keeps the file's order and layout.
    std::fs::write(&conf, text.replace(&old, &public))?;
    println!(
        "secret key: {} (keep it safe and off the repository; it is useless without its password)",
        file.display()
    );
    println!("public key (now in tauri.conf.json): {public}");
    Ok(())
}

/// The password the environment gives, if any; `None` makes minisign ask on the terminal.
fn password_from_env() -> Option<String> {
    std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty())
}

/// A new key pair: the secret, encrypted with `password` (scrypt, as minisign and Tauri's
/// signer do), written to `file`; returns the public key as `tauri.conf.json` holds it. A
/// stolen copy of the file alone signs nothing.
fn write_key_pair(file: &Path, password: Option<String>) -> Result<String> {
    let pair = minisign::KeyPair::generate_encrypted_keypair(password)?;
    let secret = pair.sk.to_box(Some("OrderDesk release key"))?.into_string();
    write_secret(file, B64.encode(secret).as_bytes())?;
    Ok(B64.encode(pair.pk.to_box()?.into_string()))
}

/// The secret key of `file`. A key written before keys had passwords still opens, with a
/// warning; an encrypted one needs `password` (or the terminal).
fn read_secret(file: &Path, password: Option<String>) -> Result<minisign::SecretKey> {
    let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
    let text = String::from_utf8(B64.decode(text.trim())?)
        .with_context(|| format!("{} is not a key written by signing-key", file.display()))?;
    let plain = match minisign::SecretKeyBox::from_string(&text)?.into_unencrypted_secret_key() {
        Ok(plain) => {
            println!(
                "   warning: {} is not protected by a password; make a new key with `cargo xtask signing-key`",
                file.display()
            );
            return Ok(plain);
        }
        Err(e) => e,
    };
    // Both causes: a damaged old key would otherwise say only «Key is not encrypted».
    minisign::SecretKeyBox::from_string(&text)?
        .into_secret_key(password)
        .map_err(|e| {
            anyhow::anyhow!(
                "{}: the key did not open: {e} (as a key without a password: {plain})",
                file.display()
            )
        })
}

#[cfg(unix)]
fn write_secret(file: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(file)
        .with_context(|| file.display().to_string())?;
    f.write_all(bytes)?;
    Ok(())
}

#[cfg(not(unix))]
fn write_secret(file: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(file, bytes).with_context(|| file.display().to_string())
}

struct Publish {
    key: PathBuf,
    version: String,
    base_url: String,
    out: PathBuf,
    notes: Option<String>,
    files: Vec<PathBuf>,
}

fn parse(args: &[String]) -> Result<Publish> {
    let mut key = None;
    let mut version = None;
    let mut base_url = None;
    let mut out = None;
    let mut notes = None;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .with_context(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--key" => key = Some(PathBuf::from(value()?)),
            "--version" => version = Some(value()?),
            "--base-url" => base_url = Some(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--notes" => notes = Some(value()?),
            other if other.starts_with("--") => bail!("unknown option {other}"),
            file => files.push(PathBuf::from(file)),
        }
    }
    let usage = "usage: cargo xtask publish-update --key FILE --version V --base-url URL --out DIR [--notes TEXT] ARTIFACT...";
    if files.is_empty() {
        bail!("{usage}");
    }
    Ok(Publish {
        key: key.context(usage)?,
        version: version.context(usage)?,
        base_url: base_url.context(usage)?,
        out: out.context(usage)?,
        notes,
        files,
    })
}

/// The updater's platform keys an artifact answers for (`{os}-{arch}-{installer}`, and the
/// bare `{os}-{arch}` for a desk not installed from a package).
fn platforms(file: &Path) -> Result<&'static [&'static str]> {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .context("an artifact without a file name")?;
    Ok(if name.ends_with(".deb") {
        &["linux-x86_64-deb"]
    } else if name.ends_with(".rpm") {
        &["linux-x86_64-rpm"]
    } else if name.ends_with("-setup.exe") {
        &["windows-x86_64-nsis", "windows-x86_64"]
    } else if name.ends_with(".msi") {
        &["windows-x86_64-msi"]
    } else if name.ends_with(".AppImage") || !name.contains('.') {
        &["linux-x86_64-appimage", "linux-x86_64"]
    } else {
        bail!("{name}: not an installer the desk's updater knows (.deb, .rpm, -setup.exe, .msi, a program file)")
    })
}

pub fn publish_update(args: &[String]) -> Result<()> {
    let p = parse(args)?;
    let secret = read_secret(&p.key, password_from_env())?;
    std::fs::create_dir_all(&p.out)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let mut entries = serde_json::Map::new();
    for file in &p.files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .context("an artifact without a file name")?
            .to_owned();
        let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
        let trusted = format!("timestamp:{now}\tfile:{name}\tversion:{}", p.version);
        let signature = minisign::sign(
            None,
            &secret,
            bytes.as_slice(),
            Some(&trusted),
            Some("signature from the OrderDesk release key"),
        )?;
        let signature = B64.encode(signature.into_string());
        std::fs::write(p.out.join(&name), &bytes)?;
        std::fs::write(p.out.join(format!("{name}.sig")), &signature)?;
        let url = format!("{}/{name}", p.base_url.trim_end_matches('/'));
        for platform in platforms(file)? {
            entries.insert(
                (*platform).to_owned(),
                serde_json::json!({ "url": url, "signature": signature }),
            );
        }
        println!("   signed {name}");
    }
    let manifest = serde_json::json!({
        "version": p.version,
        "notes": p.notes.unwrap_or_default(),
        "pub_date": rfc3339(now),
        "platforms": entries,
    });
    let path = p.out.join("latest.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&manifest)?)?;
    println!("   {}", path.display());
    Ok(())
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (the civil calendar from days since 1970).
fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The secret key was written unencrypted (found in session 21's review): a copy of the
    /// file alone could sign a release every desk would install.
    #[test]
    fn the_secret_key_is_written_encrypted_and_opens_only_with_its_password() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("release.key");
        let public = write_key_pair(&file, Some("верный пароль".into())).expect("written");
        let boxed = String::from_utf8(
            B64.decode(std::fs::read_to_string(&file).expect("file").trim())
                .expect("base64"),
        )
        .expect("text");
        assert!(
            minisign::SecretKeyBox::from_string(&boxed)
                .expect("box")
                .into_unencrypted_secret_key()
                .is_err(),
            "the key opened without a password"
        );
        let wrong = read_secret(&file, Some("другой".into()));
        assert!(wrong.is_err());
        let secret = read_secret(&file, Some("верный пароль".into())).expect("opens");
        let signature = minisign::sign(None, &secret, &b"release"[..], None, None).expect("signs");
        let public = String::from_utf8(B64.decode(public).expect("base64")).expect("text");
        let public = minisign::PublicKeyBox::from_string(&public)
            .expect("box")
            .into_public_key()
            .expect("public key");
        minisign::verify(
            &public,
            &signature,
            std::io::Cursor::new(b"release"),
            true,
            false,
            false,
        )
        .expect("the public key written is the secret's pair");
    }

    #[test]
    fn a_key_written_before_passwords_still_signs() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("old.key");
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("pair");
        let boxed = pair.sk.to_box(None).expect("box").into_string();
        std::fs::write(&file, B64.encode(boxed)).expect("written");
        let secret = read_secret(&file, None).expect("opens without a password");
        minisign::sign(None, &secret, &b"release"[..], None, None).expect("signs");
    }

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_796_515_200), "2026-12-06T00:00:00Z");
        assert_eq!(rfc3339(951_782_400 + 3_661), "2000-02-29T01:01:01Z");
    }

    #[test]
    fn each_installer_answers_for_its_platforms() {
        let keys = |n: &str| platforms(Path::new(n)).map(|p| p.to_vec());
        assert_eq!(
            keys("OrderDesk_0.2.0_amd64.deb").ok(),
            Some(vec!["linux-x86_64-deb"])
        );
        assert_eq!(
            keys("OrderDesk_0.2.0_x64-setup.exe").ok(),
            Some(vec!["windows-x86_64-nsis", "windows-x86_64"])
        );
        assert_eq!(
            keys("orderdesk").ok(),
            Some(vec!["linux-x86_64-appimage", "linux-x86_64"])
        );
        assert!(keys("notes.txt").is_err());
    }
}
