//! The shop's people and signing in with a PIN; which role acts is decided in `desk`, never
//! by the window.

use super::desk_commands;

desk_commands! {
    session: Session {} => |d, _| d.session();
    sign_in_with_pin: SignInWithPin { person_id, pin } => |d, now| d.sign_in(&person_id, &pin, now);
    switch_user: SwitchUser {} => |d, _| d.switch_user();
    lock_desk: LockDesk {} => |d, _| d.lock();
    people: People {} => |d, _| d.people();
    save_person: SavePerson { person } => |d, now| d.save_person(person, now);
    remove_person: RemovePerson { person_id } => |d, now| d.remove_person(&person_id, now);
    set_idle_lock_minutes: SetIdleLockMinutes { minutes } =>
        |d, now| d.set_idle_lock_minutes(minutes, now);
}
