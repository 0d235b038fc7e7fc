//! The selected order: header, lines, totals, and the "next stage" action.

use leptos::prelude::*;
use proto::{LineView, OrderDetail};

use crate::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{self, t, Key, Lang};

#[component]
pub fn OrderCard() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let detail = LocalResource::new(move || {
        ctx.revision.track();
        let order = ctx.order.get();
        async move {
            match order {
                Some(id) => api::order_detail(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });

    move || {
        let lang = ctx.lang.get();
        match detail.get() {
            Some(Ok(Some(order))) => card(lang, order).into_any(),
            Some(Err(err)) => {
                ctx.fail(err);
                ctx.order.set(None);
                ().into_any()
            }
            _ => view! { <aside class="card hint">{t(lang, Key::PickAnOrder)}</aside> }.into_any(),
        }
    }
}

fn card(lang: Lang, order: OrderDetail) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let busy = RwSignal::new(false);
    let id = order.id.clone();
    let advance = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let id = id.clone();
        leptos::task::spawn_local(async move {
            match api::advance_order(&id).await {
                Ok(_) => ctx.changed(),
                Err(err) => ctx.fail(err),
            }
            busy.set(false);
        });
    };
    let deadline = order.deadline.map(|d| {
        let (text, overdue) = format::deadline(lang, d, ctx.now.get_untracked());
        view! { <span class="deadline" class:late=overdue>{overdue.then_some("⚠ ")}{text}</span> }
    });
    let next_name = order.next_stage_name.clone().or(order.next_stage.clone());
    let action = match next_name {
        Some(next) => view! {
            <button class="primary" id="advance" on:click=advance disabled=move || busy.get()>
                {t(lang, Key::NextStage)}" → "{next}
            </button>
        }
        .into_any(),
        None => view! { <p class="muted" id="final">{t(lang, Key::FinalStage)}</p> }.into_any(),
    };
    view! {
        <aside class="card" id="order-card" data-order-id=order.id.clone()>
            <header>
                <h2>"№ "{order.number.clone()}</h2>
                <button class="close" title=t(lang, Key::Close) on:click=move |_| ctx.order.set(None)>"×"</button>
            </header>
            <p class="stage-line">
                <span class="badge" id="order-stage">{order.stage_name.clone()}</span>
                " "{deadline}
            </p>
            <dl class="facts">
                <dt>{t(lang, Key::Created)}</dt><dd>{format::date_time(order.created_at)}</dd>
                <dt>{t(lang, Key::Customer)}</dt><dd class="customer">{order.customer.clone()}</dd>
                <dt>{t(lang, Key::Phone)}</dt><dd>{format::phone(&order.phone)}</dd>
                <dt>{t(lang, Key::Channel)}</dt><dd>{i18n::channel(lang, order.channel)}</dd>
                <dt>{t(lang, Key::Delivery)}</dt><dd>{i18n::delivery(lang, order.delivery)}</dd>
                <dt>{t(lang, Key::Payment)}</dt><dd>{i18n::payment(lang, order.payment)}</dd>
                <dt>{t(lang, Key::Address)}</dt><dd>{order.address.clone()}</dd>
                {order.comment.clone().map(|c| view! { <dt>{t(lang, Key::Comment)}</dt><dd>{c}</dd> })}
            </dl>
            <div class="actions">{action}</div>
            <h3>{t(lang, Key::Lines)}</h3>
            <table class="grid lines" id="order-lines">
                <thead>
                    <tr>
                        <th>{t(lang, Key::Item)}</th>
                        <th class="num">{t(lang, Key::Qty)}</th>
                        <th class="num">{t(lang, Key::Price)}</th>
                        <th class="num">{t(lang, Key::Amount)}</th>
                    </tr>
                </thead>
                <tbody>{order.lines.into_iter().map(line_view).collect_view()}</tbody>
            </table>
            <table class="totals" id="order-totals">
                <tr><th>{t(lang, Key::Subtotal)}</th><td class="num">{format::money(order.subtotal)}</td></tr>
                {(order.discount != 0).then(|| view! {
                    <tr><th>{t(lang, Key::Discount)}</th><td class="num">"−"{format::money(order.discount)}</td></tr>
                })}
                <tr><th>{t(lang, Key::DeliveryCost)}</th><td class="num">{format::money(order.delivery_cost)}</td></tr>
                <tr class="grand"><th>{t(lang, Key::ToPay)}</th><td class="num" id="order-total">{format::money(order.total)}</td></tr>
            </table>
        </aside>
    }
}

fn line_view(line: LineView) -> impl IntoView {
    view! {
        <tr>
            <td>{line.name}<div class="sku">{line.sku}</div></td>
            <td class="num">{format::quantity(line.quantity)}" "{line.unit}</td>
            <td class="num">{format::money(line.price)}</td>
            <td class="num">{format::money(line.amount)}</td>
        </tr>
    }
}
