//! The shop's requisites: what every paper prints as the supplier and the payee.

use leptos::prelude::*;
use proto::{CommandError, ErrorReason, RequisiteField, RequisiteProblem, Requisites};

use crate::api_admin as api;
use crate::app::Ctx;
use crate::i18n::{t, Key};

type Field = (
    Key,
    &'static str,
    fn(&Requisites) -> &String,
    fn(&mut Requisites) -> &mut String,
);

/// The form's fields in the order accountants read them.
const FIELDS: [Field; 13] = [
    (Key::ReqName, "req-name", |r| &r.name, |r| &mut r.name),
    (Key::ReqInn, "req-inn", |r| &r.inn, |r| &mut r.inn),
    (Key::ReqKpp, "req-kpp", |r| &r.kpp, |r| &mut r.kpp),
    (Key::ReqOgrn, "req-ogrn", |r| &r.ogrn, |r| &mut r.ogrn),
    (
        Key::Address,
        "req-address",
        |r| &r.address,
        |r| &mut r.address,
    ),
    (Key::Phone, "req-phone", |r| &r.phone, |r| &mut r.phone),
    (
        Key::ReqBank,
        "req-bank",
        |r| &r.bank_name,
        |r| &mut r.bank_name,
    ),
    // GOST R 56042 allows 45 characters for the bank in the payment QR.
    (
        Key::ReqBankQr,
        "req-bank-qr",
        |r| &r.bank_name_qr,
        |r| &mut r.bank_name_qr,
    ),
    (Key::ReqBic, "req-bic", |r| &r.bic, |r| &mut r.bic),
    (
        Key::ReqAccount,
        "req-account",
        |r| &r.settlement_account,
        |r| &mut r.settlement_account,
    ),
    (
        Key::ReqCorrAccount,
        "req-corr",
        |r| &r.corr_account,
        |r| &mut r.corr_account,
    ),
    (
        Key::ReqDirector,
        "req-director",
        |r| &r.director,
        |r| &mut r.director,
    ),
    (
        Key::ReqAccountant,
        "req-accountant",
        |r| &r.accountant,
        |r| &mut r.accountant,
    ),
];

/// What the form says beside the bank's fields while they are typed, so a name too long for
/// the payment QR is found here and not at the till when a ПД-4 is printed.
fn qr_problem(r: &Requisites, id: &str) -> Option<Key> {
    let too_long = |name: &str| name.trim().chars().count() > Requisites::QR_BANK_NAME_MAX;
    match id {
        "req-bank" if r.bank_name_qr.trim().is_empty() && too_long(&r.bank_name) => {
            Some(Key::ReqBankTooLongForQr)
        }
        "req-bank-qr" if too_long(&r.bank_name_qr) => Some(Key::ReqBankQrTooLong),
        _ => None,
    }
}

/// The form's input of a refused requisite.
fn input_of(field: RequisiteField) -> Option<&'static str> {
    use RequisiteField as F;
    Some(match field {
        F::Name => "req-name",
        F::Inn => "req-inn",
        F::Kpp => "req-kpp",
        F::Ogrn => "req-ogrn",
        F::Bic => "req-bic",
        F::BankName => "req-bank",
        F::BankNameQr => "req-bank-qr",
        F::SettlementAccount => "req-account",
        F::CorrAccount => "req-corr",
        F::Other => return None,
    })
}

/// A refusal's problems, when every one names an input of the form; `None`: the refusal is
/// said beside the button instead.
fn by_field(e: &CommandError) -> Option<Vec<RequisiteProblem>> {
    match e.reason.as_deref() {
        Some(ErrorReason::Requisites { problems })
            if problems.iter().all(|p| input_of(p.field).is_some()) =>
        {
            Some(problems.clone())
        }
        _ => None,
    }
}

/// `on_saved` runs after a save went through (the first run moves on to its next step).
#[component]
pub fn RequisitesForm(#[prop(optional)] on_saved: Option<Callback<()>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let form = RwSignal::new(Requisites::default());
    let saved = RwSignal::new(false);
    // The desk's refusal beside each field it names (issue 15, point 10), or beside the
    // button when it names none; the banner keeps only what is not about the form.
    let wrong = RwSignal::new(Vec::<RequisiteProblem>::new());
    let refused = RwSignal::new(None::<CommandError>);
    leptos::task::spawn_local(async move {
        match api::requisites().await {
            Ok(r) => form.set(r.unwrap_or_default()),
            Err(e) => ctx.fail(e),
        }
    });
    let save = move |_| {
        let value = form.get_untracked();
        leptos::task::spawn_local(async move {
            // Every problem (check digits, the account's key against the БИК) comes back at once.
            match api::save_requisites(value).await {
                Ok(r) => {
                    form.set(r);
                    wrong.set(Vec::new());
                    refused.set(None);
                    saved.set(true);
                    ctx.error.set(None);
                    if let Some(next) = on_saved {
                        next.run(());
                    }
                }
                Err(e) => match by_field(&e) {
                    Some(problems) => {
                        refused.set(None);
                        wrong.set(problems);
                    }
                    None if e.code == proto::ErrorCode::InvalidInput => {
                        wrong.set(Vec::new());
                        refused.set(Some(e));
                    }
                    None => ctx.fail(e),
                },
            }
        });
    };
    move || {
        let lang = ctx.lang.get();
        let fields = FIELDS
            .iter()
            .map(|&(key, id, get, set)| {
                let problem = move || form.with(|r| qr_problem(r, id));
                let desk_said = move || {
                    wrong.with(|w| {
                        let said: Vec<String> = w
                            .iter()
                            .filter(|p| input_of(p.field) == Some(id))
                            .map(|p| p.wording(lang))
                            .collect();
                        (!said.is_empty()).then(|| said.join("; "))
                    })
                };
                view! {
                    <label>{t(lang, key)}
                        <input id=id prop:value=move || form.with(|r| get(r).clone())
                            class:invalid=move || problem().is_some()
                            aria-invalid=move || (problem().is_some() || desk_said().is_some()).then_some("true")
                            on:input=move |ev| {
                                saved.set(false);
                                wrong.update(|w| w.retain(|p| input_of(p.field) != Some(id)));
                                let v = event_target_value(&ev);
                                form.update(|r| *set(r) = v);
                            }/>
                        // The hint while typing, else what the desk refused.
                        {move || match (problem(), desk_said()) {
                            (Some(k), _) => Some(view! {
                                <span class="field-error" id=format!("{id}-error")>{t(lang, k)}</span>
                            }.into_any()),
                            (None, Some(text)) => Some(view! {
                                <span class="field-error" id=format!("{id}-error") role="alert">{text}</span>
                            }.into_any()),
                            (None, None) => None,
                        }}
                    </label>
                }
            })
            .collect_view();
        view! {
            <div class="form requisites" id="requisites-form">
                {fields}
                <div class="row">
                    <button class="primary" id="save-requisites" on:click=save>{t(lang, Key::SaveSettings)}</button>
                    {move || saved.get().then(|| view! { <span class="done" id="requisites-saved">{t(lang, Key::Saved)}</span> })}
                </div>
                {move || refused.get().map(|e| view! {
                    <p class="field-error" id="save-requisites-error" role="alert">{crate::i18n::error_text(lang, &e)}</p>
                })}
            </div>
        }
    }
}
