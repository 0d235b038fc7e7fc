//! Links into the desk from outside (issue 19, point 2): `orderdesk://order/10243` from a
//! colleague's message or a bookmark, `orderdesk://call?from=+79161234567` from a softphone or
//! the PBX's hook when a call rings. The link comes from another program, so it is read as
//! hostile text: anything but these two shapes is refused with the link's beginning shown,
//! and nothing in it reaches SQL but a number or a phone's digits.

use jiff::Timestamp;
use proto::{InputProblem, LinkTarget};

use crate::{Desk, DeskError};

/// The scheme the installers register for the desk.
pub const SCHEME: &str = "orderdesk";
/// A link longer than this is no link of ours (a PBX's URL with a caller's name is far
/// shorter); it is refused before anything else is read.
const MAX_LEN: usize = 2048;
/// What of a refused link is shown back.
const SHOWN: usize = 80;

/// What a link asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    Order {
        number: i64,
    },
    /// The caller's number: eleven digits from 7 for a Russian one, else the digits given.
    Call {
        phone: String,
    },
}

/// Whether `arg` (a command-line argument) is meant as a link of ours: the shell hands such
/// an argument to the running desk.
pub fn is_link(arg: &str) -> bool {
    arg.len() > SCHEME.len()
        && arg.is_char_boundary(SCHEME.len())
        && arg[..SCHEME.len()].eq_ignore_ascii_case(SCHEME)
        && arg[SCHEME.len()..].starts_with(':')
}

/// Reads `orderdesk://order/N` or `orderdesk://call?from=PHONE` (`phone=` is taken too, and
/// `orderdesk:order/N` without the slashes, as some dialers write it).
pub fn parse(text: &str) -> Result<Link, InputProblem> {
    let refused = || InputProblem::Link {
        link: text.chars().take(SHOWN).collect(),
    };
    let text = text.trim();
    if text.len() > MAX_LEN || !is_link(text) {
        return Err(refused());
    }
    let rest = text[SCHEME.len() + 1..].trim_start_matches('/');
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.trim_end_matches('/');
    let (what, tail) = path.split_once('/').unwrap_or((path, ""));
    if what.eq_ignore_ascii_case("order") {
        let digits = tail.trim_start_matches(['№', '#']);
        if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refused());
        }
        let number = digits.parse::<i64>().map_err(|_| refused())?;
        return if number > 0 {
            Ok(Link::Order { number })
        } else {
            Err(refused())
        };
    }
    if what.eq_ignore_ascii_case("call") && tail.is_empty() {
        let from = query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key.eq_ignore_ascii_case("from") || key.eq_ignore_ascii_case("phone")).then_some(value)
        });
        // `%2B7…` decoded; `+` kept as it is (a query's `+` is a space only in forms, and a
        // dialer that writes `from=+7916…` means the plus). Text that is not UTF-8 once
        // decoded is refused; a broken escape stays as typed and fails the phone's check.
        let from = percent_encoding::percent_decode_str(from.ok_or_else(refused)?)
            .decode_utf8()
            .map_err(|_| refused())?;
        return caller(&from)
            .map(|phone| Link::Call { phone })
            .ok_or_else(refused);
    }
    Err(refused())
}

/// A phone as a dialer writes it («+7 (916) 123-45-67», «89161234567», «%2B7916…» decoded):
/// a Russian number as its eleven digits from 7, a foreign one as its digits (5 to 15, the
/// longest a number may be).
fn caller(from: &str) -> Option<String> {
    let allowed = from
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if !allowed {
        return None;
    }
    if let Ok(phone) = domain::check_phone(from) {
        return Some(phone);
    }
    let digits: String = from.chars().filter(char::is_ascii_digit).collect();
    (5..=15).contains(&digits.len()).then_some(digits)
}

impl Desk {
    /// Where `link` leads in this shop: the order of that number, the card of the customer
    /// with that phone, or a new order for a number no order has.
    pub fn follow_link(&self, link: &str, now: Timestamp) -> Result<LinkTarget, DeskError> {
        match parse(link)? {
            Link::Order { number } => {
                let wanted = number.to_string();
                self.search(&wanted, now)?
                    .into_iter()
                    .find(|row| row.number.trim_start_matches(['№', '#']) == wanted)
                    .map(|row| LinkTarget::Order { order_id: row.id })
                    .ok_or_else(|| InputProblem::NoOrderNumbered { number }.into())
            }
            Link::Call { phone } => Ok(match self.store.customer(&phone)? {
                Some(_) => LinkTarget::Customer { key: phone },
                None => LinkTarget::NewCaller { phone },
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(number: i64) -> Result<Link, InputProblem> {
        Ok(Link::Order { number })
    }

    fn call(phone: &str) -> Result<Link, InputProblem> {
        Ok(Link::Call {
            phone: phone.to_owned(),
        })
    }

    #[test]
    fn an_order_link_names_its_number_in_any_spelling_a_program_writes() {
        assert_eq!(parse("orderdesk://order/10243"), order(10243));
        assert_eq!(parse("ORDERDESK://Order/10243/"), order(10243));
        assert_eq!(parse("orderdesk:order/10243"), order(10243));
        assert_eq!(parse("  orderdesk://order/№7 "), order(7));
    }

    #[test]
    fn a_call_link_names_the_caller_as_the_customers_key() {
        let key = "79161234567";
        assert_eq!(parse("orderdesk://call?from=+79161234567"), call(key));
        assert_eq!(
            parse("orderdesk://call?from=%2B7%20(916)%20123-45-67"),
            call(key)
        );
        assert_eq!(parse("orderdesk://call?line=2&from=89161234567"), call(key));
        assert_eq!(parse("orderdesk://call/?phone=9161234567"), call(key));
        // A foreign number stays as its digits.
        assert_eq!(
            parse("orderdesk://call?from=+375291234567"),
            call("375291234567")
        );
    }

    #[test]
    fn anything_else_is_refused_with_its_beginning_shown() {
        let long = format!("orderdesk://order/{}", "1".repeat(5000));
        let refused = [
            "",
            "orderdesk",
            "orderdesk://",
            "https://order/10243",
            "orderdeskx://order/1",
            "orderdesk://order/",
            "orderdesk://order/0",
            "orderdesk://order/-5",
            "orderdesk://order/12a",
            "orderdesk://order/1 OR 1=1",
            "orderdesk://order/99999999999999999999",
            "orderdesk://order/10243/items",
            "orderdesk://call",
            "orderdesk://call?from=",
            "orderdesk://call?from=123",
            "orderdesk://call?from=%ZZ",
            "orderdesk://call?from=%FF%FE",
            "orderdesk://call?from=+7916'--",
            "orderdesk://call/79161234567",
            "orderdesk://settings",
            long.as_str(),
        ];
        for text in refused {
            match parse(text) {
                Err(InputProblem::Link { link }) => {
                    assert!(link.chars().count() <= SHOWN, "{text}");
                    assert!(text.starts_with(&link), "{text}: shown «{link}»");
                }
                other => panic!("{text:?} read as {other:?}"),
            }
        }
    }

    #[test]
    fn only_arguments_in_our_scheme_are_taken_for_links() {
        assert!(is_link("orderdesk://order/1"));
        assert!(is_link("OrderDesk:call?from=1"));
        assert!(!is_link("--data-dir"));
        assert!(!is_link("orderdesk"));
        assert!(!is_link("/home/olga/orderdesk://x"));
        assert!(!is_link("ордерdesk://order/1"));
    }
}
