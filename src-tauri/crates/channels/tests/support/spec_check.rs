//! Requests checked against an OpenAPI 3.0 spec (the marketplaces' own, in
//! `../shared/reference/specs/`): the operation exists and is not deprecated, required header,
//! path and query parameters are there and typed, and the JSON body validates against the
//! operation's request schema. The schema subset is what those specs use: `$ref`, `allOf` /
//! `anyOf` / `oneOf`, `type`, `nullable`, `required`, `properties`, `additionalProperties`,
//! `items`, `enum`, `min/maxItems`, `uniqueItems`, `min/maxLength`, `minimum` / `maximum`
//! (with the 3.0 boolean `exclusiveMinimum`), formats `date-time`, `date`, `int32`, `int64`.
//! `pattern` is not checked (no regex engine among the test's crates).
//! Capturing: [`capture`] wraps a fake's router and records every request that reaches it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

/// One request as it reached the fake.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Header names only (values are keys).
    pub headers: Vec<String>,
    pub body: Option<Value>,
}

pub type Log = Arc<Mutex<Vec<Seen>>>;

/// `router` with every request recorded into `log` before its handler runs.
pub fn capture(router: axum::Router, log: Log) -> axum::Router {
    router.layer(axum::middleware::from_fn(
        move |req: Request, next: Next| {
            let log = log.clone();
            async move { record(req, next, log).await }
        },
    ))
}

async fn record(req: Request, next: Next, log: Log) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 16 << 20)
        .await
        .unwrap_or_default();
    let query = parts
        .uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    let seen = Seen {
        method: parts.method.as_str().to_lowercase(),
        path: parts.uri.path().to_owned(),
        query,
        headers: parts
            .headers
            .keys()
            .map(|k| k.as_str().to_lowercase())
            .collect(),
        body: (!bytes.is_empty()).then(|| serde_json::from_slice(&bytes).unwrap_or(Value::Null)),
    };
    log.lock().expect("log").push(seen);
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Where the specs are: `ORDERDESK_SPECS`, else `../shared/reference/specs` beside the repo.
pub fn specs_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ORDERDESK_SPECS") {
        return dir.into();
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/reference/specs")
}

pub struct Spec {
    doc: Value,
}

/// A known difference between a schema and the method's own text, allowed by name.
pub struct Waiver {
    pub operation: &'static str,
    pub violation: &'static str,
    pub why: &'static str,
}

impl Spec {
    pub fn new(doc: Value) -> Spec {
        Spec { doc }
    }

    /// The operation's path template for `path` (fewest parameters wins: `/a/list` over
    /// `/a/{id}`).
    pub fn template(&self, method: &str, path: &str) -> Option<String> {
        let paths = self.doc["paths"].as_object()?;
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        paths
            .iter()
            .filter(|(_, item)| item.get(method).is_some())
            .filter_map(|(template, _)| {
                let parts: Vec<&str> = template.trim_end_matches('/').split('/').collect();
                if parts.len() != segments.len() {
                    return None;
                }
                let mut params = 0;
                for (t, s) in parts.iter().zip(&segments) {
                    if t.starts_with('{') && t.ends_with('}') {
                        if s.is_empty() {
                            return None;
                        }
                        params += 1;
                    } else if t != s {
                        return None;
                    }
                }
                Some((params, template.clone()))
            })
            .min()
            .map(|(_, t)| t)
    }

    /// Every way `seen` breaks the spec; empty when it conforms.
    pub fn check(&self, seen: &Seen) -> Vec<String> {
        let Some(template) = self.template(&seen.method, &seen.path) else {
            return vec![format!("{} {}: no such operation", seen.method, seen.path)];
        };
        let item = &self.doc["paths"][&template];
        let op = &item[&seen.method];
        let mut out = Vec::new();
        if op["deprecated"] == Value::Bool(true) {
            out.push("the operation is deprecated".to_owned());
        }
        if !self.authorised(op, seen) {
            out.push("no credentials the operation's security accepts".to_owned());
        }
        let params = item["parameters"]
            .as_array()
            .into_iter()
            .chain(op["parameters"].as_array())
            .flatten()
            .map(|p| self.resolve(p));
        let mut known_query = Vec::new();
        for p in params {
            let name = p["name"].as_str().unwrap_or_default();
            let required = p["required"] == Value::Bool(true);
            let schema = &p["schema"];
            match p["in"].as_str() {
                Some("header") if required && !seen.headers.contains(&name.to_lowercase()) => {
                    out.push(format!("header {name} is required"));
                }
                Some("query") => {
                    known_query.push(name.to_owned());
                    let value = seen.query.iter().find(|(k, _)| k == name);
                    match value {
                        None if required => out.push(format!("query {name} is required")),
                        None => {}
                        Some((_, v)) => out.extend(self.check_text(v, schema, name)),
                    }
                }
                Some("path") => {
                    let parts: Vec<&str> = template.split('/').collect();
                    let at = parts.iter().position(|s| *s == format!("{{{name}}}"));
                    let segments: Vec<&str> = seen.path.split('/').collect();
                    if let Some(v) = at.and_then(|i| segments.get(i)) {
                        out.extend(self.check_text(v, schema, name));
                    }
                }
                _ => {}
            }
        }
        for (k, _) in &seen.query {
            if !known_query.contains(k) {
                out.push(format!("query {k} is not a parameter of the operation"));
            }
        }
        let body = &op["requestBody"];
        let body = if body.get("$ref").is_some() {
            self.resolve(body)
        } else {
            body
        };
        match (&seen.body, body.is_null()) {
            (None, false) if body["required"] == Value::Bool(true) => {
                out.push("the request body is required".to_owned());
            }
            (Some(value), false) => {
                let schema = &body["content"]["application/json"]["schema"];
                if !schema.is_null() {
                    out.extend(self.validate(value, schema, "body", 0));
                }
            }
            // What Prism answers with 400: «No supported content types, but request included
            // a non-empty body» (the Ozon warehouse list was sent `{}`).
            (Some(_), true) => out.push("a body where the operation takes none".to_owned()),
            _ => {}
        }
        out
    }

    /// Whether the request carries what one of the operation's (or the spec's) security
    /// alternatives asks for: an API key header, or an `Authorization` header for OAuth.
    fn authorised(&self, op: &Value, seen: &Seen) -> bool {
        let security = op
            .get("security")
            .or_else(|| self.doc.get("security"))
            .and_then(Value::as_array);
        let Some(alternatives) = security.filter(|a| !a.is_empty()) else {
            return true;
        };
        let has = |h: &str| seen.headers.contains(&h.to_lowercase());
        alternatives.iter().any(|alt| {
            alt.as_object().is_some_and(|schemes| {
                schemes.keys().all(|name| {
                    let scheme = &self.doc["components"]["securitySchemes"][name];
                    match (scheme["type"].as_str(), scheme["in"].as_str()) {
                        (Some("apiKey"), Some("header")) => {
                            has(scheme["name"].as_str().unwrap_or_default())
                        }
                        (Some("oauth2" | "http" | "openIdConnect"), _) => has("authorization"),
                        _ => false,
                    }
                })
            })
        })
    }

    /// A path or query value (text) against its parameter schema.
    fn check_text(&self, text: &str, schema: &Value, name: &str) -> Vec<String> {
        let schema = self.resolve(schema);
        let value = match schema["type"].as_str() {
            Some("integer") => match text.parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => return vec![format!("{name}: {text:?} is not an integer")],
            },
            Some("number") => match text.parse::<f64>() {
                Ok(n) => serde_json::json!(n),
                Err(_) => return vec![format!("{name}: {text:?} is not a number")],
            },
            Some("boolean") => match text {
                "true" | "false" => Value::Bool(text == "true"),
                _ => return vec![format!("{name}: {text:?} is not a boolean")],
            },
            _ => Value::String(text.to_owned()),
        };
        self.validate(&value, schema, name, 0)
    }

    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        for _ in 0..32 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else {
                return s;
            };
            let Some(pointer) = r.strip_prefix('#') else {
                return &Value::Null;
            };
            s = self.doc.pointer(pointer).unwrap_or(&Value::Null);
        }
        s
    }

    /// `value` against `schema`; `at` names the place for the message.
    pub fn validate(&self, value: &Value, schema: &Value, at: &str, depth: u32) -> Vec<String> {
        if depth > 64 {
            return Vec::new();
        }
        let schema = self.resolve(schema);
        let mut out = Vec::new();
        if value.is_null() {
            if schema["nullable"] == Value::Bool(true) || schema.get("type").is_none() {
                return out;
            }
            return vec![format!("{at}: null where the spec does not allow it")];
        }
        for s in schema["allOf"].as_array().into_iter().flatten() {
            out.extend(self.validate(value, s, at, depth + 1));
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(options) = schema[key].as_array() {
                let fits = options
                    .iter()
                    .any(|s| self.validate(value, s, at, depth + 1).is_empty());
                if !fits {
                    out.push(format!("{at}: matches none of {key}"));
                }
            }
        }
        if let Some(allowed) = schema["enum"].as_array() {
            if !allowed.contains(value) {
                out.push(format!(
                    "{at}: {value} is not one of {}",
                    Value::from(allowed.clone())
                ));
            }
        }
        match schema["type"].as_str() {
            Some("object") if !value.is_object() => out.push(format!("{at}: not an object")),
            Some("array") if !value.is_array() => out.push(format!("{at}: not an array")),
            Some("string") if !value.is_string() => out.push(format!("{at}: not a string")),
            Some("boolean") if !value.is_boolean() => out.push(format!("{at}: not a boolean")),
            Some("integer") if !(value.is_i64() || value.is_u64()) => {
                out.push(format!("{at}: {value} is not an integer"))
            }
            Some("number") if !value.is_number() => out.push(format!("{at}: not a number")),
            _ => {}
        }
        if let Some(obj) = value.as_object() {
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap_or_default();
                if !obj.contains_key(name) {
                    out.push(format!("{at}.{name} is required"));
                }
            }
            let props = schema["properties"].as_object();
            for (k, v) in obj {
                match props.and_then(|p| p.get(k)) {
                    Some(s) => out.extend(self.validate(v, s, &format!("{at}.{k}"), depth + 1)),
                    None => match &schema["additionalProperties"] {
                        Value::Bool(false) => out.push(format!("{at}.{k} is not allowed")),
                        s if s.is_object() => {
                            out.extend(self.validate(v, s, &format!("{at}.{k}"), depth + 1))
                        }
                        _ => {}
                    },
                }
            }
        }
        if let Some(items) = value.as_array() {
            let n = items.len() as u64;
            if schema["minItems"].as_u64().is_some_and(|m| n < m) {
                out.push(format!("{at}: {n} items, fewer than minItems"));
            }
            if schema["maxItems"].as_u64().is_some_and(|m| n > m) {
                out.push(format!("{at}: {n} items, more than maxItems"));
            }
            if schema["uniqueItems"] == Value::Bool(true) {
                let mut seen = Vec::new();
                for i in items {
                    if seen.contains(&i) {
                        out.push(format!("{at}: {i} repeated in a uniqueItems list"));
                    }
                    seen.push(i);
                }
            }
            if !schema["items"].is_null() {
                for (i, item) in items.iter().enumerate() {
                    out.extend(self.validate(
                        item,
                        &schema["items"],
                        &format!("{at}[{i}]"),
                        depth + 1,
                    ));
                }
            }
        }
        if let Some(text) = value.as_str() {
            let n = text.chars().count() as u64;
            if schema["minLength"].as_u64().is_some_and(|m| n < m) {
                out.push(format!("{at}: shorter than minLength"));
            }
            if schema["maxLength"].as_u64().is_some_and(|m| n > m) {
                out.push(format!("{at}: longer than maxLength"));
            }
            match schema["format"].as_str() {
                Some("date-time") if text.parse::<jiff::Timestamp>().is_err() => {
                    out.push(format!("{at}: {text:?} is not a date-time"))
                }
                Some("date") if text.parse::<jiff::civil::Date>().is_err() => {
                    out.push(format!("{at}: {text:?} is not a date"))
                }
                _ => {}
            }
        }
        if let Some(n) = value.as_f64() {
            let exclusive = |k: &str| schema[k] == Value::Bool(true);
            if let Some(min) = schema["minimum"].as_f64() {
                if n < min || (exclusive("exclusiveMinimum") && n == min) {
                    out.push(format!("{at}: {value} is below the minimum {min}"));
                }
            }
            if let Some(max) = schema["maximum"].as_f64() {
                if n > max || (exclusive("exclusiveMaximum") && n == max) {
                    out.push(format!("{at}: {value} is above the maximum {max}"));
                }
            }
            if schema["format"] == "int32" && (n < i32::MIN as f64 || n > i32::MAX as f64) {
                out.push(format!("{at}: {value} is not an int32"));
            }
        }
        out
    }

    /// Checks every request in `log` (waived violations aside); answers the violations and
    /// each operation's template with how many requests reached it.
    pub fn check_all(
        &self,
        log: &[Seen],
        waivers: &[Waiver],
    ) -> (Vec<String>, std::collections::BTreeMap<String, usize>) {
        let mut violations = Vec::new();
        let mut seen_ops = std::collections::BTreeMap::new();
        for s in log {
            let op = self
                .template(&s.method, &s.path)
                .map(|t| format!("{} {t}", s.method.to_uppercase()))
                .unwrap_or_else(|| format!("{} {}", s.method.to_uppercase(), s.path));
            *seen_ops.entry(op.clone()).or_insert(0) += 1;
            for v in self.check(s) {
                let general = without_indices(&v);
                let waived = waivers
                    .iter()
                    .any(|w| w.operation == op && w.violation == general);
                if !waived {
                    violations.push(format!("{op}: {v}"));
                }
            }
        }
        (violations, seen_ops)
    }
}

/// `body.stocks[3].x` as `body.stocks[].x`: a waiver names a field, not a place.
fn without_indices(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_index = false;
    for c in text.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push(c);
            }
            ']' => {
                in_index = false;
                out.push(c);
            }
            c if in_index && c.is_ascii_digit() => {}
            c => out.push(c),
        }
    }
    out
}
