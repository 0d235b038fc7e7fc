//! The shop's people and signing in at a shared PC (issue 14, point 3).

use serde::{Deserialize, Serialize};

use crate::{Role, User};

/// One person as the staff screen lists them. A PIN is never sent back, only whether one is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub role: Role,
    pub has_pin: bool,
    pub removed: bool,
    /// The stages that name this person among their responsible people (the stages editor's
    /// data), by the shop's names.
    pub stages: Vec<String>,
}

/// A person added (`id: None`) or changed by the administrator. `pin`: a new PIN or
/// password, `None` keeps the one set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    pub id: Option<String>,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub role: Role,
    pub pin: Option<String>,
}

/// Who may sign in, as the sign-in screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInChoice {
    pub id: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    /// Nobody has a PIN yet (a demo shop, a team desk): the desk acts as `user`.
    Open,
    SignedIn,
    /// `user` is signed in but the desk waits for their PIN (idle, or a restart).
    Locked,
    /// «Сменить пользователя»: the sign-in screen.
    SignedOut,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub state: SessionState,
    /// Who acts (Open, SignedIn) or who is asked for a PIN (Locked).
    pub user: Option<User>,
    /// The active people with a PIN, for the sign-in screen.
    pub people: Vec<SignInChoice>,
    /// Minutes without a key or a click before the desk locks.
    pub idle_lock_minutes: u32,
}
