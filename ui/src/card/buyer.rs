//! «Покупатель: частное лицо / организация»: for a company, the requisites its invoice and
//! накладная carry. A refused field is marked beside it, every one at once.

use leptos::prelude::*;
use proto::{
    cmd, BuyerField, BuyerFieldError, BuyerOutcome, CommandError, CompanyBuyer, OrderDetail,
};

use crate::app::Ctx;
use crate::i18n::{self, t, Key, Lang};

async fn set_buyer(
    order_id: &str,
    company: Option<CompanyBuyer>,
) -> Result<BuyerOutcome, CommandError> {
    crate::api::call(&cmd::SetBuyer {
        order_id: order_id.to_owned(),
        company,
    })
    .await
}

type Field = (
    BuyerField,
    Key,
    &'static str,
    fn(&CompanyBuyer) -> &String,
    fn(&mut CompanyBuyer) -> &mut String,
);

/// In the order an accountant reads them; the bank last, as it may stay empty.
const FIELDS: [Field; 8] = [
    (
        BuyerField::Name,
        Key::ReqName,
        "buyer-name",
        |c| &c.name,
        |c| &mut c.name,
    ),
    (
        BuyerField::Inn,
        Key::ReqInn,
        "buyer-inn",
        |c| &c.inn,
        |c| &mut c.inn,
    ),
    (
        BuyerField::Kpp,
        Key::ReqKpp,
        "buyer-kpp",
        |c| &c.kpp,
        |c| &mut c.kpp,
    ),
    (
        BuyerField::Address,
        Key::LegalAddress,
        "buyer-address",
        |c| &c.address,
        |c| &mut c.address,
    ),
    (
        BuyerField::BankName,
        Key::ReqBank,
        "buyer-bank",
        |c| &c.bank_name,
        |c| &mut c.bank_name,
    ),
    (
        BuyerField::Bic,
        Key::ReqBic,
        "buyer-bic",
        |c| &c.bic,
        |c| &mut c.bic,
    ),
    (
        BuyerField::SettlementAccount,
        Key::ReqAccount,
        "buyer-account",
        |c| &c.settlement_account,
        |c| &mut c.settlement_account,
    ),
    (
        BuyerField::CorrAccount,
        Key::ReqCorrAccount,
        "buyer-corr",
        |c| &c.corr_account,
        |c| &mut c.corr_account,
    ),
];

pub fn block(lang: Lang, order: &OrderDetail) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let busy = RwSignal::new(false);
    let is_company = RwSignal::new(order.buyer.is_some());
    let form = RwSignal::new(order.buyer.clone().unwrap_or_default());
    let errors = RwSignal::new(Vec::<BuyerFieldError>::new());
    let id = order.id.clone();
    // The companies this customer was billed as before: picking one fills the form (saved
    // with the button, as typed requisites are).
    let known = StoredValue::new(order.companies.clone());
    let pick = move |ev| {
        let chosen = event_target_value(&ev)
            .parse::<usize>()
            .ok()
            .and_then(|i| known.with_value(|k| k.get(i).cloned()));
        if let Some(company) = chosen {
            form.set(company);
            is_company.set(true);
            errors.set(Vec::new());
        }
    };
    let known_select = move || {
        known.with_value(|k| !k.is_empty()).then(|| {
            let options = known.with_value(|k| {
                k.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let label = format!("{}, {} {}", c.name, t(lang, Key::ReqInn), c.inn);
                        view! { <option value=i.to_string()>{label}</option> }
                    })
                    .collect_view()
            });
            view! {
                <label class="buyer-known">{t(lang, Key::BuyerKnown)}
                    <select id="buyer-known" on:change=pick>
                        <option value="" selected=true>{t(lang, Key::BuyerKnownPick)}</option>
                        {options}
                    </select>
                </label>
            }
        })
    };
    // A refusal that is not about one of the fields (a locked order, the desk away) is said
    // beside «Сохранить покупателя».
    let said = RwSignal::new(None::<String>);
    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let company = is_company.get_untracked().then(|| form.get_untracked());
        let id = id.clone();
        leptos::task::spawn_local(async move {
            match set_buyer(&id, company).await {
                Ok(BuyerOutcome::Saved { .. }) => {
                    errors.set(Vec::new());
                    said.set(None);
                    ctx.changed();
                }
                Ok(BuyerOutcome::Invalid { errors: found }) => errors.set(found),
                Err(err) => said.set(Some(i18n::error_text(lang, &err))),
            }
            busy.set(false);
        });
    };
    let error_of = move |field: BuyerField| {
        errors.with(|list| list.iter().find(|e| e.field == field).map(|e| e.problem))
    };
    let fields = move || {
        FIELDS
            .iter()
            .map(|&(field, key, id, get, set)| {
                view! {
                    <label>{t(lang, key)}
                        <input id=id class:invalid=move || error_of(field).is_some()
                            prop:value=move || form.with(|c| get(c).clone())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                form.update(|c| *set(c) = v);
                            }/>
                        {move || error_of(field).map(|problem| view! {
                            <span class="field-error" id=format!("{id}-error")>
                                {i18n::buyer_error(lang, field, problem)}
                            </span>
                        })}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <h3>{t(lang, Key::Buyer)}</h3>
        <div class="inline-form" id="buyer-kind">
            <label>
                <input type="radio" name="buyer-kind" id="buyer-person"
                    prop:checked=move || !is_company.get()
                    on:change=move |_| is_company.set(false)/>
                {t(lang, Key::BuyerPerson)}
            </label>
            <label>
                <input type="radio" name="buyer-kind" id="buyer-company"
                    prop:checked=move || is_company.get()
                    on:change=move |_| is_company.set(true)/>
                {t(lang, Key::BuyerCompany)}
            </label>
        </div>
        {known_select}
        {move || is_company.get().then(|| view! {
            <div class="form buyer" id="buyer-fields">{fields}</div>
        })}
        <button id="save-buyer" disabled=move || busy.get() on:click=save>{t(lang, Key::SaveBuyer)}</button>
        {super::said_note(said, "save-buyer")}
    }
}
