//! The shop's people and signing in with a PIN; which role acts is decided in `desk`, never
//! by the window.

use proto::cmd;
use tauri::State;

use super::{blocking, Answer};
use crate::AppState;

#[tauri::command]
pub async fn session(state: State<'_, AppState>) -> Answer<cmd::Session> {
    blocking(&state, |d, _| d.session()).await
}

#[tauri::command]
pub async fn sign_in_with_pin(
    state: State<'_, AppState>,
    args: cmd::SignInWithPin,
) -> Answer<cmd::SignInWithPin> {
    let cmd::SignInWithPin { person_id, pin } = args;
    blocking(&state, move |d, now| d.sign_in(&person_id, &pin, now)).await
}

#[tauri::command]
pub async fn switch_user(state: State<'_, AppState>) -> Answer<cmd::SwitchUser> {
    blocking(&state, |d, _| d.switch_user()).await
}

#[tauri::command]
pub async fn lock_desk(state: State<'_, AppState>) -> Answer<cmd::LockDesk> {
    blocking(&state, |d, _| d.lock()).await
}

#[tauri::command]
pub async fn people(state: State<'_, AppState>) -> Answer<cmd::People> {
    blocking(&state, |d, _| d.people()).await
}

#[tauri::command]
pub async fn save_person(
    state: State<'_, AppState>,
    args: cmd::SavePerson,
) -> Answer<cmd::SavePerson> {
    let cmd::SavePerson { person } = args;
    blocking(&state, move |d, now| d.save_person(person, now)).await
}

#[tauri::command]
pub async fn remove_person(
    state: State<'_, AppState>,
    args: cmd::RemovePerson,
) -> Answer<cmd::RemovePerson> {
    let cmd::RemovePerson { person_id } = args;
    blocking(&state, move |d, now| d.remove_person(&person_id, now)).await
}

#[tauri::command]
pub async fn set_idle_lock_minutes(
    state: State<'_, AppState>,
    args: cmd::SetIdleLockMinutes,
) -> Answer<cmd::SetIdleLockMinutes> {
    let cmd::SetIdleLockMinutes { minutes } = args;
    blocking(&state, move |d, now| d.set_idle_lock_minutes(minutes, now)).await
}
