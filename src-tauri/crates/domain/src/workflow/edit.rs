//! The administrator's changes to the workflow. Each edit is data, so it is recorded as an
//! operation and can be replayed on another PC; [`Workflow::edit`] checks it against the
//! workflow as it is and returns the new one, or says what is wrong.

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

use super::{Responsible, RouteRule, Stage, StageGuards, StageKind, Workflow};
use crate::methods::Role;

/// Positions are renumbered in steps of ten after every edit, which keeps them unique and
/// leaves the old gaps harmless.
const STEP: i32 = 10;

/// The longest time limit a stage may have: a limit of years is a typo, not a policy.
const MAX_LIMIT: SignedDuration = SignedDuration::from_hours(24 * 90);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum WorkflowEdit {
    /// A new normal stage after `after` (at the start when `None`). The id is made by the
    /// client, so replaying the edit elsewhere gives the same stage.
    AddStage {
        id: String,
        name: String,
        after: Option<String>,
        time_limit: Option<SignedDuration>,
    },
    Rename {
        stage: String,
        name: String,
    },
    /// Moves a normal stage to `index` among the normal stages (0 = first).
    Reorder {
        stage: String,
        index: usize,
    },
    /// Takes the stage off the workflow. Orders in it stay there, flagged, until moved.
    Remove {
        stage: String,
    },
    SetLimit {
        stage: String,
        time_limit: Option<SignedDuration>,
        clock_paused: bool,
    },
    SetResponsible {
        stage: String,
        responsible: Responsible,
    },
    SetRoute {
        stage: String,
        route: RouteRule,
    },
    /// What the stage asks of its orders (see [`StageGuards`]). Not in protocol 3: a desk
    /// that syncs it needs protocol 4.
    SetGuards {
        stage: String,
        guards: StageGuards,
    },
}

impl WorkflowEdit {
    pub fn kind(&self) -> &'static str {
        match self {
            WorkflowEdit::AddStage { .. } => "add_stage",
            WorkflowEdit::Rename { .. } => "rename_stage",
            WorkflowEdit::Reorder { .. } => "reorder_stage",
            WorkflowEdit::Remove { .. } => "remove_stage",
            WorkflowEdit::SetLimit { .. } => "set_stage_limit",
            WorkflowEdit::SetResponsible { .. } => "set_stage_responsible",
            WorkflowEdit::SetRoute { .. } => "set_stage_route",
            WorkflowEdit::SetGuards { .. } => "set_stage_guards",
        }
    }

    /// The stage the edit is about.
    pub fn stage_id(&self) -> &str {
        match self {
            WorkflowEdit::AddStage { id, .. } => id,
            WorkflowEdit::Rename { stage, .. }
            | WorkflowEdit::Reorder { stage, .. }
            | WorkflowEdit::Remove { stage }
            | WorkflowEdit::SetLimit { stage, .. }
            | WorkflowEdit::SetResponsible { stage, .. }
            | WorkflowEdit::SetRoute { stage, .. }
            | WorkflowEdit::SetGuards { stage, .. } => stage,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("только администратор меняет этапы (сейчас: {role})", role = .0.label())]
    NotAdmin(Role),
    #[error("этапа «{0}» нет")]
    UnknownStage(String),
    #[error("этап с кодом «{0}» уже есть")]
    DuplicateId(String),
    #[error("название этапа не может быть пустым")]
    EmptyName,
    #[error("этап «{0}» уже есть — названия этапов не должны повторяться")]
    DuplicateName(String),
    #[error("срок этапа должен быть больше нуля и не больше 90 дней")]
    BadLimit,
    #[error("этап «{0}» закрывающий: его нельзя переставлять, удалять или менять ему маршрут")]
    ClosedStage(String),
    #[error("нельзя удалить последний рабочий этап")]
    LastStage,
    #[error("у этапа должен остаться хотя бы один способ доставки и оплаты")]
    EmptyRoute,
}

impl Workflow {
    /// The workflow after `edit`, made by someone with `role`.
    pub fn edit(&self, role: Role, edit: &WorkflowEdit) -> Result<Workflow, WorkflowError> {
        if role != Role::Admin {
            return Err(WorkflowError::NotAdmin(role));
        }
        let mut next = self.clone();
        match edit {
            WorkflowEdit::AddStage {
                id,
                name,
                after,
                time_limit,
            } => {
                if self.stage(id).is_some() || self.retired_stage(id).is_some() {
                    return Err(WorkflowError::DuplicateId(id.clone()));
                }
                let name = self.check_name(name, None)?;
                check_limit(*time_limit)?;
                let index = match after {
                    None => 0,
                    Some(after) => next.open_index(after)? + 1,
                };
                next.stages.insert(
                    index,
                    Stage {
                        id: id.clone(),
                        name,
                        position: 0,
                        kind: StageKind::Normal,
                        time_limit: *time_limit,
                        clock_paused: false,
                        route: RouteRule::ANY,
                        responsible: Responsible::default(),
                        guards: StageGuards::NONE,
                    },
                );
            }
            WorkflowEdit::Rename { stage, name } => {
                let name = self.check_name(name, Some(stage))?;
                next.stage_mut(stage)?.name = name;
            }
            WorkflowEdit::Reorder { stage, index } => {
                let from = next.open_index(stage)?;
                let moved = next.stages.remove(from);
                let open = next.stages.iter().filter(|s| !s.is_closed()).count();
                next.stages.insert((*index).min(open), moved);
            }
            WorkflowEdit::Remove { stage } => {
                let at = next.open_index(stage)?;
                if next.stages.iter().filter(|s| !s.is_closed()).count() == 1 {
                    return Err(WorkflowError::LastStage);
                }
                let removed = next.stages.remove(at);
                next.retired.push(removed);
            }
            WorkflowEdit::SetLimit {
                stage,
                time_limit,
                clock_paused,
            } => {
                check_limit(*time_limit)?;
                let s = next.stage_mut(stage)?;
                s.time_limit = *time_limit;
                s.clock_paused = *clock_paused;
            }
            WorkflowEdit::SetResponsible { stage, responsible } => {
                let mut responsible = responsible.clone();
                responsible.roles.sort_by_key(|r| r.as_str());
                responsible.roles.dedup();
                responsible.users.retain(|u| !u.trim().is_empty());
                responsible.users.dedup();
                next.stage_mut(stage)?.responsible = responsible;
            }
            WorkflowEdit::SetRoute { stage, route } => {
                next.open_index(stage)?;
                let no_delivery = route.delivery.as_ref().is_some_and(Vec::is_empty);
                let no_payment = route.payment.as_ref().is_some_and(Vec::is_empty);
                if no_delivery || no_payment {
                    return Err(WorkflowError::EmptyRoute);
                }
                next.stage_mut(stage)?.route = route.clone();
            }
            WorkflowEdit::SetGuards { stage, guards } => {
                // A closing stage is locked whatever the flag says, and nothing leaves it
                // forward; only its entry guard means anything, so any stage takes guards.
                next.stage_mut(stage)?.guards = *guards;
            }
        }
        next.renumber();
        Ok(next)
    }

    /// Stages taken off the workflow that orders may still sit in.
    pub fn retired(&self) -> &[Stage] {
        &self.retired
    }

    pub fn retired_stage(&self, id: &str) -> Option<&Stage> {
        self.retired.iter().find(|s| s.id == id)
    }

    /// The workflow with these removed stages kept for the orders still in them.
    pub fn with_retired(mut self, retired: Vec<Stage>) -> Workflow {
        self.retired = retired;
        self
    }

    fn stage_mut(&mut self, id: &str) -> Result<&mut Stage, WorkflowError> {
        self.stages
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or_else(|| WorkflowError::UnknownStage(id.to_owned()))
    }

    /// The index of a normal (not closing) stage.
    fn open_index(&self, id: &str) -> Result<usize, WorkflowError> {
        let at = self
            .stages
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| WorkflowError::UnknownStage(id.to_owned()))?;
        if self.stages[at].is_closed() {
            return Err(WorkflowError::ClosedStage(self.stages[at].name.clone()));
        }
        Ok(at)
    }

    fn check_name(&self, name: &str, renaming: Option<&str>) -> Result<String, WorkflowError> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(WorkflowError::EmptyName);
        }
        let taken = self.stages.iter().any(|s| {
            Some(s.id.as_str()) != renaming && s.name.to_lowercase() == name.to_lowercase()
        });
        if taken {
            return Err(WorkflowError::DuplicateName(name));
        }
        Ok(name)
    }

    /// Closing stages (final, cancelled) always come after the working ones, so "next stage"
    /// never jumps into one early.
    ///
    /// A removed stage keeps its place just before the stage that followed it, so its orders
    /// move on to where they would have gone.
    fn renumber(&mut self) {
        let followers: Vec<Option<String>> = self
            .retired
            .iter()
            .map(|r| {
                self.stages
                    .iter()
                    .filter(|s| s.position > r.position)
                    .min_by_key(|s| s.position)
                    .map(|s| s.id.clone())
            })
            .collect();
        self.stages.sort_by_key(|s| s.is_closed());
        for (i, s) in self.stages.iter_mut().enumerate() {
            s.position = (i as i32 + 1) * STEP;
        }
        let end = (self.stages.len() as i32 + 1) * STEP;
        for (r, follower) in self.retired.iter_mut().zip(followers) {
            let at = follower
                .and_then(|id| self.stages.iter().find(|s| s.id == id))
                .map_or(end, |s| s.position);
            r.position = at - STEP / 2;
        }
    }
}

fn check_limit(limit: Option<SignedDuration>) -> Result<(), WorkflowError> {
    match limit {
        Some(l) if l <= SignedDuration::ZERO || l > MAX_LIMIT => Err(WorkflowError::BadLimit),
        _ => Ok(()),
    }
}
