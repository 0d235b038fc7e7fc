//! A small element tree read with quick-xml, with limits so a hostile or broken file is an
//! error rather than a crash or a memory blow-up.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Deeper nesting than any CommerceML document has.
const MAX_DEPTH: usize = 64;
/// More elements than a 1C exchange file of `file_limit` bytes can hold anyway.
const MAX_ELEMENTS: usize = 5_000_000;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CmlError {
    #[error("invalid XML at byte {position}: {message}")]
    Xml { position: u64, message: String },
    #[error("the document ends before its elements are closed")]
    Truncated,
    #[error("not a CommerceML document: expected <{expected}>, found <{found}>")]
    NotCommerceMl {
        expected: &'static str,
        found: String,
    },
    #[error("the document nests deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("the document has more than {MAX_ELEMENTS} elements")]
    TooLarge,
    #[error("{what}: {detail}")]
    Invalid { what: &'static str, detail: String },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of a child, if present and not empty.
    pub fn text_of(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(|c| c.text.trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Follows a path of child names.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |e, n| e.child(n))
    }
}

fn xml_error(reader: &Reader<&[u8]>, e: impl std::fmt::Display) -> CmlError {
    CmlError::Xml {
        position: reader.buffer_position(),
        message: e.to_string(),
    }
}

/// Parses a whole document into its root element.
pub fn parse(bytes: &[u8]) -> Result<Element, CmlError> {
    // A UTF-8 byte-order mark, as 1C writes it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut count = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        match event {
            Event::Start(start) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(CmlError::TooLarge);
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(CmlError::TooDeep);
                }
                stack.push(element(&reader, &start)?);
            }
            Event::Empty(start) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(CmlError::TooLarge);
                }
                let e = element(&reader, &start)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(e),
                    None => return Ok(e),
                }
            }
            Event::End(_) => {
                let done = stack.pop().ok_or(CmlError::Truncated)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| xml_error(&reader, e))?
                } else {
                    predefined(&r.xml10_content())
                };
                let c = c.ok_or_else(|| CmlError::Xml {
                    position: reader.buffer_position(),
                    message: format!("unknown entity &{};", r.xml10_content()),
                })?;
                if let Some(top) = stack.last_mut() {
                    top.text.push(c);
                }
            }
            Event::Eof => return Err(CmlError::Truncated),
            _ => {}
        }
    }
}

/// The five entities XML predefines; CommerceML declares no others.
fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

fn element(
    reader: &Reader<&[u8]>,
    start: &quick_xml::events::BytesStart<'_>,
) -> Result<Element, CmlError> {
    let name = start.local_name().as_ref().to_owned();
    let mut attrs = Vec::new();
    for a in start.attributes() {
        let a = a.map_err(|e| xml_error(reader, e))?;
        let key = a.key.local_name().as_ref().to_owned();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| xml_error(reader, e))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
    })
}
