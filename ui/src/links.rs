//! Links into the desk (issue 19, point 2): the desk launched or woken by
//! `orderdesk://order/N` or `orderdesk://call?from=…` goes to that order, the caller's card or
//! a new order for the caller. The shell keeps the link until the window takes it (asked once
//! when the desk appears, and again on the `orderdesk-link` event the shell raises when a
//! second launch hands one over), and the desk says where it leads.

use leptos::prelude::*;
use proto::cmd;
use proto::LinkTarget;

use crate::app::Ctx;

/// Takes the waiting link now and whenever the shell says one came.
pub fn follow(ctx: Ctx) {
    take(ctx);
    let woken = window_event_listener_untyped("orderdesk-link", move |_| take(ctx));
    on_cleanup(move || woken.remove());
}

fn take(ctx: Ctx) {
    leptos::task::spawn_local(async move {
        match crate::api::call(&cmd::TakeLink {}).await {
            Ok(Some(target)) => go(ctx, target),
            Ok(None) => {}
            Err(e) => ctx.fail(e),
        }
    });
}

/// Everything else closes, as a click on a row or a customer would close it.
fn go(ctx: Ctx, target: LinkTarget) {
    ctx.settings.set(false);
    ctx.catalog.set(false);
    match target {
        LinkTarget::Order { order_id } => {
            ctx.customers.set(false);
            ctx.creating.set(false);
            ctx.order.set(Some(order_id));
        }
        LinkTarget::Customer { key } => {
            ctx.creating.set(false);
            ctx.customer_key.set(Some(key));
            ctx.customers.set(true);
        }
        LinkTarget::NewCaller { phone } => {
            ctx.customers.set(false);
            ctx.order.set(None);
            ctx.caller.set(Some(crate::format::phone(&phone)));
            ctx.creating.set(true);
        }
    }
}
