//! The filter bar above the order table: channel, delivery, payment, paid, creation dates.

use leptos::prelude::*;

use crate::app::{Ctx, Filter};
use crate::i18n::{self, t, Key, Lang, DELIVERY_METHODS, PAYMENT_METHODS};

const CHANNELS: [proto::Channel; 3] = [
    proto::Channel::Site,
    proto::Channel::Phone,
    proto::Channel::Marketplace,
];

/// One `<select>` whose first option means "any"; options are numbered by position.
fn pick<T: Copy + PartialEq + Send + Sync + 'static>(
    lang: Lang,
    id: &'static str,
    any: Key,
    options: Vec<(T, &'static str)>,
    set: impl Fn(&mut Filter, Option<T>) + Copy + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let values: Vec<T> = options.iter().map(|(v, _)| *v).collect();
    view! {
        <select id=id on:change=move |ev| {
            let chosen = event_target_value(&ev).parse::<usize>().ok().and_then(|i| values.get(i).copied());
            ctx.filter.update(|f| set(f, chosen));
        }>
            <option value="">{t(lang, any)}</option>
            {options.into_iter().enumerate().map(|(i, (_, label))| view! { <option value=i>{label}</option> }).collect_view()}
        </select>
    }
}

#[component]
pub fn FilterBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang = ctx.lang.get();
        view! {
            <div class="filters">
                {pick(lang, "filter-channel", Key::AnyChannel,
                    CHANNELS.iter().map(|c| (*c, i18n::channel(lang, *c))).collect(),
                    |f, v| f.channel = v)}
                {pick(lang, "filter-delivery", Key::AnyDelivery,
                    DELIVERY_METHODS.iter().map(|m| (*m, i18n::delivery(lang, *m))).collect(),
                    |f, v| f.delivery = v)}
                {pick(lang, "filter-payment", Key::AnyPayment,
                    PAYMENT_METHODS.iter().map(|m| (*m, i18n::payment(lang, *m))).collect(),
                    |f, v| f.payment = v)}
                {pick(lang, "filter-paid", Key::AnyPaid,
                    vec![(true, t(lang, Key::FullyPaid)), (false, t(lang, Key::Unpaid))],
                    |f, v| f.paid = v)}
                <label class="date">{t(lang, Key::DateFrom)}
                    <input type="date" id="filter-from" on:change=move |ev| {
                        let day = Some(event_target_value(&ev)).filter(|d| !d.is_empty());
                        ctx.filter.update(|f| f.from_day = day);
                    }/>
                </label>
                <label class="date">{t(lang, Key::DateTo)}
                    <input type="date" id="filter-to" on:change=move |ev| {
                        let day = Some(event_target_value(&ev)).filter(|d| !d.is_empty());
                        ctx.filter.update(|f| f.to_day = day);
                    }/>
                </label>
            </div>
        }
    }
}
