//! Stage guards and input checks that refused, as the `{code, params}` the UI words in its
//! own language beside the field or the action (issue 15, points 5 and 6).

use domain::{Guard, InputError, OpError};
use proto::display;
use proto::display::rules::{RuleCode, RuleRefusal};

use crate::DeskError;

/// The rule behind a refusal, when a rule refused.
pub(crate) fn rule(e: &DeskError) -> Option<RuleRefusal> {
    match e {
        DeskError::Rejected { source, .. } | DeskError::TransitionNotAllowed { source, .. } => {
            from_op(source)
        }
        _ => None,
    }
}

pub(crate) fn from_op(e: &OpError) -> Option<RuleRefusal> {
    match e {
        OpError::Guard { name, guard, .. } => Some(self::guard(name, *guard)),
        OpError::Input(e) => Some(from_input(e)),
        _ => None,
    }
}

/// A stage guard that refused; `name` is the stage's as the shop calls it.
pub(crate) fn guard(name: &str, guard: Guard) -> RuleRefusal {
    let code = match guard {
        Guard::Unpaid => RuleCode::GuardUnpaid,
        Guard::NoAddress => RuleCode::GuardNoAddress,
        Guard::Locked => RuleCode::GuardLocked,
    };
    RuleRefusal::new(code, &[("stage", name.to_owned())])
}

pub(crate) fn from_input(e: &InputError) -> RuleRefusal {
    let (code, params) = match e {
        InputError::QuantityNotPositive => (RuleCode::QuantityNotPositive, vec![]),
        InputError::FractionalPieces { unit } => {
            (RuleCode::FractionalPieces, vec![("unit", unit.clone())])
        }
        InputError::QuantityTooLarge { max } => (
            RuleCode::QuantityTooLarge,
            vec![("max", display::quantity(max.0))],
        ),
        InputError::LineAmountTooLarge { max } => (
            RuleCode::LineAmountTooLarge,
            vec![("max", display::money(max.0))],
        ),
        InputError::BadEmail => (RuleCode::BadEmail, vec![]),
        InputError::BadPhone => (RuleCode::BadPhone, vec![]),
        InputError::AddressRequired => (RuleCode::AddressRequired, vec![]),
        InputError::BadLimits => (RuleCode::BadLimits, vec![]),
        InputError::VersionNoteTooLong { max } => {
            (RuleCode::VersionNoteTooLong, vec![("max", max.to_string())])
        }
    };
    RuleRefusal::new(code, &params).at(e.field().as_str())
}

/// A refusal of what was typed, before any op is made (the new-order form's phone).
pub(crate) fn input(e: InputError) -> DeskError {
    let refusal = Box::new(proto::OpRefusal::Rule {
        rule: from_input(&e),
    });
    DeskError::Rejected {
        source: OpError::Input(e),
        refusal,
    }
}
