//! The shop's releases of the desk, served to its desks (issue 19, point 4): the folder
//! `cargo xtask publish-update` wrote (`latest.json` and the signed installers) is served as
//! `/updates/<file>` when the hub's `updates_dir` is set, and every desk of the team looks
//! there by default. No token is asked: the files are the same for everyone and a desk trusts
//! them for their signature, not for where they came from.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// The longest file name served; the publisher's names are far shorter.
const MAX_NAME: usize = 128;

/// A file name of the folder itself: letters, digits, `.`, `_`, `-`, not starting with a dot
/// (no `..`, no path, no hidden files).
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The file opened, its length and content type, or the status to answer with.
async fn open(dir: &Path, name: &str) -> Result<(&'static str, u64, tokio::fs::File), StatusCode> {
    if !plain_name(name) {
        return Err(StatusCode::NOT_FOUND);
    }
    let opened = async {
        let file = tokio::fs::File::open(dir.join(name)).await?;
        let meta = file.metadata().await?;
        if !meta.is_file() {
            return Err(std::io::Error::from(std::io::ErrorKind::NotFound));
        }
        Ok((meta.len(), file))
    };
    match opened.await {
        Ok((len, file)) => Ok((
            if name.ends_with(".json") {
                "application/json"
            } else {
                "application/octet-stream"
            },
            len,
            file,
        )),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(StatusCode::NOT_FOUND),
        Err(err) => {
            tracing::warn!(%err, name, "an update file could not be read");
            Err(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// The whole file's bytes (the tests').
#[cfg(test)]
async fn read(dir: &Path, name: &str) -> Result<(&'static str, Vec<u8>), StatusCode> {
    use tokio::io::AsyncReadExt;
    let (kind, _, mut file) = open(dir, name).await?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok((kind, bytes))
}

/// Streamed from the file: an installer is tens of megabytes, and many desks may fetch it
/// at once; the hub holds a buffer per download, not the file.
pub(crate) async fn file(
    State(dir): State<Arc<PathBuf>>,
    UrlPath(name): UrlPath<String>,
) -> Response {
    match open(&dir, &name).await {
        // A new release is seen at the next check, not after a cache's lifetime.
        Ok((kind, len, file)) => (
            [
                (header::CONTENT_TYPE, kind.to_owned()),
                (header::CACHE_CONTROL, "no-cache".to_owned()),
                (header::CONTENT_LENGTH, len.to_string()),
            ],
            axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(file)),
        )
            .into_response(),
        Err(status) => status.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_folder_s_own_files_are_served_and_nothing_outside_it() {
        let root = tempfile::tempdir().expect("dir");
        let dir = root.path().join("updates");
        std::fs::create_dir(&dir).expect("updates dir");
        std::fs::write(dir.join("latest.json"), b"{\"version\":\"0.2.0\"}").expect("manifest");
        std::fs::write(dir.join("OrderDesk_0.2.0_amd64.deb"), b"deb").expect("deb");
        std::fs::write(dir.join(".hidden"), b"no").expect("hidden");
        std::fs::write(root.path().join("secret.toml"), b"no").expect("outside");
        assert_eq!(
            read(&dir, "latest.json").await,
            Ok(("application/json", b"{\"version\":\"0.2.0\"}".to_vec()))
        );
        assert_eq!(
            read(&dir, "OrderDesk_0.2.0_amd64.deb").await,
            Ok(("application/octet-stream", b"deb".to_vec()))
        );
        for hostile in [
            "../secret.toml",
            "..",
            ".hidden",
            "",
            "a/b",
            "%2e%2e",
            "latest.json\0",
            &"a".repeat(MAX_NAME + 1),
        ] {
            assert_eq!(
                read(&dir, hostile).await,
                Err(StatusCode::NOT_FOUND),
                "{hostile:?}"
            );
        }
        assert_eq!(read(&dir, "0.3.0.json").await, Err(StatusCode::NOT_FOUND));
    }
}
