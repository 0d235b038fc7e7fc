//! What the receivers (1C's exchange, webhooks, marketplace pushes) share to check a caller.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Compares in time that depends on neither how much of a guess was right nor how long the
/// secret is: both sides are hashed to 32 bytes first, then compared without stopping at the
/// first difference (`subtle`, which keeps the optimiser from adding an early exit).
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = (Sha256::digest(a), Sha256::digest(b));
    a.ct_eq(&b).into()
}

/// A session token nobody can guess: 256 bits from the operating system's CSPRNG, as 64 hex
/// digits. `None` when the OS has no random source to give (no session is better than a
/// guessable one).
pub(crate) fn token() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::{same, token};

    #[test]
    fn same_tells_equal_from_unequal_at_any_length() {
        assert!(same(b"1c:exchange-pass", b"1c:exchange-pass"));
        assert!(!same(b"1c:exchange-pass", b"1c:exchange-pasS"));
        assert!(!same(b"1c:exchange-pass", b"1c:exchange-pas"));
        assert!(!same(b"", b":"));
        assert!(same(b"", b""));
    }

    #[test]
    fn tokens_are_long_hex_and_differ() {
        let (a, b) = (token().expect("random"), token().expect("random"));
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
