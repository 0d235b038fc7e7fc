//! PINs and passwords as argon2id PHC strings (the salt inside, from the OS's random source).
//! The PIN itself is never stored, returned or logged.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};

use crate::DeskError;

use domain::pin::{pin_length, PinLength};

/// Refuses a PIN too short or too long (`domain::pin`), with the rule in the message.
pub(crate) fn checked(pin: &str) -> Result<&str, DeskError> {
    match pin_length(pin) {
        Ok(()) => Ok(pin),
        Err(PinLength::TooShort { min }) => {
            Err(proto::InputProblem::PinTooShort { min: min as u32 }.into())
        }
        Err(PinLength::TooLong { max }) => {
            Err(proto::InputProblem::PinTooLong { max: max as u32 }.into())
        }
    }
}

pub fn hash(pin: &str) -> Result<String, DeskError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(checked(pin)?.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DeskError::Pin(e.to_string()))
}

/// Whether `pin` is the one `phc` was made from. A stored hash that does not parse matches
/// nothing (and says so in the log, without the PIN).
pub(crate) fn matches(pin: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok(),
        Err(e) => {
            tracing::warn!(error = %e, "a stored PIN hash does not parse");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_a_salted_phc_string_never_the_pin() {
        let a = hash("2468").expect("hash");
        let b = hash("2468").expect("hash");
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert!(!a.contains("2468"), "{a}");
        assert_ne!(a, b, "a fresh salt each time");
        assert!(matches("2468", &a));
        assert!(!matches("2469", &a));
        assert!(!matches("2468", "not a hash"));
    }

    #[test]
    fn a_pin_shorter_than_four_is_refused() {
        assert!(hash("123").is_err());
        assert!(hash(&"9".repeat(65)).is_err());
    }
}
