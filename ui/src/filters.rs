//! The filter bar above the order table: channel, delivery, payment, paid, creation dates;
//! and the chips that say which filters apply.
//!
//! The controls show the filter as it is (the state lives in `Ctx`, the controls only mirror
//! it): the bar is built anew after Settings or a language switch, and controls that started
//! at «Любой …» while the old filter still applied hid orders without a word.

use leptos::prelude::*;

use crate::app::{Ctx, Filter};
use proto::display::{parse_day, show_day};

use crate::i18n::{self, t, work, Key, Lang, Work, DELIVERY_METHODS, PAYMENT_METHODS};

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
    get: impl Fn(&Filter) -> Option<T> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Filter, Option<T>) + Copy + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let values: Vec<T> = options.iter().map(|(v, _)| *v).collect();
    let shown = values.clone();
    let current = move || {
        ctx.filter
            .with(get)
            .and_then(|v| shown.iter().position(|x| *x == v))
            .map_or_else(String::new, |i| i.to_string())
    };
    view! {
        <select id=id prop:value=current on:change=move |ev| {
            let chosen = event_target_value(&ev).parse::<usize>().ok().and_then(|i| values.get(i).copied());
            ctx.filter.update(|f| set(f, chosen));
        }>
            <option value="">{t(lang, any)}</option>
            {options.into_iter().enumerate().map(|(i, (_, label))| view! { <option value=i>{label}</option> }).collect_view()}
        </select>
    }
}

/// A day typed as text: the OS's date field follows its locale (mm/dd/yyyy on a machine
/// without ru_RU), the desk's dates are always dd.mm.yyyy.
fn day_field(
    lang: Lang,
    id: &'static str,
    label: Key,
    get: fn(&Filter) -> Option<String>,
    set: fn(&mut Filter, Option<String>),
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let wrong = RwSignal::new(false);
    view! {
        <label class="date">{t(lang, label)}
            <input type="text" id=id inputmode="numeric" size="10" maxlength="10"
                placeholder=work(lang, Work::DayHint)
                class:invalid=move || wrong.get()
                prop:value=move || ctx.filter.with(get).map(|d| show_day(&d)).unwrap_or_default()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    if text.trim().is_empty() {
                        wrong.set(false);
                        ctx.filter.update(|f| set(f, None));
                    } else if let Some(day) = parse_day(&text) {
                        wrong.set(false);
                        ctx.filter.update(|f| set(f, Some(day)));
                    } else {
                        wrong.set(true);
                    }
                }/>
            {move || wrong.get().then(|| view! {
                <span class="field-error" id=format!("{id}-error") role="alert">{work(lang, Work::BadDay)}</span>
            })}
        </label>
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
                    |f| f.channel, |f, v| f.channel = v)}
                {pick(lang, "filter-delivery", Key::AnyDelivery,
                    DELIVERY_METHODS.iter().map(|m| (*m, i18n::delivery(lang, *m))).collect(),
                    |f| f.delivery, |f, v| f.delivery = v)}
                {pick(lang, "filter-payment", Key::AnyPayment,
                    PAYMENT_METHODS.iter().map(|m| (*m, i18n::payment(lang, *m))).collect(),
                    |f| f.payment, |f, v| f.payment = v)}
                {pick(lang, "filter-paid", Key::AnyPaid,
                    vec![(true, t(lang, Key::FullyPaid)), (false, t(lang, Key::Unpaid))],
                    |f| f.paid, |f, v| f.paid = v)}
                {day_field(lang, "filter-from", Key::DateFrom, |f| f.from_day.clone(), |f, d| f.from_day = d)}
                {day_field(lang, "filter-to", Key::DateTo, |f| f.to_day.clone(), |f, d| f.to_day = d)}
                <crate::orders_export::ExportButton/>
            </div>
            <Chips/>
        }
    }
}

/// A chip: its text, its name (for tests and styles) and what its × clears.
type Chip = (String, &'static str, Box<dyn Fn(&mut Filter) + Send + Sync>);

/// What narrows the list now, each with its ×; the search text too.
#[component]
fn Chips() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang = ctx.lang.get();
        let f = ctx.filter.get();
        let search = ctx.search.get();
        let mut chips: Vec<Chip> = Vec::new();
        if let Some(c) = f.channel {
            chips.push((
                i18n::channel(lang, c).into(),
                "channel",
                Box::new(|f| f.channel = None),
            ));
        }
        if let Some(d) = f.delivery {
            chips.push((
                i18n::delivery(lang, d).into(),
                "delivery",
                Box::new(|f| f.delivery = None),
            ));
        }
        if let Some(p) = f.payment {
            chips.push((
                i18n::payment(lang, p).into(),
                "payment",
                Box::new(|f| f.payment = None),
            ));
        }
        if let Some(paid) = f.paid {
            let text = t(lang, if paid { Key::FullyPaid } else { Key::Unpaid });
            chips.push((text.into(), "paid", Box::new(|f| f.paid = None)));
        }
        if let Some(d) = &f.from_day {
            let text = format!("{} {}", t(lang, Key::DateFrom), show_day(d));
            chips.push((text, "from", Box::new(|f| f.from_day = None)));
        }
        if let Some(d) = &f.to_day {
            let text = format!("{} {}", t(lang, Key::DateTo), show_day(d));
            chips.push((text, "to", Box::new(|f| f.to_day = None)));
        }
        let searching = search.trim().chars().count() >= 2;
        if chips.is_empty() && !searching {
            return None;
        }
        let several = chips.len() + usize::from(searching) > 1;
        let search_chip = searching.then(|| {
            view! {
                <span class="chip" data-chip="search">{work(lang, Work::SearchChip)}" «"{search.trim().to_owned()}"»"
                    <button class="chip-x" title=work(lang, Work::Close)
                        on:click=move |_| ctx.search.set(String::new())>"×"</button>
                </span>
            }
        });
        let items = chips
            .into_iter()
            .map(|(text, name, clear)| {
                view! {
                    <span class="chip" data-chip=name>{text}
                        <button class="chip-x" title=work(lang, Work::Close)
                            on:click=move |_| ctx.filter.update(|f| clear(f))>"×"</button>
                    </span>
                }
            })
            .collect_view();
        Some(view! {
            <div class="chips" id="filter-chips">
                {search_chip}
                {items}
                {several.then(|| view! {
                    <button class="link" id="clear-filters" on:click=move |_| {
                        ctx.search.set(String::new());
                        ctx.filter.set(Filter::default());
                    }>{work(lang, Work::ClearFilters)}</button>
                })}
            </div>
        })
    }
}
