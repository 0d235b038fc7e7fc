//! A catalogue file: its path typed in (the project has no file-dialog plugin), previewed
//! with every problem by line, imported only when confirmed and clean; or the catalogue
//! exported to a path.

use leptos::prelude::*;
use proto::ImportPreview;

use super::api;
use crate::app::Ctx;
use crate::field_error::Refused;
use crate::format;
use crate::i18n::{cat, catalog_field, import_problem, Cat, Lang};

#[component]
pub fn Files() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let path = RwSignal::new(String::new());
    let out = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<ImportPreview>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // A file the desk refused (its name, its size, unreadable) is said under the path typed;
    // the import's own refusal (the file changed, it has errors) beside its button.
    let (import_refused, export_refused) = (Refused::new(&["path"]), Refused::new(&["path"]));
    let refused_or_banner = move |refused: Refused, e: proto::CommandError| {
        if !refused.keep_input(e.clone()) {
            ctx.fail(e)
        }
    };
    let show = move |_| {
        let p = path.get_untracked();
        busy.set(true);
        done.set(None);
        leptos::task::spawn_local(async move {
            match api::preview(p).await {
                Ok(v) => {
                    import_refused.clear();
                    preview.set(Some(v));
                    ctx.error.set(None);
                }
                Err(e) => refused_or_banner(import_refused, e),
            }
            busy.set(false);
        });
    };
    let confirm = move |_| {
        let Some(v) = preview.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::import(v.path, v.digest).await {
                Ok(d) => {
                    let lang = ctx.lang.get_untracked();
                    preview.set(None);
                    done.set(Some(format!(
                        "{}: {} {}, {} {}",
                        cat(lang, Cat::Imported),
                        cat(lang, Cat::WillAdd).to_lowercase(),
                        d.added,
                        cat(lang, Cat::WillUpdate).to_lowercase(),
                        d.updated
                    )));
                    import_refused.clear();
                    ctx.error.set(None);
                    ctx.changed();
                }
                Err(e) => refused_or_banner(import_refused, e),
            }
            busy.set(false);
        });
    };
    let export = move |_| {
        let p = out.get_untracked();
        leptos::task::spawn_local(async move {
            match api::export(p).await {
                Ok(n) => {
                    let lang = ctx.lang.get_untracked();
                    done.set(Some(format!("{}: {n}", cat(lang, Cat::Exported))));
                    export_refused.clear();
                    ctx.error.set(None);
                }
                Err(e) => refused_or_banner(export_refused, e),
            }
        });
    };
    view! {
        <div class="catalog-files">
            <label>{move || cat(ctx.lang.get(), Cat::ImportTitle)}
                <input id="import-path" class="path"
                    placeholder=move || cat(ctx.lang.get(), Cat::ImportPathHint)
                    prop:value=move || path.get()
                    aria-invalid=import_refused.invalid("path")
                    on:input=move |ev| { import_refused.clear(); path.set(event_target_value(&ev)); preview.set(None); }/>
                {move || import_refused.note(ctx.lang.get(), "path", "import-path")}
            </label>
            <div class="catalog-action">
                <button id="import-preview" prop:disabled=move || busy.get() on:click=show>
                    {move || cat(ctx.lang.get(), Cat::Preview)}
                </button>
                {move || import_refused.at_action(ctx.lang.get(), "import-preview")}
            </div>
            <label>{move || cat(ctx.lang.get(), Cat::ExportTitle)}
                <input id="export-path" class="path"
                    placeholder=move || cat(ctx.lang.get(), Cat::ExportPathHint)
                    prop:value=move || out.get()
                    aria-invalid=export_refused.invalid("path")
                    on:input=move |ev| { export_refused.clear(); out.set(event_target_value(&ev)) }/>
                {move || export_refused.note(ctx.lang.get(), "path", "export-path")}
            </label>
            <div class="catalog-action">
                <button id="export-catalog" on:click=export>{move || cat(ctx.lang.get(), Cat::Export)}</button>
                {move || export_refused.at_action(ctx.lang.get(), "export-catalog")}
            </div>
            {move || done.get().map(|d| view! { <span class="done" id="catalog-done">{d}</span> })}
        </div>
        {move || preview.get().map(|v| panel(ctx.lang.get(), v, busy, confirm, preview))}
    }
}

fn panel(
    lang: Lang,
    v: ImportPreview,
    busy: RwSignal<bool>,
    confirm: impl Fn(leptos::ev::MouseEvent) + 'static,
    preview: RwSignal<Option<ImportPreview>>,
) -> impl IntoView {
    let clean = v.problems.is_empty();
    let how = [
        v.format.to_uppercase(),
        v.encoding.clone(),
        v.separator.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let columns = v
        .columns
        .iter()
        .map(|c| {
            let field = c
                .field
                .map_or(cat(lang, Cat::Ignored), |f| catalog_field(lang, f));
            let class = if c.field.is_some() {
                "column"
            } else {
                "column muted"
            };
            view! { <span class=class>{format!("{} → {field}", c.header)}</span> }
        })
        .collect_view();
    let problems = v
        .problems
        .iter()
        .map(|p| {
            view! {
                <tr data-line=p.line>
                    <td class="num">{p.line}</td>
                    <td>{import_problem(lang, &p.problem)}</td>
                </tr>
            }
        })
        .collect_view();
    let sample = v
        .sample
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{p.sku.clone()}</td>
                    <td>{p.name.clone()}</td>
                    <td class="num">{format::money(p.price)}</td>
                    <td>{p.location.clone()}</td>
                    <td class="num">{format::quantity(p.stock)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="import-preview" id="import-preview-panel">
            <div class="facts-row">
                <span class="muted">{how}</span>
                <span>{cat(lang, Cat::RowsRead)}": "<b id="preview-rows">{v.rows}</b></span>
                <span>{cat(lang, Cat::WillAdd)}": "<b id="preview-added">{v.added}</b></span>
                <span>{cat(lang, Cat::WillUpdate)}": "<b id="preview-updated">{v.updated}</b></span>
            </div>
            <div class="columns"><span class="muted">{cat(lang, Cat::Columns)}": "</span>{columns}</div>
            {if clean {
                view! {
                    <p class="ok" id="preview-clean">{cat(lang, Cat::NoProblems)}</p>
                    // Above the sample: the panel scrolls within 42 % of the window, and
                    // below a long sample the buttons were out of sight at 1366×768.
                    <div class="row">
                        <button class="primary" id="import-confirm" prop:disabled=move || busy.get() on:click=confirm>
                            {cat(lang, Cat::ConfirmImport)}
                        </button>
                        <button id="import-cancel" on:click=move |_| preview.set(None)>{cat(lang, Cat::Cancel)}</button>
                    </div>
                    <h4>{cat(lang, Cat::ShownFirst)}</h4>
                    <table class="grid sample">
                        <thead>
                            <tr>
                                <th>{cat(lang, Cat::Sku)}</th>
                                <th>{cat(lang, Cat::Name)}</th>
                                <th class="num">{cat(lang, Cat::Price)}</th>
                                <th>{cat(lang, Cat::Location)}</th>
                                <th class="num">{cat(lang, Cat::Stock)}</th>
                            </tr>
                        </thead>
                        <tbody>{sample}</tbody>
                    </table>
                }.into_any()
            } else {
                view! {
                    <p class="late" id="preview-refused">{cat(lang, Cat::FixAndRetry)}</p>
                    <h4>{cat(lang, Cat::Problems)}" ("{v.problems.len()}")"</h4>
                    <table class="grid problems" id="preview-problems">
                        <thead><tr><th class="num">{cat(lang, Cat::Line)}</th><th></th></tr></thead>
                        <tbody>{problems}</tbody>
                    </table>
                }.into_any()
            }}
        </div>
    }
}
