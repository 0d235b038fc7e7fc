//! Typed wrappers over the people and sign-in commands.

use proto::{cmd, CommandError, PersonInput, PersonView, SessionView};

use crate::api::call;

pub async fn session() -> Result<SessionView, CommandError> {
    call(&cmd::Session {}).await
}

pub async fn sign_in(person_id: String, pin: String) -> Result<SessionView, CommandError> {
    call(&cmd::SignInWithPin { person_id, pin }).await
}

pub async fn switch_user() -> Result<SessionView, CommandError> {
    call(&cmd::SwitchUser {}).await
}

pub async fn lock_desk() -> Result<SessionView, CommandError> {
    call(&cmd::LockDesk {}).await
}

pub async fn people() -> Result<Vec<PersonView>, CommandError> {
    call(&cmd::People {}).await
}

pub async fn save_person(person: PersonInput) -> Result<PersonView, CommandError> {
    call(&cmd::SavePerson { person }).await
}

pub async fn remove_person(person_id: String) -> Result<PersonView, CommandError> {
    call(&cmd::RemovePerson { person_id }).await
}

pub async fn set_idle_lock_minutes(minutes: u32) -> Result<SessionView, CommandError> {
    call(&cmd::SetIdleLockMinutes { minutes }).await
}
