//! Answers a marketplace may send: random JSON valid against the response schema of its
//! OpenAPI spec. Nullable fields come as null, optional ones come or not, arrays are empty or
//! not, enums take any of their values, strings and numbers anything of their type.

use serde_json::{json, Map, Value};

pub struct Gen<'a> {
    doc: &'a Value,
    rng: fastrand::Rng,
}

impl<'a> Gen<'a> {
    pub fn new(doc: &'a Value, seed: u64) -> Gen<'a> {
        Gen {
            doc,
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// The schema of the 200 answer of `method path`.
    pub fn answer_schema(&self, method: &str, path: &str) -> Value {
        self.doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
            .clone()
    }

    fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        for _ in 0..16 {
            match s.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let pointer = r.trim_start_matches('#');
                    match self.doc.pointer(pointer) {
                        Some(next) => s = next,
                        None => return s,
                    }
                }
                None => return s,
            }
        }
        s
    }

    pub fn value(&mut self, schema: &'a Value, depth: u32) -> Value {
        let s = self.resolve(schema);
        if s.get("nullable").and_then(Value::as_bool) == Some(true) && self.rng.u8(0..5) == 0 {
            return Value::Null;
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for part in all {
                if let Value::Object(o) = self.value(part, depth) {
                    merged.extend(o);
                }
            }
            return Value::Object(merged);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(any) = s
                .get(key)
                .and_then(Value::as_array)
                .filter(|a| !a.is_empty())
            {
                let pick = &any[self.rng.usize(0..any.len())];
                return self.value(pick, depth);
            }
        }
        if let Some(values) = s
            .get("enum")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
        {
            return values[self.rng.usize(0..values.len())].clone();
        }
        let kind =
            s.get("type")
                .and_then(Value::as_str)
                .unwrap_or(if s.get("properties").is_some() {
                    "object"
                } else if s.get("items").is_some() {
                    "array"
                } else {
                    "string"
                });
        match kind {
            "object" => self.object(s, depth),
            "array" => {
                let n = if depth > 5 { 0 } else { self.rng.usize(0..=3) };
                let items = &s["items"];
                Value::Array((0..n).map(|_| self.value(items, depth + 1)).collect())
            }
            "integer" => {
                let min = s.get("minimum").and_then(Value::as_i64).unwrap_or(0);
                let max = s
                    .get("maximum")
                    .and_then(Value::as_i64)
                    .unwrap_or(1_000_000);
                json!(self.rng.i64(min..=max.max(min)))
            }
            "number" => json!(self.rng.u32(0..10_000_000) as f64 / 100.0),
            "boolean" => json!(self.rng.bool()),
            _ => self.string(s),
        }
    }

    fn object(&mut self, s: &'a Value, depth: u32) -> Value {
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut out = Map::new();
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                if required.contains(&name.as_str()) || (depth < 6 && self.rng.bool()) {
                    out.insert(name.clone(), self.value(prop, depth + 1));
                }
            }
        }
        Value::Object(out)
    }

    fn string(&mut self, s: &Value) -> Value {
        match s.get("format").and_then(Value::as_str) {
            Some("date-time") => json!(format!(
                "2026-{:02}-{:02}T{:02}:{:02}:00Z",
                self.rng.u8(1..=12),
                self.rng.u8(1..=28),
                self.rng.u8(0..24),
                self.rng.u8(0..60)
            )),
            Some("date") => json!(format!(
                "2026-{:02}-{:02}",
                self.rng.u8(1..=12),
                self.rng.u8(1..=28)
            )),
            _ => {
                const WORDS: [&str; 6] = ["", "ok", "Кружка «Синяя»", "0", "-1", "x\u{0}y"];
                json!(WORDS[self.rng.usize(0..WORDS.len())])
            }
        }
    }
}
