//! Working in a team: the sync indicator, joining a hub, notes synced last-writer-wins.

use super::desk_commands;

desk_commands! {
    sync_state: SyncState {} => |d, _| d.sync_state();
    join_team: JoinTeam { url, token } => |d, _| d.join_team(&url, &token);
    set_comment: SetComment { order_id, comment } =>
        |d, now| d.set_comment(&order_id, comment, now);
    /// The packages the goods were packed into, for the transport waybill; `None` clears it.
    set_places: SetPlaces { order_id, places } => |d, now| d.set_places(&order_id, places, now);
}
