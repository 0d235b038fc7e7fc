//! Typed wrappers over the people and sign-in commands.

use proto::{CommandError, PersonInput, PersonView, SessionView};
use serde::Serialize;

use crate::api::{call, NoArgs};

pub async fn session() -> Result<SessionView, CommandError> {
    call("session", &NoArgs {}).await
}

pub async fn sign_in(person_id: String, pin: String) -> Result<SessionView, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args {
        person_id: String,
        pin: String,
    }
    call("sign_in_with_pin", &Args { person_id, pin }).await
}

pub async fn switch_user() -> Result<SessionView, CommandError> {
    call("switch_user", &NoArgs {}).await
}

pub async fn lock_desk() -> Result<SessionView, CommandError> {
    call("lock_desk", &NoArgs {}).await
}

pub async fn people() -> Result<Vec<PersonView>, CommandError> {
    call("people", &NoArgs {}).await
}

pub async fn save_person(person: PersonInput) -> Result<PersonView, CommandError> {
    #[derive(Serialize)]
    struct Args {
        person: PersonInput,
    }
    call("save_person", &Args { person }).await
}

pub async fn remove_person(person_id: String) -> Result<PersonView, CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args {
        person_id: String,
    }
    call("remove_person", &Args { person_id }).await
}

pub async fn set_idle_lock_minutes(minutes: u32) -> Result<SessionView, CommandError> {
    #[derive(Serialize)]
    struct Args {
        minutes: u32,
    }
    call("set_idle_lock_minutes", &Args { minutes }).await
}
