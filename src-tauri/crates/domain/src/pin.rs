//! How long a PIN may be: the desk (which checks it at sign-in and when a person is added)
//! and the hub (`admin set-pin`) hold the same rule.

/// Shorter is guessed in minutes even with the lockout.
pub const PIN_MIN_CHARS: usize = 4;
/// Longer is a paste gone wrong.
pub const PIN_MAX_CHARS: usize = 64;

/// Whether `pin`'s length is allowed: `Err` carries the bound it missed.
pub fn pin_length(pin: &str) -> Result<(), PinLength> {
    let n = pin.chars().count();
    if n < PIN_MIN_CHARS {
        Err(PinLength::TooShort { min: PIN_MIN_CHARS })
    } else if n > PIN_MAX_CHARS {
        Err(PinLength::TooLong { max: PIN_MAX_CHARS })
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinLength {
    TooShort { min: usize },
    TooLong { max: usize },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_to_sixty_four_characters_are_a_pin() {
        assert_eq!(pin_length("123"), Err(PinLength::TooShort { min: 4 }));
        assert_eq!(pin_length("1234"), Ok(()));
        assert_eq!(pin_length(&"9".repeat(64)), Ok(()));
        assert_eq!(
            pin_length(&"9".repeat(65)),
            Err(PinLength::TooLong { max: 64 })
        );
        // Characters, not bytes: a Cyrillic PIN of four letters is four.
        assert_eq!(pin_length("ёжик"), Ok(()));
    }
}
