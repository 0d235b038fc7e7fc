//! Stoplight Prism started from a marketplace's own OpenAPI spec, as a validating mock: it
//! answers with the spec's examples and checks every request against the spec. Its log says,
//! per request, «Request received» and one «Violation: request…» line per way the request
//! breaks the spec (an unknown path: «NO_PATH_MATCHED_ERROR»); the test reads those lines.
//!
//! The mock runs without `--errors`: with it Prism also turns its own answers' violations into
//! 500s, and the specs' examples break their own schemas (Ozon's posting example has
//! `"customer": null` where the schema says object), so no answer would reach the desk.
//! Invalid requests are refused (400/422) either way.
//!
//! `prism proxy --errors` ([`Mock::proxy`]) checks every request against the spec, forwards
//! only the valid ones to an upstream server and checks its answer too: a request that breaks
//! the spec is answered 422 and never forwarded, an answer that breaks it becomes a 500
//! («Request terminated with error: …VIOLATIONS», without the request's own violation lines).

// Each end-to-end test binary includes this module and uses only part of it.
#![allow(dead_code)]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Prism may take to read a spec and listen (the Ozon spec is 2 MB; about 2 s here).
const START: Duration = Duration::from_secs(90);

/// The prism launcher: `ORDERDESK_PRISM` (set by `cargo xtask test`), else the one
/// `cargo xtask setup` installs under the target dir. Missing is a failure, never a skip.
pub fn launcher() -> PathBuf {
    let path = std::env::var_os("ORDERDESK_PRISM")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tools/node_modules/.bin/prism")
        });
    assert!(
        path.is_file(),
        "Stoplight Prism is missing at {}: run `cargo xtask setup` (it installs \
         @stoplight/prism-cli into target/tools), or run this test with `cargo xtask test`",
        path.display()
    );
    path
}

/// A marketplace spec: `ORDERDESK_SPECS`, else `../shared/reference/specs` beside the repo.
/// Missing is a failure: this test exists to run against them.
pub fn spec(name: &str) -> PathBuf {
    let dir = std::env::var_os("ORDERDESK_SPECS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/specs")
        });
    let path = dir.join(name);
    assert!(
        path.is_file(),
        "the marketplace spec {} is missing: put the specs there or point ORDERDESK_SPECS at them",
        path.display()
    );
    path
}

/// The Ozon Seller spec with its two defects that no conforming client can pass mended, written
/// into `dir`; each mend first checks the defect is there (a spec fixed upstream fails here, so
/// the mend goes):
/// - `/v2/products/stocks`: `stocks[]` requires `quant_size`, a property its own schema no longer
///   defines, and which the method's text says was switched off on 26 June 2025; the mend drops
///   it from `required` (we do not send it, issue 20).
/// - `/v2/posting/fbs/package-label`: the 200 under `application/pdf` is described as a JSON
///   object; Ozon sends the PDF's bytes, so the mend describes them as a binary string.
pub fn mended_ozon_spec(dir: &Path) -> PathBuf {
    let published = spec("ozon-seller-api.json");
    let text = std::fs::read_to_string(&published).expect("read the Ozon spec");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("the Ozon spec is JSON");
    let stock = &mut doc["components"]["schemas"]["productv2ProductsStocksRequestStock"];
    assert!(
        stock["properties"].get("quant_size").is_none(),
        "the spec defines quant_size again: {stock}"
    );
    let required = stock["required"]
        .as_array_mut()
        .expect("the stock item's required list");
    let before = required.len();
    required.retain(|r| r != "quant_size");
    assert_eq!(required.len() + 1, before, "quant_size was required");
    let label = &mut doc["paths"]["/v2/posting/fbs/package-label"]["post"]["responses"]["200"]
        ["content"]["application/pdf"]["schema"];
    assert!(
        label.get("$ref").is_some(),
        "the label's PDF is no longer described as a JSON object: {label}"
    );
    *label = serde_json::json!({ "type": "string", "format": "binary" });
    let mended = dir.join("ozon-seller-api.mended.json");
    std::fs::write(&mended, doc.to_string()).expect("write the mended spec");
    mended
}

/// One running `prism mock` or `prism proxy`, stopped (with its Node children) when dropped.
pub struct Mock {
    child: Child,
    pub port: u16,
    log: PathBuf,
    name: &'static str,
}

impl Drop for Mock {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What Prism saw: every request as «method path», and every way one broke the spec.
#[derive(Debug, Default)]
pub struct Tally {
    pub requests: Vec<String>,
    pub violations: Vec<String>,
    /// Requests Prism ended with an error of its own instead of an answer (other than an
    /// unknown operation, which is a violation): under `--errors` an answer breaking the spec.
    pub terminated: Vec<String>,
}

impl Tally {
    /// Requests to paths starting with `method path`.
    pub fn count(&self, method_path: &str) -> usize {
        self.requests
            .iter()
            .filter(|r| r.starts_with(method_path))
            .count()
    }
}

impl Mock {
    /// Starts `prism mock` for `spec` on a free loopback port, logging into `dir`, and waits
    /// until it listens.
    pub fn start(name: &'static str, spec: &Path, dir: &Path) -> Mock {
        Mock::launch(name, &["mock".as_ref(), spec.as_os_str()], dir)
    }

    /// Starts `prism proxy --errors` for `spec` in front of `upstream` (a base URL), as
    /// [`Mock::start`] does.
    pub fn proxy(name: &'static str, spec: &Path, upstream: &str, dir: &Path) -> Mock {
        let args = [
            "proxy".as_ref(),
            spec.as_os_str(),
            upstream.as_ref(),
            "--errors".as_ref(),
        ];
        Mock::launch(name, &args, dir)
    }

    fn launch(name: &'static str, args: &[&std::ffi::OsStr], dir: &Path) -> Mock {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free loopback port");
        let log = dir.join(format!("prism-{name}.log"));
        let out = std::fs::File::create(&log).expect("prism log file");
        let err = out.try_clone().expect("prism log file");
        let child = Command::new(launcher())
            .process_group(0)
            .args(args)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start prism: {e}"));
        let mut mock = Mock {
            child,
            port,
            log,
            name,
        };
        let started = Instant::now();
        loop {
            if mock.text().contains("Prism is listening") {
                return mock;
            }
            if let Ok(Some(status)) = mock.child.try_wait() {
                panic!(
                    "prism for {name} exited ({status}) before listening:\n{}",
                    mock.text()
                );
            }
            assert!(
                started.elapsed() < START,
                "prism for {name} did not listen within {START:?}:\n{}",
                mock.text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The requests and request violations in the log so far.
    pub fn tally(&self) -> Tally {
        tally(&self.text())
    }

    /// Waits until Prism has answered `n` requests to `method_path` (it logs the answer's
    /// status after the request's violations).
    pub async fn wait_requests(&self, method_path: &str, n: usize, within: Duration) -> Tally {
        let started = Instant::now();
        loop {
            let t = self.tally();
            if t.count(method_path) >= n {
                return t;
            }
            assert!(
                started.elapsed() < within,
                "prism for {} saw {} of {n} requests to {method_path} within {within:?}; it saw {:?}",
                self.name,
                t.count(method_path),
                t.requests
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Reads Prism's log: «[HTTP SERVER] post /v3/posting/fbs/list ℹ info Request received», then
/// for a broken request «Violation: request.body.x …» lines (response violations are the
/// spec's own examples, not ours, and are left out), or «NO_PATH_MATCHED_ERROR».
pub fn tally(log: &str) -> Tally {
    let mut t = Tally::default();
    for line in log.lines() {
        if let Some(rest) = line.split("[HTTP SERVER] ").nth(1) {
            let request: String = rest
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            if line.contains("Request received") {
                t.requests.push(request);
            } else if line.contains("NO_PATH_MATCHED_ERROR") {
                t.violations.push(format!("{request}: no such operation"));
            } else if let Some(error) = line.split("Request terminated with error: ").nth(1) {
                t.terminated.push(format!("{request}: {error}"));
            }
        } else if let Some(v) = line.split("Violation: ").nth(1) {
            if v.starts_with("request") {
                let last = t.requests.last().cloned().unwrap_or_default();
                t.violations.push(format!("{last}: {v}"));
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::tally;

    /// Lines as Prism 5.16 writes them.
    #[test]
    fn the_log_reader_counts_requests_and_only_request_violations() {
        let log = "\
[9:21:48 AM] › [HTTP SERVER] post /v2/products/stocks ℹ  info      Request received
[9:21:48 AM] ›     [VALIDATOR] ⚠  warning   Request did not pass the validation rules
[9:21:48 AM] ›     [VALIDATOR] ✖  error     Violation: request.body.stocks.0 Request body property stocks.0 must have required property 'quant_size'
[9:21:48 AM] ›     [VALIDATOR] ✖  error     Violation: response.body.details.0.value Response body property details.0.value must match format \"byte\"
[9:32:29 AM] › [HTTP SERVER] post /v9/nowhere ℹ  info      Request received
[9:32:29 AM] › [HTTP SERVER] post /v9/nowhere ✖  error     Request terminated with error: https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR: Route not resolved, no path matched
[9:32:29 AM] › [HTTP SERVER] post /v3/posting/fbs/list ℹ  info      Request received
[9:32:29 AM] ›     [VALIDATOR] ✔  success   The request passed the validation rules. Looking for the best response
[9:32:30 AM] › [HTTP SERVER] post /v3/posting/fbs/get ℹ  info      Request received
[9:32:30 AM] › [HTTP SERVER] post /v3/posting/fbs/get ✖  error     Request terminated with error: https://stoplight.io/prism/errors#VIOLATIONS: Request/Response not valid
";
        let t = tally(log);
        assert_eq!(
            t.requests,
            [
                "post /v2/products/stocks",
                "post /v9/nowhere",
                "post /v3/posting/fbs/list",
                "post /v3/posting/fbs/get"
            ]
        );
        assert_eq!(t.violations.len(), 2, "{:?}", t.violations);
        assert_eq!(t.terminated.len(), 1, "{:?}", t.terminated);
        assert!(t.terminated[0].starts_with("post /v3/posting/fbs/get: "));
        assert!(t.terminated[0].contains("VIOLATIONS"));
        assert!(t.violations[0].contains("quant_size"));
        assert!(t.violations[1].contains("no such operation"));
        assert_eq!(t.count("post /v3/posting"), 2);
        assert_eq!(t.count("post /v3/posting/fbs/list"), 1);
    }
}
