//! The shop's people and signing in with a PIN; which role acts is decided in `desk`, never
//! by the window.

use proto::{PersonInput, PersonView, SessionView};
use tauri::State;

use super::{blocking, Reply};
use crate::AppState;

#[tauri::command]
pub async fn session(state: State<'_, AppState>) -> Reply<SessionView> {
    blocking(&state, |d, _| d.session()).await
}

#[tauri::command]
pub async fn sign_in_with_pin(
    state: State<'_, AppState>,
    person_id: String,
    pin: String,
) -> Reply<SessionView> {
    blocking(&state, move |d, now| d.sign_in(&person_id, &pin, now)).await
}

#[tauri::command]
pub async fn switch_user(state: State<'_, AppState>) -> Reply<SessionView> {
    blocking(&state, |d, _| d.switch_user()).await
}

#[tauri::command]
pub async fn lock_desk(state: State<'_, AppState>) -> Reply<SessionView> {
    blocking(&state, |d, _| d.lock()).await
}

#[tauri::command]
pub async fn people(state: State<'_, AppState>) -> Reply<Vec<PersonView>> {
    blocking(&state, |d, _| d.people()).await
}

#[tauri::command]
pub async fn save_person(state: State<'_, AppState>, person: PersonInput) -> Reply<PersonView> {
    blocking(&state, move |d, now| d.save_person(person, now)).await
}

#[tauri::command]
pub async fn remove_person(state: State<'_, AppState>, person_id: String) -> Reply<PersonView> {
    blocking(&state, move |d, now| d.remove_person(&person_id, now)).await
}

#[tauri::command]
pub async fn set_idle_lock_minutes(state: State<'_, AppState>, minutes: u32) -> Reply<SessionView> {
    blocking(&state, move |d, now| d.set_idle_lock_minutes(minutes, now)).await
}
