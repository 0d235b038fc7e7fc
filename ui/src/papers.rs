//! Papers for one order or a selection: preview in the desk, print through the OS, save as PDF.

use leptos::prelude::*;
use proto::DocKind;

use crate::api_admin as api;
use crate::app::Ctx;
use crate::field_error::SaidAt;
use crate::i18n::{self, t, Key};

const MAX_COPIES: u32 = 99;

/// The printers, asked once per window: listing them runs `lpstat`.
fn printers() -> LocalResource<Vec<String>> {
    LocalResource::new(|| async { api::printers().await.unwrap_or_default() })
}

/// The choices and results of the paper panels, kept at the window's level: a print or a save
/// refreshes the order card (the history gains a line), which rebuilds the panel inside it.
#[derive(Clone, Copy)]
pub struct PaperState {
    kind: RwSignal<DocKind>,
    /// Whom a route sheet is made out to.
    courier: RwSignal<String>,
    printer: RwSignal<String>,
    copies: RwSignal<u32>,
    busy: RwSignal<bool>,
    /// The last result, with the panel it belongs to.
    done: RwSignal<Option<(&'static str, String)>>,
    /// The last refusal, said beside the button of the panel that asked (issue 15, point 10).
    failed: SaidAt<(&'static str, Action)>,
    /// The previewed paper's pages, as image URLs.
    preview: RwSignal<Option<Vec<String>>>,
    printers: LocalResource<Vec<String>>,
}

impl PaperState {
    pub fn provide() {
        provide_context(PaperState {
            kind: RwSignal::new(DocKind::Invoice),
            courier: RwSignal::new(String::new()),
            printer: RwSignal::new(String::new()),
            copies: RwSignal::new(1),
            busy: RwSignal::new(false),
            done: RwSignal::new(None),
            failed: SaidAt::new(),
            preview: RwSignal::new(None),
            printers: printers(),
        });
    }
}

/// The preview over the whole window.
#[component]
pub fn PaperPreview() -> impl IntoView {
    let state = expect_context::<PaperState>();
    move || {
        state
            .preview
            .get()
            .map(|url| preview_frame(url, state.preview))
    }
}

/// Document, printer and copies, and the three things one does with a paper.
#[component]
pub fn PaperPanel(#[prop(into)] order_ids: Signal<Vec<String>>, id: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let PaperState {
        kind,
        courier,
        printer,
        copies,
        busy,
        done,
        failed,
        preview,
        printers,
    } = expect_context::<PaperState>();

    // Asked again whenever another paper is chosen: the desk says what to know before handing
    // it over (a transport waybill dated after the rules of its form ended).
    let warnings = LocalResource::new(move || {
        let k = kind.get();
        let ids = order_ids.get();
        async move {
            if k == DocKind::TransportWaybill && !ids.is_empty() {
                api::paper_warnings(&ids, k).await.unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });

    let run = move |what: Action| {
        if busy.get_untracked() {
            return;
        }
        let ids = order_ids.get_untracked();
        let (k, p, c) = (
            kind.get_untracked(),
            printer.get_untracked(),
            copies.get_untracked(),
        );
        let who = courier.get_untracked();
        busy.set(true);
        done.set(None);
        failed.clear();
        leptos::task::spawn_local(async move {
            let lang = ctx.lang.get_untracked();
            // The route sheet's courier; on the товарная накладная whoever hands the goods
            // over («Отпуск груза произвёл»), the person signed in when left empty.
            let who =
                matches!(k, DocKind::RouteSheet | DocKind::DeliveryNote).then_some(who.as_str());
            let result = match what {
                Action::Preview => api::preview_paper(&ids, k, who).await.map(|pages| {
                    preview.set(Some(pages));
                    Some(String::new())
                }),
                Action::Print => {
                    let p = (!p.is_empty()).then_some(p);
                    api::print_paper(&ids, k, who, p, c)
                        .await
                        .map(|out| Some(format!("{}: {}", t(lang, Key::SentToPrinter), out.job)))
                }
                Action::Save => api::save_paper(&ids, k, who)
                    .await
                    .map(|path| Some(format!("{}: {path}", t(lang, Key::SavedTo)))),
            };
            match result {
                Ok(message) => {
                    done.set(message.filter(|m| !m.is_empty()).map(|m| (id, m)));
                    // Printing and invoice numbers show in the orders' history.
                    ctx.changed();
                }
                Err(err) => failed.keep((id, what), err),
            }
            busy.set(false);
        });
    };

    move || {
        let lang = ctx.lang.get();
        let kinds = DocKind::ALL
            .iter()
            .enumerate()
            .map(|(i, k)| view! { <option value=i selected=move || kind.get() == *k>{i18n::doc_kind(lang, *k)}</option> })
            .collect_view();
        let printer_options = move || {
            printers
                .get()
                .unwrap_or_default()
                .into_iter()
                .map(|p| view! { <option value=p.clone()>{p.clone()}</option> })
                .collect_view()
        };
        let empty = move || order_ids.get().is_empty();
        view! {
            <div class="papers" id=id>
                <select class="doc-kind" on:change=move |ev| {
                    if let Some(k) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| DocKind::ALL.get(i)) {
                        kind.set(*k);
                    }
                }>{kinds}</select>
                {move || {
                    let hint = match kind.get() {
                        DocKind::RouteSheet => Key::Courier,
                        DocKind::DeliveryNote => Key::ReleasedBy,
                        _ => return None,
                    };
                    Some(view! {
                        <input class="courier" placeholder=t(lang, hint) title=t(lang, hint)
                            prop:value=move || courier.get()
                            on:input=move |ev| courier.set(event_target_value(&ev))/>
                    })
                }}
                <select class="printer" title=t(lang, Key::Printer) on:change=move |ev| printer.set(event_target_value(&ev))>
                    <option value="">{t(lang, Key::DefaultPrinter)}</option>
                    {printer_options}
                </select>
                <label class="copies">{t(lang, Key::Copies)}" "
                    <input type="number" min="1" max=MAX_COPIES.to_string() prop:value=move || copies.get().to_string()
                        on:change=move |ev| {
                            let n = event_target_value(&ev).parse::<u32>().unwrap_or(1);
                            copies.set(n.clamp(1, MAX_COPIES));
                        }/>
                </label>
                <button class="preview" disabled=move || busy.get() || empty() on:click=move |_| run(Action::Preview)>{t(lang, Key::Preview)}</button>
                <button class="print primary" disabled=move || busy.get() || empty() on:click=move |_| run(Action::Print)>{t(lang, Key::Print)}</button>
                <button class="save-pdf" disabled=move || busy.get() || empty() on:click=move |_| run(Action::Save)>{t(lang, Key::SavePdf)}</button>
                {[Action::Preview, Action::Print, Action::Save].into_iter().map(|a| failed.note(lang, (id, a), format!("{id}-{}-error", a.name()))).collect_view()}
                {move || done.get().filter(|(panel, _)| *panel == id).map(|(_, m)| view! { <p class="done">{m}</p> })}
                {move || warnings.get().unwrap_or_default().into_iter().map(|w| view! { <p class="paper-warning" role="note">{move || w.words(ctx.lang.get())}</p> }).collect_view()}
            </div>
        }
    }
}

/// A marketplace order's package labels (the marketplace's own PDF): printed on the printer
/// and copies chosen above, or saved beside the papers.
#[component]
pub fn LabelsPanel(order_id: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let PaperState {
        printer,
        copies,
        busy,
        done,
        failed,
        ..
    } = expect_context::<PaperState>();
    let id = "order-labels";
    let run = move |print: bool| {
        if busy.get_untracked() {
            return;
        }
        let order_id = order_id.clone();
        let (p, c) = (printer.get_untracked(), copies.get_untracked());
        busy.set(true);
        done.set(None);
        failed.clear();
        leptos::task::spawn_local(async move {
            let lang = ctx.lang.get_untracked();
            let result = if print {
                let p = (!p.is_empty()).then_some(p);
                api::order_labels_print(&order_id, p, c)
                    .await
                    .map(|out| format!("{}: {}", t(lang, Key::SentToPrinter), out.job))
            } else {
                api::order_labels_save(&order_id)
                    .await
                    .map(|path| format!("{}: {path}", t(lang, Key::SavedTo)))
            };
            match result {
                Ok(message) => {
                    done.set(Some((id, message)));
                    ctx.changed();
                }
                Err(err) => {
                    let what = if print { Action::Print } else { Action::Save };
                    failed.keep((id, what), err)
                }
            }
            busy.set(false);
        });
    };
    let save = run.clone();
    move || {
        let lang = ctx.lang.get();
        let (run, save) = (run.clone(), save.clone());
        view! {
            <div class="papers labels" id=id>
                <span>{t(lang, Key::MarketplaceLabels)}</span>
                <button class="print-labels" disabled=move || busy.get() on:click=move |_| run(true)>{t(lang, Key::PrintLabels)}</button>
                <button class="save-labels" disabled=move || busy.get() on:click=move |_| save(false)>{t(lang, Key::SaveLabels)}</button>
                {[Action::Print, Action::Save].into_iter().map(|a| failed.note(lang, (id, a), format!("{id}-{}-error", a.name()))).collect_view()}
                {move || done.get().filter(|(panel, _)| *panel == id).map(|(_, m)| view! { <p class="done">{m}</p> })}
            </div>
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Preview,
    Print,
    Save,
}

impl Action {
    /// As the button's class names it: the refusal beside it is `{panel}-{name}-error`.
    fn name(self) -> &'static str {
        match self {
            Action::Preview => "preview",
            Action::Print => "print",
            Action::Save => "save-pdf",
        }
    }
}

fn preview_frame(pages: Vec<String>, preview: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let images = pages
        .into_iter()
        .enumerate()
        .map(|(i, src)| {
            // Marked once decoded, so a screenshot or a test never catches a blank page.
            view! {
                <img class="page" src=src alt=format!("{}", i + 1)
                    on:load=|ev| {
                        if let Some(img) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) {
                            let _ = img.set_attribute("data-loaded", "");
                        }
                    }/>
            }
        })
        .collect_view();
    view! {
        <div class="overlay" id="paper-preview" on:click=move |_| preview.set(None)>
            <div class="sheet" on:click=|ev| ev.stop_propagation()>
                <header>
                    <strong>{move || t(ctx.lang.get(), Key::Preview)}</strong>
                    <button class="close" on:click=move |_| preview.set(None)>"×"</button>
                </header>
                <div class="pages">{images}</div>
            </div>
        </div>
    }
}
