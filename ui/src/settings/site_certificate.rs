//! «Получить сертификат сайта» in both connection forms: the certificate the site at the
//! form's address presents (fetched by the desk, or by the hub for a team desk), shown with
//! whom it was issued to and by, its dates and its SHA-256 fingerprint. It is pinned only
//! when the admin, having compared the fingerprint, presses «закрепить» — never by fetching.

use leptos::prelude::*;
use proto::{CommandError, SiteCertificate};

use super::channel_edit::TrustForm;
use crate::i18n::site_certificate::{word, Cert};
use crate::i18n::Lang;

/// The button, and under it what the site presented or why nothing came. `prefix` names the
/// form (`new`, `edit`) for the window stories.
pub(super) fn fetch_panel(
    lang: Lang,
    form: TrustForm,
    url: RwSignal<String>,
    prefix: &'static str,
) -> impl IntoView {
    let fetched = RwSignal::new(None::<Result<SiteCertificate, CommandError>>);
    let fetching = RwSignal::new(false);
    let pinned = RwSignal::new(false);
    let fetch = move |_| {
        let base_url = url.get_untracked();
        fetched.set(None);
        pinned.set(false);
        fetching.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api_team::site_certificate(base_url).await;
            fetching.set(false);
            fetched.set(Some(answer));
        });
    };
    let shown = move || match fetched.get() {
        None => None,
        Some(Err(e)) => Some(
            view! {
                <p class=format!("late {prefix}-cert-failed") role="status">
                    "⚠ "{crate::i18n::error_text(lang, &e)}
                </p>
            }
            .into_any(),
        ),
        Some(Ok(c)) => Some(certificate(lang, c, form, pinned, prefix).into_any()),
    };
    view! {
        <div class="site-cert">
            <button type="button" class=format!("{prefix}-fetch-cert")
                disabled=move || fetching.get() on:click=fetch>
                {word(lang, Cert::Fetch)}
            </button>
            {move || fetching.get().then(|| view! { <span class="muted">" "{word(lang, Cert::Fetching)}</span> })}
            {shown}
        </div>
    }
}

fn certificate(
    lang: Lang,
    c: SiteCertificate,
    form: TrustForm,
    pinned: RwSignal<bool>,
    prefix: &'static str,
) -> impl IntoView {
    let self_signed = (c.subject == c.issuer).then(|| {
        view! { <span class="muted">" ("{word(lang, Cert::SelfSigned)}")"</span> }
    });
    let out_of_date = c.out_of_date.then(|| {
        view! { <span class="late">" ⚠ "{word(lang, Cert::OutOfDate)}</span> }
    });
    let pem = c.pem.clone();
    let pin = move |_| {
        form.pin(pem.clone());
        pinned.set(true);
    };
    view! {
        <div class=format!("cert-card {prefix}-cert")>
            <dl>
                <dt>{word(lang, Cert::IssuedTo)}</dt>
                <dd class="cert-subject">{c.subject.clone()}</dd>
                <dt>{word(lang, Cert::IssuedBy)}</dt>
                <dd class="cert-issuer">{c.issuer.clone()}{self_signed}</dd>
                <dt>{word(lang, Cert::Valid)}</dt>
                <dd class="cert-dates">
                    {word(lang, Cert::From)}" "{crate::format::date_time(c.not_before)}" "
                    {word(lang, Cert::To)}" "{crate::format::date_time(c.not_after)}{out_of_date}
                </dd>
                <dt>"SHA-256"</dt>
                <dd><code class="cert-fingerprint">{c.fingerprint.clone()}</code></dd>
            </dl>
            <p class="muted">{word(lang, Cert::Compare)}</p>
            {move || if pinned.get() {
                view! { <p class=format!("done {prefix}-cert-pinned") role="status">"✓ "{word(lang, Cert::Pinned)}</p> }.into_any()
            } else {
                view! {
                    <button type="button" class=format!("{prefix}-pin-cert") on:click=pin.clone()>
                        {word(lang, Cert::Pin)}
                    </button>
                }.into_any()
            }}
        </div>
    }
}
