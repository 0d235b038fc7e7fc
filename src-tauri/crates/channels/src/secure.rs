//! What the receivers (1C's exchange, webhooks, marketplace pushes) share to check a caller.

/// Compares without stopping at the first difference, so the time taken does not tell how
/// much of a guessed password was right.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A session token nobody can guess: 244 bits from the operating system's CSPRNG.
pub(crate) fn token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}
