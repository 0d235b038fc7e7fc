//! A connection's address, keys and certificate: the edit form on its card, the certificate
//! field both forms share, and the test every save runs first (a connection whose test fails
//! is not saved; one the channel could not answer is saved only when the admin says so).

use std::future::Future;

use leptos::prelude::*;
use proto::{
    ChannelTestResult, ChannelView, CommandError, ConnectionEdit, NewKeys, TrustEdit, TrustInput,
    TrustView,
};
use wasm_bindgen::JsCast;

use crate::api_team as api;
use crate::field_error::Refused;
use crate::i18n::{t, Key, Lang};

/// The certificate a form trusts: none, the shop's CA, or the site's own certificate pinned.
#[derive(Clone, Copy)]
pub(super) struct TrustForm {
    /// 0: none, 1: a CA, 2: pinned.
    mode: RwSignal<u8>,
    pem: RwSignal<String>,
}

impl TrustForm {
    pub(super) fn new(current: Option<&TrustView>) -> TrustForm {
        TrustForm {
            mode: RwSignal::new(current.map_or(0, |t| if t.pinned { 2 } else { 1 })),
            pem: RwSignal::new(current.map(|t| t.pem.clone()).unwrap_or_default()),
        }
    }

    pub(super) fn input(self) -> Option<TrustInput> {
        match self.mode.get_untracked() {
            0 => None,
            mode => Some(TrustInput {
                pinned: mode == 2,
                pem: self.pem.get_untracked(),
            }),
        }
    }

    /// The site's certificate the admin fetched and compared: pinned in the form, saved with
    /// the connection.
    pub(super) fn pin(self, pem: String) {
        self.mode.set(2);
        self.pem.set(pem);
    }

    pub(super) fn clear(self) {
        self.mode.set(0);
        self.pem.set(String::new());
    }

    fn edit(self, before: Option<&TrustView>) -> TrustEdit {
        match (self.input(), before) {
            (None, None) => TrustEdit::Keep,
            (None, Some(_)) => TrustEdit::Remove,
            (Some(now), Some(b)) if now.pinned == b.pinned && now.pem.trim() == b.pem.trim() => {
                TrustEdit::Keep
            }
            (Some(now), _) => TrustEdit::Set(now),
        }
    }
}

/// The certificate's kind, its PEM (pasted, read from a file, or fetched from the site at
/// `url`) and its SHA-256 fingerprint, to compare with the one the site's administrator or
/// the browser shows.
pub(super) fn trust_field(
    lang: Lang,
    form: TrustForm,
    url: RwSignal<String>,
    prefix: &'static str,
) -> impl IntoView {
    let fingerprint = LocalResource::new(move || {
        let pem = form.pem.get();
        let on = form.mode.get() != 0;
        async move {
            if !on || pem.trim().is_empty() {
                return None;
            }
            Some(api::certificate_fingerprint(pem).await)
        }
    });
    let read_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                form.pem.set(text.as_string().unwrap_or_default());
            }
        });
    };
    let shown = move || match fingerprint.get().flatten() {
        Some(Ok(print)) => Some(
            view! {
                <p class="fingerprint">{t(lang, Key::Fingerprint)}": "<code>{print}</code></p>
            }
            .into_any(),
        ),
        Some(Err(e)) => {
            Some(view! { <p class="late">"⚠ "{crate::i18n::error_text(lang, &e)}</p> }.into_any())
        }
        None => None,
    };
    view! {
        <fieldset class="trust">
            <label>{t(lang, Key::Certificate)}
                <select class=format!("{prefix}-trust-mode") on:change=move |ev| {
                    form.mode.set(event_target_value(&ev).parse().unwrap_or(0))
                }>
                    <option value="0" selected=move || form.mode.get() == 0>{t(lang, Key::TrustNone)}</option>
                    <option value="1" selected=move || form.mode.get() == 1>{t(lang, Key::TrustCa)}</option>
                    <option value="2" selected=move || form.mode.get() == 2>{t(lang, Key::TrustPinned)}</option>
                </select>
            </label>
            {super::site_certificate::fetch_panel(lang, form, url, prefix)}
            {move || (form.mode.get() != 0).then(|| view! {
                <label>{t(lang, Key::CertificatePem)}
                    <textarea class=format!("{prefix}-trust-pem") rows="4" spellcheck="false"
                        prop:value=move || form.pem.get()
                        on:input=move |ev| form.pem.set(event_target_value(&ev))></textarea>
                </label>
                <label>{t(lang, Key::CertificateFile)}
                    <input type="file" accept=".pem,.crt,.cer,.txt" on:change=read_file/>
                </label>
                {shown}
            })}
        </fieldset>
    }
}

/// Tests, shows the answer in `answer`, and saves only after a passed test — or, when the
/// channel itself could not answer, after the admin agrees. Returns whether it saved. A test
/// the desk refused for one of the form's fields (an empty name, not a site's address) is
/// said beside that field by `refused` instead.
pub(super) async fn test_then_save<T, S, Fut>(
    lang: Lang,
    answer: RwSignal<Option<(bool, String)>>,
    refused: Refused,
    test: impl Future<Output = Result<ChannelTestResult, CommandError>>,
    save: S,
) -> Result<bool, CommandError>
where
    S: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, CommandError>>,
{
    answer.set(None);
    refused.clear();
    let result = match test.await {
        Ok(r) => r,
        Err(e) if refused.keep(e.clone()) => return Ok(false),
        Err(e) => ChannelTestResult {
            ok: false,
            message: crate::i18n::error_text(lang, &e),
            may_save_anyway: false,
            outcome: None,
        },
    };
    let said = result.said(lang);
    if !result.ok {
        let anyway = result.may_save_anyway && {
            let question = format!("{said}\n\n{}", t(lang, Key::SaveUntested));
            let (yes, no) = (t(lang, Key::SaveAnyway).into(), t(lang, Key::Back).into());
            crate::dialog::confirm(question, yes, no).await
        };
        if !anyway {
            let text = format!("{said} {}", t(lang, Key::NotSavedTestFailed));
            answer.set(Some((false, text)));
            return Ok(false);
        }
    }
    save().await?;
    let text = format!("{said} {}", t(lang, Key::ConnectionSaved));
    answer.set(Some((result.ok, text)));
    Ok(true)
}

/// «Изменить адрес, ключи, сертификат» on a connection's card. The stored keys are never
/// shown: empty fields keep them.
pub(super) fn edit_form(
    lang: Lang,
    c: &ChannelView,
    reload: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let id = c.id.clone();
    let before = c.trust.clone();
    let (name, url, key, secret) = (
        RwSignal::new(c.name.clone()),
        RwSignal::new(c.base_url.clone()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let trust = TrustForm::new(before.as_ref());
    let answer = RwSignal::new(None::<(bool, String)>);
    let refused = Refused::new(&["name", "url", "key", "secret"]);
    let details = NodeRef::<leptos::html::Details>::new();
    let form = {
        let before = before.clone();
        move || {
            let (k, s) = (key.get_untracked(), secret.get_untracked());
            ConnectionEdit {
                name: name.get_untracked(),
                base_url: url.get_untracked(),
                keys: (!k.trim().is_empty() || !s.trim().is_empty())
                    .then_some(NewKeys { key: k, secret: s }),
                trust: trust.edit(before.as_ref()),
            }
        }
    };
    let test = {
        let (id, form) = (id.clone(), form.clone());
        move |_| {
            let (id, edit) = (id.clone(), form());
            answer.set(None);
            refused.clear();
            leptos::task::spawn_local(async move {
                match crate::api_market::test_edit(&id, edit).await {
                    Ok(r) => answer.set(Some((r.ok, r.said(lang)))),
                    Err(e) if refused.keep(e.clone()) => {}
                    Err(e) => answer.set(Some((false, crate::i18n::error_text(lang, &e)))),
                }
            });
        }
    };
    let save = {
        let id = id.clone();
        move |_| {
            let (id, edit) = (id.clone(), form());
            leptos::task::spawn_local(async move {
                let tested = crate::api_market::test_edit(&id, edit.clone());
                match test_then_save(lang, answer, refused, tested, || api::edit(&id, edit)).await {
                    Ok(true) => {
                        key.set(String::new());
                        secret.set(String::new());
                        // Saved: the form closes (its answer stays in view below it), so
                        // the card shows the connection as it now is.
                        if let Some(d) = details.get_untracked() {
                            let _ = d.remove_attribute("open");
                        }
                        reload();
                    }
                    Ok(false) => {}
                    // The keys not kept (no keyring on this PC) is this save's own failure.
                    Err(e) => refused.keep_all(e),
                }
            });
        }
    };
    let input = move |class: &'static str,
                      field: &'static str,
                      label: Key,
                      value: RwSignal<String>,
                      secret: bool| {
        view! {
            <label>{t(lang, label)}
                <input class=class type=if secret { "password" } else { "text" }
                    placeholder=if matches!(label, Key::ChannelLogin | Key::ChannelSecret) { t(lang, Key::KeepKeys) } else { "" }
                    aria-invalid=refused.invalid(field)
                    prop:value=move || value.get()
                    on:input=move |ev| { refused.typed(field); value.set(event_target_value(&ev)) }/>
                {refused.note(lang, field, class)}
            </label>
        }
    };
    let trust_line = before.map(|tr| {
        let kind = if tr.pinned {
            Key::TrustPinned
        } else {
            Key::TrustCa
        };
        view! {
            <p class="muted trust-line">"🔒 "{t(lang, kind)}" · SHA-256 "<code>{tr.fingerprint}</code></p>
        }
    });
    view! {
        {trust_line}
        <details class="channel-edit" data-connection=id.clone() node_ref=details>
            <summary>{t(lang, Key::EditConnection)}</summary>
            <div class="form">
                {input("edit-name", "name", Key::ConnectionName, name, false)}
                {input("edit-url", "url", Key::ChannelUrl, url, false)}
                {input("edit-key", "key", Key::ChannelLogin, key, false)}
                {input("edit-secret", "secret", Key::ChannelSecret, secret, true)}
                <p class="muted">{t(lang, Key::KeepKeysHint)}</p>
                {trust_field(lang, trust, url, "edit")}
                <div class="row">
                    <button class="primary edit-save" on:click=save>{t(lang, Key::SaveConnection)}</button>
                    <button class="edit-test" on:click=test>{t(lang, Key::TestConnection)}</button>
                </div>
                {refused.at_action(lang, "edit-save")}
            </div>
        </details>
        {move || answer.get().map(|(ok, text)| view! {
            <p class="edit-answer" class:done=ok class:late=!ok role="status">{if ok { "✓ " } else { "⚠ " }}{text}</p>
        })}
    }
}
