//! Who may do what with the shop's channel connections: one table, checked by the desk before
//! it acts on its own connectors or asks the team hub's, and by the hub for the member who
//! asked before its worker acts (`hub-connectors`). Before it, a desk working alone checked
//! only some administrator tasks, so a picker there could add or remove a connection.

use domain::Role;

use crate::hub_channels::HubChannels;
use crate::{Desk, DeskError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelTask {
    /// The connections, their state, an order's channels and marketplace actions: anyone.
    See,
    /// «Синхронизировать сейчас», retrying or hiding a marketplace action.
    Run,
    /// Adding, editing, testing, removing connections and their maps.
    Administer,
}

impl ChannelTask {
    pub fn allows(self, role: Role) -> bool {
        match self {
            ChannelTask::See => true,
            ChannelTask::Run => matches!(role, Role::Admin | Role::Manager),
            ChannelTask::Administer => role == Role::Admin,
        }
    }

    fn refusal(self) -> DeskError {
        DeskError::AdminOnly(match self {
            ChannelTask::Run => proto::AdminTask::ChannelRuns,
            ChannelTask::See | ChannelTask::Administer => proto::AdminTask::Connections,
        })
    }
}

impl Desk {
    /// Where `task` is done for the person signed in here, once their role allows it: on
    /// the team hub's connectors (`Some`), or on this desk's own (`None`). The hub's own
    /// worker is not asked again: the hub checked the member it acts for with this table.
    pub(crate) fn connectors_for(
        &self,
        task: ChannelTask,
    ) -> Result<Option<HubChannels>, DeskError> {
        if self.headless {
            return Ok(None);
        }
        if !task.allows(self.actor().role) {
            return Err(task.refusal());
        }
        self.hub_channels()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pickers_see_managers_run_and_only_the_admin_administers() {
        let all = [Role::Admin, Role::Manager, Role::Picker, Role::Dispatcher];
        let allowed = |task: ChannelTask| {
            all.iter()
                .filter(|r| task.allows(**r))
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(allowed(ChannelTask::See), all);
        assert_eq!(allowed(ChannelTask::Run), [Role::Admin, Role::Manager]);
        assert_eq!(allowed(ChannelTask::Administer), [Role::Admin]);
    }
}
