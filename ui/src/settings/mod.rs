//! Settings: the workflow editor, the shop's requisites, printing, backups.

mod backups;
mod channel_delivery;
mod channel_edit;
mod channels;
pub mod delivery_payment;
mod limits;
mod market;
mod market_setup;
mod people;
pub(crate) mod requisites;
mod site_certificate;
mod stages;
pub(crate) mod team;
mod this_pc;

use leptos::prelude::*;

use crate::api_admin as api;
use crate::app::Ctx;
use crate::i18n::{t, Key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Stages,
    Requisites,
    DeliveryPayment,
    Printing,
    Team,
    Channels,
    People,
    Backups,
    ThisPc,
}

#[component]
pub fn Settings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let tab = RwSignal::new(Tab::Stages);
    move || {
        let lang = ctx.lang.get();
        let tab_button = move |which: Tab, key: Key, id: &'static str| {
            view! {
                <button class="tab" id=id class:active=move || tab.get() == which
                    on:click=move |_| tab.set(which)>{t(lang, key)}</button>
            }
        };
        view! {
            <section class="settings" id="settings">
                <header>
                    <h2>{t(lang, Key::Settings)}</h2>
                    <nav class="tabs">
                        {tab_button(Tab::Stages, Key::SettingsStages, "settings-stages")}
                        {tab_button(Tab::Requisites, Key::SettingsRequisites, "settings-requisites")}
                        <button class="tab" id="settings-people" class:active=move || tab.get() == Tab::People
                            on:click=move |_| tab.set(Tab::People)>{crate::i18n::staff(lang, crate::i18n::Staff::Title)}</button>
                        {tab_button(Tab::Printing, Key::SettingsPrinting, "settings-printing")}
                        {tab_button(Tab::DeliveryPayment, Key::SettingsDeliveryPayment, "settings-delivery-payment")}
                        {tab_button(Tab::Channels, Key::SettingsChannels, "settings-channels")}
                        {tab_button(Tab::Team, Key::SettingsTeam, "settings-team")}
                        <button class="tab" id="settings-backups" class:active=move || tab.get() == Tab::Backups
                            on:click=move |_| tab.set(Tab::Backups)>{crate::i18n::backups::word(lang, crate::i18n::backups::Bk::Title)}</button>
                        <button class="tab" id="settings-this-pc" class:active=move || tab.get() == Tab::ThisPc
                            on:click=move |_| tab.set(Tab::ThisPc)>{crate::i18n::desktop::word(lang, crate::i18n::desktop::Pc::Title)}</button>
                    </nav>
                    <button class="close" id="close-settings" on:click=move |_| ctx.settings.set(false)>
                        {t(lang, Key::BackToOrders)}
                    </button>
                </header>
                {move || match tab.get() {
                    Tab::Stages => view! { <stages::StagesEditor/> }.into_any(),
                    Tab::Requisites => view! { <requisites::RequisitesForm/> }.into_any(),
                    Tab::Printing => view! { <Printing/> <limits::Limits/> }.into_any(),
                    Tab::DeliveryPayment => view! { <delivery_payment::DeliveryPaymentSettings/> }.into_any(),
                    Tab::Team => view! { <team::TeamSettings/> }.into_any(),
                    Tab::People => view! { <people::PeopleSettings/> }.into_any(),
                    Tab::Channels => view! { <channels::ChannelsSettings/> }.into_any(),
                    Tab::Backups => view! { <backups::BackupsSettings/> }.into_any(),
                    Tab::ThisPc => view! { <this_pc::ThisPcSettings/> }.into_any(),
                }}
            </section>
        }
    }
}

/// This PC's invoice prefix (what keeps two PCs numbering invoices offline apart) and the
/// shop's time zone.
#[component]
fn Printing() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let prefix = RwSignal::new(String::new());
    let zone = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    // The prefix or the zone the desk refused is said under it (issue 15, point 10).
    let refused = crate::field_error::Refused::new(&["prefix", "zone"]);
    leptos::task::spawn_local(async move {
        match (api::invoice_prefix().await, api::time_zone().await) {
            (Ok(p), Ok(z)) => {
                prefix.set(p);
                zone.set(z);
            }
            (Err(e), _) | (_, Err(e)) => ctx.fail(e),
        }
    });
    let save = move |_| {
        let (p, z) = (prefix.get_untracked(), zone.get_untracked());
        leptos::task::spawn_local(async move {
            let saved_both = async {
                let p = api::set_invoice_prefix(p).await?;
                let z = api::set_time_zone(z).await?;
                Ok::<_, proto::CommandError>((p, z))
            };
            match saved_both.await {
                Ok((p, z)) => {
                    refused.clear();
                    prefix.set(p);
                    zone.set(z);
                    saved.set(true);
                    ctx.changed();
                }
                Err(e) => {
                    if !refused.keep_input(e.clone()) {
                        ctx.fail(e)
                    }
                }
            }
        });
    };
    move || {
        let lang = ctx.lang.get();
        view! {
            <div class="form printing">
                <label>{t(lang, Key::InvoicePrefix)}
                    <input id="invoice-prefix" maxlength="6" prop:value=move || prefix.get()
                        aria-invalid=refused.invalid("prefix")
                        on:input=move |ev| { saved.set(false); refused.typed("prefix"); prefix.set(event_target_value(&ev)) }/>
                    {refused.note(lang, "prefix", "invoice-prefix")}
                </label>
                <p class="muted">{t(lang, Key::InvoicePrefixHint)}</p>
                <label>{t(lang, Key::TimeZone)}
                    <input id="time-zone" prop:value=move || zone.get()
                        aria-invalid=refused.invalid("zone")
                        on:input=move |ev| { saved.set(false); refused.typed("zone"); zone.set(event_target_value(&ev)) }/>
                    {refused.note(lang, "zone", "time-zone")}
                </label>
                <p class="muted">{t(lang, Key::TimeZoneHint)}</p>
                <button class="primary" id="save-prefix" on:click=save>{t(lang, Key::SaveSettings)}</button>
                {move || saved.get().then(|| view! { <span class="done">{t(lang, Key::Saved)}</span> })}
                {refused.at_action(lang, "save-prefix")}
            </div>
        }
    }
}
