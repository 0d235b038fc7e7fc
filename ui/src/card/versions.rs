//! Versions of the order: the list, a readable diff of any two, publish and confirm.

use leptos::prelude::*;
use proto::{Discount, OrderDetail, VersionDiff};

use super::act;
use crate::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{self, t, Key, Lang};

pub fn tab(lang: Lang, order: OrderDetail) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let busy = RwSignal::new(false);
    let id = order.id.clone();
    let list = {
        let id = id.clone();
        LocalResource::new(move || {
            ctx.revision.track();
            let id = id.clone();
            async move { api::order_versions(&id).await }
        })
    };
    let latest = order.version;
    let from = RwSignal::new((latest - 1).max(1));
    let to = RwSignal::new(latest);
    let diff = {
        let id = id.clone();
        LocalResource::new(move || {
            let (id, a, b) = (id.clone(), from.get(), to.get());
            async move { api::diff_versions(&id, a, b).await }
        })
    };
    let draft = order.draft;
    let rows = move || {
        list.get().map(|r| match r {
            Ok(versions) => versions
                .into_iter()
                .map(|v| {
                    let (id_p, id_c) = (id.clone(), id.clone());
                    let n = v.number;
                    let publish = move |_| {
                        let id = id_p.clone();
                        act(busy, move || async move { api::publish_version(&id, n).await });
                    };
                    let confirm = move |_| {
                        let id = id_c.clone();
                        act(busy, move || async move { api::confirm_version(&id, n).await });
                    };
                    let marks = [
                        v.published.then(|| t(lang, Key::Published)),
                        v.confirmed.then(|| t(lang, Key::Confirmed)),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                    view! {
                        <tr data-version=n>
                            <td>{n}</td>
                            <td>{format::date_time(v.created_at)}</td>
                            <td>{v.actor}</td>
                            <td class="num">{format::money(v.total)}</td>
                            <td class="muted">{marks}</td>
                            <td>
                                {(!v.published).then(|| view! {
                                    <button class="small publish" on:click=publish>{t(lang, Key::Publish)}</button>
                                })}
                                {(draft && n == latest).then(|| view! {
                                    <button class="small primary confirm" id="confirm-version" on:click=confirm>{t(lang, Key::Confirm)}</button>
                                })}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any(),
            Err(err) => {
                ctx.fail(err);
                ().into_any()
            }
        })
    };
    let picker = move |which: RwSignal<i64>, id: &'static str| {
        view! {
            <select id=id on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse() {
                    which.set(n);
                }
            }>
                {(1..=latest).map(|n| view! { <option value=n selected=move || which.get() == n>{n}</option> }).collect_view()}
            </select>
        }
    };
    view! {
        <table class="grid" id="versions">
            <thead><tr>
                <th>{t(lang, Key::Version)}</th><th>{t(lang, Key::When)}</th><th>{t(lang, Key::Who)}</th>
                <th class="num">{t(lang, Key::Total)}</th><th></th><th></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <h3>{t(lang, Key::Compare)}" "{t(lang, Key::From)}" "{picker(from, "diff-from")}" "{t(lang, Key::To)}" "{picker(to, "diff-to")}</h3>
        <div id="version-diff">
            {move || diff.get().map(|r| match r {
                Ok(d) => diff_view(lang, d).into_any(),
                Err(err) => view! { <p class="late">{err.message}</p> }.into_any(),
            })}
        </div>
    }
}

fn discount_text(d: &Discount) -> String {
    match d {
        Discount::None => "—".to_owned(),
        Discount::Percent(p) => format!("{}%", format::amount(*p)),
        Discount::Amount(a) => format::money(*a),
    }
}

fn diff_view(lang: Lang, d: VersionDiff) -> impl IntoView {
    let arrow = |a: String, b: String| format!("{a} → {b}");
    let mut items: Vec<AnyView> = Vec::new();
    for l in d.added {
        let text = format!(
            "{}: {} × {}",
            l.name,
            format::quantity(l.quantity),
            format::money(l.price)
        );
        items.push(view! { <li class="added">"+ "{t(lang, Key::Added)}": "{text}</li> }.into_any());
    }
    for l in d.removed {
        let text = format!(
            "{}: {} × {}",
            l.name,
            format::quantity(l.quantity),
            format::money(l.price)
        );
        items.push(
            view! { <li class="removed">"− "{t(lang, Key::Removed)}": "{text}</li> }.into_any(),
        );
    }
    for c in d.changed {
        let mut parts = Vec::new();
        if let Some(q) = c.quantity {
            parts.push(format!(
                "{} {}",
                t(lang, Key::Qty),
                arrow(format::quantity(q.before), format::quantity(q.after))
            ));
        }
        if let Some(p) = c.price {
            parts.push(format!(
                "{} {}",
                t(lang, Key::Price),
                arrow(format::money(p.before), format::money(p.after))
            ));
        }
        if let Some(x) = c.discount {
            parts.push(format!(
                "{} {}",
                t(lang, Key::Discount),
                arrow(discount_text(&x.before), discount_text(&x.after))
            ));
        }
        let text = format!("{}: {}", c.name, parts.join(", "));
        items.push(
            view! { <li class="changed">"~ "{t(lang, Key::Changed)}": "{text}</li> }.into_any(),
        );
    }
    if let Some(x) = d.discount {
        let text = arrow(discount_text(&x.before), discount_text(&x.after));
        items
            .push(view! { <li class="changed">{t(lang, Key::Discount)}": "{text}</li> }.into_any());
    }
    if let Some(x) = d.delivery {
        let text = arrow(
            i18n::delivery(lang, x.before).to_owned(),
            i18n::delivery(lang, x.after).to_owned(),
        );
        items
            .push(view! { <li class="changed">{t(lang, Key::Delivery)}": "{text}</li> }.into_any());
    }
    if let Some(x) = d.address {
        let text = arrow(x.before, x.after);
        items.push(view! { <li class="changed">{t(lang, Key::Address)}": "{text}</li> }.into_any());
    }
    if let Some(x) = d.delivery_cost {
        let text = arrow(format::money(x.before), format::money(x.after));
        items.push(
            view! { <li class="changed">{t(lang, Key::DeliveryCost)}": "{text}</li> }.into_any(),
        );
    }
    let same = items.is_empty() && d.total.before == d.total.after;
    let total = arrow(format::money(d.total.before), format::money(d.total.after));
    view! {
        {same.then(|| view! { <p class="muted">{t(lang, Key::NoDifferences)}</p> })}
        <ul class="diff">{items}</ul>
        <p class="diff-total">{t(lang, Key::ToPay)}": "<strong>{total}</strong></p>
    }
}
