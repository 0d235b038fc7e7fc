//! Reading commands: queues, search, versions, history, the product list.

use super::desk_commands;

desk_commands! {
    orders: Orders { query } => |d, now| d.orders(query, now);
    count_orders: CountOrders { query } => |d, now| d.count_orders(query, now);
    search_orders: SearchOrders { text } => |d, now| d.search(&text, now);
    products: Products {} => |d, _| d.products();
    /// The product picker's search as the manager types.
    find_products: FindProducts { text, limit } => |d, _| d.find_products(&text, limit);
    order_versions: OrderVersions { order_id } => |d, _| d.versions(&order_id);
    diff_versions: DiffVersions { order_id, from, to } =>
        |d, _| d.diff_versions(&order_id, from, to);
    order_history: OrderHistory { order_id } => |d, _| d.history(&order_id);
    current_user: CurrentUser {} => |d, _| Ok(d.user());
}
