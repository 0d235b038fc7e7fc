//! The shop's people and signing in at a shared PC (issue 14, point 3).
//!
//! A shop where nobody has a PIN (the demo, a shop from before people existed, a team desk)
//! is open: the desk acts as its administrator, or as the team member the hub's token names.
//! Once the shop has a person with a PIN, every change is made by the person signed in, and
//! nothing is changed while nobody is or while the desk is locked. On a team desk the people
//! are the hub's users (`orderdesk-hub admin create-user`): they are not edited here. A
//! team's shared PC (`admin create-device … --shared`) signs in the hub's members who have a
//! PIN (`admin set-pin`), mirrored here by the sync, exactly as a shop of its own does.

mod lockout;
pub mod pin;

use std::sync::PoisonError;

use domain::{Actor, Role};
use jiff::Timestamp;
use proto::{InputField, InputProblem};
use store::{PersonChange, PersonEdit, PersonRow, ShopSetup};
use uuid::Uuid;

use crate::convert;
use crate::{Desk, DeskError};

/// Whether the desk may change anything, and on whose behalf (the actor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Nobody has a PIN: the actor acts without one.
    Open,
    SignedIn,
    /// The actor is asked for their PIN again (idle, or the desk restarted).
    Locked,
    /// Nobody is signed in.
    SignedOut,
}

/// The longest idle lock: a lock that never comes is switched off by closing the desk.
const IDLE_LOCK_MAX_MINUTES: u32 = 480;
const CONTACT_MAX_CHARS: usize = 100;

impl Desk {
    fn gate(&self) -> Gate {
        *self.gate.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn set_session(&self, gate: Gate, actor: Option<Actor>) {
        *self.gate.write().unwrap_or_else(PoisonError::into_inner) = gate;
        if let Some(actor) = actor {
            *self.actor.write().unwrap_or_else(PoisonError::into_inner) = actor;
        }
    }

    /// Nothing changes while the desk waits for a PIN.
    pub(crate) fn signed_in_or_open(&self) -> Result<(), DeskError> {
        match self.gate() {
            Gate::Open => Ok(()),
            Gate::SignedIn => self.still_a_person(),
            Gate::Locked | Gate::SignedOut => Err(DeskError::SignInRequired),
        }
    }

    /// The person signed in may have been removed since (on a shared team PC, by the hub's
    /// admin): they are signed out and change nothing more.
    fn still_a_person(&self) -> Result<(), DeskError> {
        let id = Uuid::parse_str(&self.actor().id).ok();
        let removed = match id {
            Some(id) => self.store.person(id)?.is_none_or(|p| p.removed),
            None => false,
        };
        if removed {
            self.store.signed_out()?;
            self.set_session(Gate::SignedOut, Some(crate::nobody_signed_in()));
            return Err(DeskError::SignInRequired);
        }
        Ok(())
    }

    /// Nobody is at this PC (the sign-in screen): no one to tell of overdue orders yet.
    pub(crate) fn nobody_signed_in_here(&self) -> bool {
        self.gate() == Gate::SignedOut
    }

    /// On opening: the person signed in here before is asked for their PIN (the desk starts
    /// locked); with nobody remembered, the sign-in screen. A shop without PINs stays open.
    pub(crate) fn resume_session(&self) -> Result<(), DeskError> {
        // A shared team PC signs its members in like a shop of its own (its people are the
        // hub's members with a PIN); a team member's own PC acts as the token's user.
        if self.store.shop_setup()? == ShopSetup::Team && !self.store.team_shared()? {
            if let Some(member) = self.store.team_member()? {
                self.set_session(Gate::Open, Some(member));
            }
            return Ok(());
        }
        if !self.store.has_people_with_pin()? {
            if self.store.team_shared()? {
                // Nobody at the hub has a PIN yet: nobody acts here (the hub would refuse
                // them all), and the sign-in screen says whom to ask.
                self.set_session(Gate::SignedOut, Some(crate::nobody_signed_in()));
            }
            return Ok(());
        }
        let remembered = match self.store.remembered_person()? {
            Some(id) => self.store.person(id)?.filter(|p| !p.removed && p.has_pin),
            None => None,
        };
        match remembered {
            Some(p) => self.set_session(Gate::Locked, Some(p.actor())),
            None => self.set_session(Gate::SignedOut, Some(crate::nobody_signed_in())),
        }
        Ok(())
    }

    /// The first run's administrator has just given their PIN: signed in without asking it.
    pub(crate) fn signed_in_after_setup(&self, id: Uuid) -> Result<(), DeskError> {
        if let Some(p) = self.store.person(id)? {
            self.set_session(Gate::SignedIn, Some(p.actor()));
        }
        Ok(())
    }

    /// Who is signed in and who may sign in.
    pub fn session(&self) -> Result<proto::SessionView, DeskError> {
        let gate = self.gate();
        let people = self
            .store
            .people()?
            .into_iter()
            .filter(|p| p.has_pin && !p.removed)
            .map(|p| proto::SignInChoice {
                id: p.id.to_string(),
                name: p.name,
                role: convert::role(p.role),
            })
            .collect();
        Ok(proto::SessionView {
            state: match gate {
                Gate::Open => proto::SessionState::Open,
                Gate::SignedIn => proto::SessionState::SignedIn,
                Gate::Locked => proto::SessionState::Locked,
                Gate::SignedOut => proto::SessionState::SignedOut,
            },
            user: (gate != Gate::SignedOut).then(|| self.user()),
            people,
            idle_lock_minutes: self.store.idle_lock_minutes()?,
        })
    }

    /// Signs `person_id` in with their PIN at `now`. A wrong PIN is refused and counted; after
    /// five in a row the next try waits 30 seconds. A removed person never signs in.
    pub fn sign_in(
        &self,
        person_id: &str,
        pin: &str,
        now: Timestamp,
    ) -> Result<proto::SessionView, DeskError> {
        use proto::SignInRefusal as Refused;
        let no_such = || DeskError::SignIn(Refused::NoSuchPerson);
        let id = Uuid::parse_str(person_id).map_err(|_| no_such())?;
        let person = self.store.person(id)?.ok_or_else(no_such)?;
        if person.removed {
            return Err(DeskError::SignIn(Refused::Removed));
        }
        if let Err(seconds) = lockout::may_try(person.retry_after, now) {
            return Err(DeskError::SignIn(Refused::Wait { seconds }));
        }
        let Some(hash) = self.store.pin_hash(id)? else {
            return Err(DeskError::SignIn(Refused::NoPin));
        };
        if !pin::matches(pin, &hash) {
            let (tries, retry_after) = lockout::after_wrong(person.failed_tries, now);
            self.store.note_wrong_pin(id, tries, retry_after)?;
            return Err(DeskError::SignIn(match retry_after {
                Some(_) => Refused::WrongPinPause {
                    tries: lockout::MAX_WRONG,
                    wait_s: lockout::WAIT.as_secs(),
                },
                None => Refused::WrongPin {
                    tries_left: lockout::MAX_WRONG - tries,
                },
            }));
        }
        self.store.signed_in(id)?;
        self.set_session(Gate::SignedIn, Some(person.actor()));
        self.session()
    }

    /// «Сменить пользователя»: the sign-in screen, nobody acting until someone signs in. A
    /// shop without PINs has nobody else to sign in as, and stays as it is.
    pub fn switch_user(&self) -> Result<proto::SessionView, DeskError> {
        if self.store.has_people_with_pin()? {
            self.store.signed_out()?;
            self.set_session(Gate::SignedOut, Some(crate::nobody_signed_in()));
        }
        self.session()
    }

    /// The idle lock: the person stays signed in and the screen under the lock stays as it
    /// was; their PIN opens it again.
    pub fn lock(&self) -> Result<proto::SessionView, DeskError> {
        if self.gate() == Gate::SignedIn {
            self.set_session(Gate::Locked, None);
        }
        self.session()
    }

    /// Everyone, removed people last, each with the stages that name them.
    pub fn people(&self) -> Result<Vec<proto::PersonView>, DeskError> {
        let workflow = self.store.workflow()?;
        Ok(self
            .store
            .people()?
            .into_iter()
            .map(|p| person_view(p, &workflow))
            .collect())
    }

    /// Adds (`input.id` empty) or changes a person; a new person needs a PIN. Administrators
    /// only, and not on a team desk, whose people are the hub's.
    pub fn save_person(
        &self,
        input: proto::PersonInput,
        now: Timestamp,
    ) -> Result<proto::PersonView, DeskError> {
        self.may_edit_people()?;
        let name = crate::setup::checked_name(&input.name, InputField::PersonName)?;
        let phone = contact(&input.phone, InputField::Phone)?;
        let email = contact(&input.email, InputField::Email)?;
        if !email.is_empty() && !email.contains('@') {
            return Err(InputProblem::EmailWithoutAt { email }.into());
        }
        let role = convert::to_role(input.role);
        let existing = match input.id.as_deref().filter(|s| !s.is_empty()) {
            Some(text) => {
                let id = Uuid::parse_str(text).map_err(|_| InputProblem::NoSuchPerson)?;
                Some(self.store.person(id)?.ok_or(InputProblem::NoSuchPerson)?)
            }
            None => None,
        };
        if existing.as_ref().is_some_and(|p| p.removed) {
            return Err(InputProblem::PersonRemoved.into());
        }
        let pin = input.pin.as_deref().filter(|p| !p.is_empty());
        if existing.is_none() && pin.is_none() {
            return Err(InputProblem::NewPersonNeedsPin.into());
        }
        let id = existing.as_ref().map_or_else(Uuid::now_v7, |p| p.id);
        // After the save someone must still be able to change the settings.
        if role != Role::Admin && !self.another_admin(Some(id))? {
            return Err(InputProblem::AdminWithPinNeeded.into());
        }
        let actor = self.actor();
        let mut edits = vec![PersonEdit {
            op_id: Uuid::now_v7(),
            actor: actor.clone(),
            at: now,
            person_id: id,
            change: PersonChange::Details {
                name,
                phone,
                email,
                role,
            },
        }];
        if let Some(pin) = pin {
            edits.push(PersonEdit {
                op_id: Uuid::now_v7(),
                actor,
                at: now,
                person_id: id,
                change: PersonChange::Pin {
                    hash: pin::hash(pin)?,
                },
            });
        }
        self.store.edit_people(edits)?;
        // The one acting sees their own new name and role at once.
        if self.actor().id == id.to_string() {
            if let Some(p) = self.store.person(id)? {
                self.set_session(self.gate(), Some(p.actor()));
            }
        }
        self.person_view(id)
    }

    /// Removes a person: kept in the history, never signs in again. The last administrator
    /// with a PIN stays.
    pub fn remove_person(
        &self,
        person_id: &str,
        now: Timestamp,
    ) -> Result<proto::PersonView, DeskError> {
        self.may_edit_people()?;
        let id = Uuid::parse_str(person_id).map_err(|_| InputProblem::NoSuchPerson)?;
        let person = self.store.person(id)?.ok_or(InputProblem::NoSuchPerson)?;
        if person.role == Role::Admin && person.has_pin && !self.another_admin(Some(id))? {
            return Err(InputProblem::LastAdmin.into());
        }
        if self.actor().id == id.to_string() {
            return Err(InputProblem::NotYourself.into());
        }
        self.store.edit_people(vec![PersonEdit {
            op_id: Uuid::now_v7(),
            actor: self.actor(),
            at: now,
            person_id: id,
            change: PersonChange::Remove,
        }])?;
        self.person_view(id)
    }

    /// Minutes without a key or a click before the desk locks (this PC's setting).
    pub fn set_idle_lock_minutes(
        &self,
        minutes: u32,
        now: Timestamp,
    ) -> Result<proto::SessionView, DeskError> {
        self.writable()?;
        if self.actor().role != Role::Admin {
            return Err(DeskError::AdminOnly(proto::AdminTask::IdleLock));
        }
        if !(1..=IDLE_LOCK_MAX_MINUTES).contains(&minutes) {
            return Err(InputProblem::IdleLockMinutes {
                max: IDLE_LOCK_MAX_MINUTES,
            }
            .into());
        }
        self.store
            .set_idle_lock_minutes(minutes, Uuid::now_v7(), self.actor(), now)?;
        self.session()
    }

    fn may_edit_people(&self) -> Result<(), DeskError> {
        self.writable()?;
        if self.store.shop_setup()? == ShopSetup::Team {
            return Err(InputProblem::TeamPeopleOnHub.into());
        }
        if self.actor().role != Role::Admin {
            return Err(DeskError::AdminOnly(proto::AdminTask::People));
        }
        Ok(())
    }

    /// Whether an active administrator with a PIN other than `except` exists.
    fn another_admin(&self, except: Option<Uuid>) -> Result<bool, DeskError> {
        Ok(self
            .store
            .people()?
            .iter()
            .any(|p| p.role == Role::Admin && p.has_pin && !p.removed && Some(p.id) != except))
    }

    fn person_view(&self, id: Uuid) -> Result<proto::PersonView, DeskError> {
        let workflow = self.store.workflow()?;
        let p = self.store.person(id)?.ok_or(InputProblem::NoSuchPerson)?;
        Ok(person_view(p, &workflow))
    }
}

fn contact(text: &str, field: InputField) -> Result<String, DeskError> {
    let text = text.trim();
    if text.chars().count() > CONTACT_MAX_CHARS {
        return Err(InputProblem::TooLong {
            field,
            max: CONTACT_MAX_CHARS as u32,
        }
        .into());
    }
    Ok(text.to_owned())
}

fn person_view(p: PersonRow, workflow: &domain::Workflow) -> proto::PersonView {
    let id = p.id.to_string();
    proto::PersonView {
        stages: workflow
            .stages()
            .iter()
            .filter(|s| s.responsible.users.contains(&id))
            .map(|s| s.name.clone())
            .collect(),
        id,
        name: p.name,
        phone: p.phone,
        email: p.email,
        role: convert::role(p.role),
        has_pin: p.has_pin,
        removed: p.removed,
    }
}
