//! Versions of the order: the list with the version in force and the one shown to the
//! customer marked, each version's note, a readable diff of any two, publish and confirm.
//! Confirming a version other than the one the customer was shown asks first.

use leptos::prelude::*;
use proto::display::rules::{version_note_refusal, RuleRefusal};
use proto::{Discount, LineEdit, OrderDetail, VersionDiff, VersionSummary};

use crate::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::versions::{confirm_other_than_shown, vat_rate, ver, Ver};
use crate::i18n::{self, t, Key, Lang};

pub fn tab(lang: Lang, order: OrderDetail) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let busy = RwSignal::new(false);
    let id = order.id.clone();
    let list = {
        let id = id.clone();
        // Read as the tab is drawn: the card draws it anew for every newer order, and not
        // while a note is being written here (ui/src/card/mod.rs).
        LocalResource::new(move || {
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
    // The version whose note is being written, and the refusal shown beside its field.
    let editing = RwSignal::new(None::<i64>);
    let refused = RwSignal::new(None::<RuleRefusal>);
    // What the desk refuses of a version's publish or confirm, said under the table.
    let said = RwSignal::new(None::<String>);
    let row_of = {
        let order = order.clone();
        move |v: VersionSummary| row(lang, &order, v, busy, editing, refused, said)
    };
    let rows = move || {
        list.get().map(|r| match r {
            Ok(versions) => versions
                .into_iter()
                .map(row_of.clone())
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
        <table class="grid versions" id="versions">
            <thead><tr>
                <th>{t(lang, Key::Version)}</th><th>{t(lang, Key::When)}", "{t(lang, Key::Who)}</th>
                <th class="num">{t(lang, Key::Total)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {super::said_note(said, "versions-action")}
        <h3>{t(lang, Key::Compare)}" "{t(lang, Key::From)}" "{picker(from, "diff-from")}" "{t(lang, Key::To)}" "{picker(to, "diff-to")}</h3>
        <div id="version-diff">
            {move || diff.get().map(|r| match r {
                Ok(d) => diff_view(lang, d).into_any(),
                Err(err) => view! { <p class="late">{crate::i18n::error_text(lang, &err)}</p> }.into_any(),
            })}
        </div>
    }
}

fn row(
    lang: Lang,
    order: &OrderDetail,
    v: VersionSummary,
    busy: RwSignal<bool>,
    editing: RwSignal<Option<i64>>,
    refused: RwSignal<Option<RuleRefusal>>,
    said: RwSignal<Option<String>>,
) -> impl IntoView {
    let n = v.number;
    let id = order.id.clone();
    let publish = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            super::act_beside(busy, said, move || async move {
                api::publish_version(&id, n).await
            });
        }
    };
    let shown_other = order.published_version.filter(|shown| *shown != n);
    let confirm = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            leptos::task::spawn_local_scoped(async move {
                if let Some(shown) = shown_other {
                    let question = confirm_other_than_shown(lang, n, shown);
                    let (yes, no) = (ver(lang, Ver::ConfirmAnyway), ver(lang, Ver::Cancel));
                    // Cancelled: nothing is sent, the draft stays as it is.
                    if !crate::dialog::confirm(question, yes.into(), no.into()).await {
                        return;
                    }
                }
                super::act_beside(busy, said, move || async move {
                    api::confirm_version(&id, n).await
                });
            });
        }
    };
    let badge = |class: &'static str, text: &'static str, hint: Option<Ver>| {
        view! { <span class=format!("badge {class}") title=hint.map(|h| ver(lang, h))>{text}</span> }
    };
    let marks = view! {
        <div class="marks">
            {v.in_force.then(|| badge("in-force", ver(lang, Ver::InForce), Some(Ver::InForceHint)))}
            {v.published.then(|| badge("shown", t(lang, Key::Published), Some(Ver::ShownHint)))}
            // The agreed version beside a later one in force; on the one in force it goes
            // without saying.
            {(v.confirmed && !v.in_force).then(|| badge("agreed", t(lang, Key::Confirmed), None))}
        </div>
    };
    let can_confirm = order.draft && n == order.version;
    view! {
        <tr data-version=n class:in-force=v.in_force class:shown=v.published>
            <td class="ver-no"><strong>{n}</strong></td>
            <td class="ver-main">
                {marks}
                <div class="muted">{format::date_time(v.created_at)}" · "{v.actor}</div>
                {note_cell(lang, id, n, v.note, busy, editing, (refused, said))}
                // Under the version, not in a column of their own: in the card's narrow
                // default width a fourth column pushed them off-screen.
                <div class="ver-actions">
                    {(!v.published).then(|| view! {
                        <button class="small publish" on:click=publish>{t(lang, Key::Publish)}</button>
                    })}
                    {can_confirm.then(|| view! {
                        <button class="small primary confirm" id="confirm-version" on:click=confirm>{t(lang, Key::Confirm)}</button>
                    })}
                </div>
            </td>
            <td class="num">{format::money(v.total)}</td>
        </tr>
    }
}

/// A version's note, and its field while it is written.
fn note_cell(
    lang: Lang,
    order_id: String,
    n: i64,
    note: Option<String>,
    busy: RwSignal<bool>,
    editing: RwSignal<Option<i64>>,
    // A rule's refusal under the field; any other under the versions table.
    (refused, said): (RwSignal<Option<RuleRefusal>>, RwSignal<Option<String>>),
) -> impl IntoView {
    let text = RwSignal::new(note.clone().unwrap_or_default());
    let save = move || {
        let typed = text.get_untracked();
        if let Some(r) = version_note_refusal(&typed) {
            refused.set(Some(r));
            return;
        }
        let id = order_id.clone();
        let note = (!typed.trim().is_empty()).then_some(typed);
        crate::rules::act_with_rule(busy, refused, said, move || async move {
            api::note_version(&id, n, note).await
        });
    };
    let save_click = save.clone();
    move || {
        if editing.get() == Some(n) {
            let save = save.clone();
            let save_click = save_click.clone();
            view! {
                <div class="ver-note-edit">
                    <input type="text" id="version-note-edit" maxlength="400"
                        aria-label=ver(lang, Ver::NoteLabel)
                        placeholder=ver(lang, Ver::NotePlaceholder)
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            refused.set(version_note_refusal(&text.get_untracked()));
                        }
                        on:keydown=move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
                            "Enter" => save(),
                            "Escape" => {
                                ev.stop_propagation();
                                editing.set(None);
                                refused.set(None);
                            }
                            _ => {}
                        }/>
                    <button class="small primary" id="version-note-save" on:click=move |_| save_click()>{ver(lang, Ver::SaveNote)}</button>
                    <button class="small" on:click=move |_| { editing.set(None); refused.set(None); }>{ver(lang, Ver::Cancel)}</button>
                    {crate::rules::note(lang, refused, "version-note-error")}
                </div>
            }
            .into_any()
        } else {
            let open = move |_| {
                refused.set(None);
                editing.set(Some(n));
            };
            match note.clone() {
                Some(note) => view! {
                    <div class="ver-note">
                        <span class="note-text">"«"{note}"»"</span>" "
                        <button class="link small" on:click=open>{ver(lang, Ver::EditNote)}</button>
                    </div>
                }
                .into_any(),
                None => view! {
                    <div class="ver-note">
                        <button class="link small add-note" on:click=open>{ver(lang, Ver::AddNote)}</button>
                    </div>
                }
                .into_any(),
            }
        }
    }
}

/// The note field beside the lines editor's «Сохранить»: the version that save makes gets it.
pub fn note_field(
    lang: Lang,
    note: RwSignal<String>,
    refused: RwSignal<Option<RuleRefusal>>,
) -> impl IntoView {
    view! {
        <label class="version-note">
            <span>{ver(lang, Ver::NoteLabel)}</span>
            <input type="text" id="version-note" maxlength="400"
                placeholder=ver(lang, Ver::NotePlaceholder)
                prop:value=move || note.get()
                on:input=move |ev| {
                    note.set(event_target_value(&ev));
                    refused.set(version_note_refusal(&note.get_untracked()));
                }/>
        </label>
        {crate::rules::note(lang, refused, "version-note-error")}
    }
}

/// Saves the lines editor's edits as one new version with the note typed beside them. A
/// note over the bound stops the save before anything is sent, so a version is never made
/// without the note the manager meant it to carry.
pub fn save_lines(
    busy: RwSignal<bool>,
    order_id: String,
    edits: Vec<LineEdit>,
    note: RwSignal<String>,
    refused: RwSignal<Option<RuleRefusal>>,
    said: RwSignal<Option<String>>,
) {
    let typed = note.get_untracked();
    if let Some(r) = version_note_refusal(&typed) {
        refused.set(Some(r));
        return;
    }
    let text = (!typed.trim().is_empty()).then_some(typed);
    super::act_beside(busy, said, move || async move {
        let saved = api::edit_lines(&order_id, edits).await?;
        let Some(text) = text else {
            return Ok(saved);
        };
        note.set(String::new());
        api::note_version(&saved.id, saved.version, Some(text)).await
    });
}

fn discount_text(d: &Discount) -> String {
    match d {
        Discount::None => "—".to_owned(),
        Discount::Percent(p) => format!("{}%", format::amount(*p)),
        Discount::Amount(a) => format::money(*a),
    }
}

fn window_text(lang: Lang, w: Option<proto::DiffWindow>) -> String {
    match w {
        Some(w) => format!(
            "{} – {}",
            format::date_time(w.from),
            format::date_time(w.to)
        ),
        None => ver(lang, Ver::NoWindow).to_owned(),
    }
}

fn diff_view(lang: Lang, d: VersionDiff) -> impl IntoView {
    let arrow = |a: String, b: String| format!("{a} → {b}");
    let same = d.is_same();
    let mut items: Vec<AnyView> = Vec::new();
    // `key` names the field for the tests; the added and removed lines keep their colours.
    let mut field = |key: &'static str, label: String, text: String| {
        let class = match key {
            "added" | "removed" => key,
            _ => "changed",
        };
        items.push(view! { <li class=class data-field=key>{label}": "{text}</li> }.into_any());
    };
    for l in &d.added {
        let text = format!(
            "{}: {} × {}",
            l.name,
            format::quantity(l.quantity),
            format::money(l.price)
        );
        field("added", format!("+ {}", t(lang, Key::Added)), text);
    }
    for l in &d.removed {
        let text = format!(
            "{}: {} × {}",
            l.name,
            format::quantity(l.quantity),
            format::money(l.price)
        );
        field("removed", format!("− {}", t(lang, Key::Removed)), text);
    }
    for c in &d.changed {
        let mut parts = Vec::new();
        if let Some(q) = &c.quantity {
            parts.push(format!(
                "{} {}",
                t(lang, Key::Qty),
                arrow(format::quantity(q.before), format::quantity(q.after))
            ));
        }
        if let Some(p) = &c.price {
            parts.push(format!(
                "{} {}",
                t(lang, Key::Price),
                arrow(format::money(p.before), format::money(p.after))
            ));
        }
        if let Some(x) = &c.discount {
            parts.push(format!(
                "{} {}",
                t(lang, Key::Discount),
                arrow(discount_text(&x.before), discount_text(&x.after))
            ));
        }
        if let Some(x) = &c.vat {
            parts.push(format!(
                "{} {}",
                ver(lang, Ver::LineVat),
                arrow(
                    vat_rate(lang, x.before).to_owned(),
                    vat_rate(lang, x.after).to_owned()
                )
            ));
        }
        field(
            "line",
            format!("~ {}", t(lang, Key::Changed)),
            format!("{}: {}", c.name, parts.join(", ")),
        );
    }
    if let Some(x) = &d.discount {
        field(
            "discount",
            t(lang, Key::Discount).to_owned(),
            arrow(discount_text(&x.before), discount_text(&x.after)),
        );
    }
    if let Some(x) = d.delivery {
        field(
            "delivery",
            t(lang, Key::Delivery).to_owned(),
            arrow(
                i18n::delivery(lang, x.before).to_owned(),
                i18n::delivery(lang, x.after).to_owned(),
            ),
        );
    }
    if let Some(x) = d.delivery_zone {
        let zone = |z: Option<String>| z.unwrap_or_else(|| ver(lang, Ver::NoZone).to_owned());
        field(
            "zone",
            t(lang, Key::Zone).to_owned(),
            arrow(zone(x.before), zone(x.after)),
        );
    }
    if let Some(x) = d.address {
        field(
            "address",
            t(lang, Key::Address).to_owned(),
            arrow(x.before, x.after),
        );
    }
    if let Some(x) = d.delivery_window {
        field(
            "window",
            ver(lang, Ver::DeliveryWindow).to_owned(),
            arrow(window_text(lang, x.before), window_text(lang, x.after)),
        );
    }
    if let Some(x) = d.delivery_cost {
        field(
            "delivery_cost",
            t(lang, Key::DeliveryCost).to_owned(),
            arrow(format::money(x.before), format::money(x.after)),
        );
    }
    if let Some(x) = d.delivery_vat {
        field(
            "delivery_vat",
            ver(lang, Ver::DeliveryVat).to_owned(),
            arrow(
                vat_rate(lang, x.before).to_owned(),
                vat_rate(lang, x.after).to_owned(),
            ),
        );
    }
    let total = arrow(format::money(d.total.before), format::money(d.total.after));
    view! {
        {same.then(|| view! { <p class="muted" id="versions-same">{t(lang, Key::NoDifferences)}</p> })}
        <ul class="diff">{items}</ul>
        <p class="diff-total">{t(lang, Key::ToPay)}": "<strong>{total}</strong></p>
    }
}
