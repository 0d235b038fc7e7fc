//! Настройки → Резервные копии: the copies of the shop's database, «Сделать копию сейчас»,
//! where this PC keeps them and how many, and restoring one. The desk lets only the
//! administrator in; anyone else sees why.

use leptos::prelude::*;
use proto::{BackupSettings, BackupView, BackupsView, CommandError, ErrorCode};

use crate::api_backups as api;
use crate::app::Ctx;
use crate::i18n::backups::{self as words, Bk};
use crate::recovery::refusal;

/// The most copies the desk keeps (its `KEEP_MAX`): the field's limit and the words of a
/// count the window cannot read.
const KEEP_MAX: u32 = 365;

#[component]
pub fn BackupsSettings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let screen = RwSignal::new(None::<BackupsView>);
    let denied = RwSignal::new(false);
    let folder = RwSignal::new(String::new());
    let keep = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<CommandError>);
    // Where and how many: a refusal of these is said beside the field it names.
    let refused = crate::field_error::Refused::new(&["folder", "keep"]);
    let shown = move |v: BackupsView| {
        // The default folder is shown as the hint, the field stays empty for it.
        folder.set(if v.folder == v.default_folder {
            String::new()
        } else {
            v.folder.clone()
        });
        keep.set(v.keep.to_string());
        screen.set(Some(v));
    };
    let load = move || {
        leptos::task::spawn_local(async move {
            match api::backups().await {
                Ok(v) => shown(v),
                Err(e) if e.code == ErrorCode::Forbidden => denied.set(true),
                Err(e) => failed.set(Some(e)),
            }
        })
    };
    load();
    let make_now = move |_| {
        busy.set(true);
        failed.set(None);
        note.set(None);
        leptos::task::spawn_local(async move {
            match api::make_backup().await {
                Ok(copy) => {
                    let l = ctx.lang.get_untracked();
                    note.set(Some(format!(
                        "{}: {}",
                        words::word(l, Bk::Made),
                        copy.made_at_text
                    )));
                    load();
                }
                Err(e) => failed.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let save = move |_| {
        failed.set(None);
        note.set(None);
        let Some(keep_n) = keep.get_untracked().trim().parse::<u32>().ok() else {
            refused.keep_input(crate::field_error::input_refusal(
                proto::InputProblem::BackupsKept { max: KEEP_MAX },
            ));
            return;
        };
        let settings = BackupSettings {
            folder: folder.get_untracked(),
            keep: keep_n,
        };
        leptos::task::spawn_local(async move {
            match api::set_backup_settings(settings).await {
                Ok(v) => {
                    refused.clear();
                    shown(v);
                    note.set(Some(
                        words::word(ctx.lang.get_untracked(), Bk::Saved).to_owned(),
                    ));
                }
                Err(e) => {
                    if !refused.keep_input(e.clone()) {
                        failed.set(Some(e))
                    }
                }
            }
        });
    };
    let restore = move |copy: BackupView| {
        leptos::task::spawn_local(async move {
            let l = ctx.lang.get_untracked();
            let question = words::word(l, Bk::Confirm).replace("{when}", &copy.made_at_text);
            let asked = crate::dialog::confirm(
                question,
                words::word(l, Bk::Yes).to_owned(),
                words::word(l, Bk::No).to_owned(),
            );
            if !asked.await {
                return;
            }
            busy.set(true);
            failed.set(None);
            note.set(Some(words::word(l, Bk::Restoring).to_owned()));
            match api::restore_backup(copy.name).await {
                Ok(done) => crate::recovery::reload_after(&done),
                Err(e) => {
                    // A failure after the desk was closed may leave it closed (the database
                    // did not open again): the window then belongs to the recovery screen.
                    let closed = api::recovery_state()
                        .await
                        .is_ok_and(|v| v.problem.is_some());
                    if closed {
                        crate::recovery::reload();
                        return;
                    }
                    note.set(None);
                    failed.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    move || {
        let lang = ctx.lang.get();
        if denied.get() {
            return view! { <p class="muted" id="backups-denied">{words::word(lang, Bk::AdminOnly)}</p> }
                .into_any();
        }
        let v = screen.get();
        let default_folder = v
            .as_ref()
            .map(|v| v.default_folder.clone())
            .unwrap_or_default();
        let copies = v.map(|v| v.copies).unwrap_or_default();
        let empty = copies.is_empty();
        let rows = copies
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let copy = c.clone();
                view! {
                    <tr class="backup-row">
                        <td>{c.made_at_text}</td>
                        <td>{words::kind(lang, c.kind)}</td>
                        <td class="num">{words::size(lang, c.size_bytes)}</td>
                        <td><button class="restore-backup" id=format!("restore-{i}")
                            disabled=move || busy.get()
                            on:click=move |_| restore(copy.clone())>{words::word(lang, Bk::Restore)}</button></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="backups" id="backups-settings">
                <p class="muted backups-hint">{words::word(lang, Bk::Hint)}</p>
                <div class="row">
                    <button class="primary" id="backup-now" disabled=move || busy.get() on:click=make_now>
                        {words::word(lang, Bk::MakeNow)}
                    </button>
                    {move || note.get().map(|n| view! { <span class="done" id="backups-note">{n}</span> })}
                </div>
                {move || failed.get().map(|e| view! {
                    <p class="field-error" id="backups-error" role="alert">{refusal(lang, &e)}</p>
                })}
                <table class="grid backups-list" id="backups-list">
                    <thead><tr>
                        <th>{words::word(lang, Bk::WhenMade)}</th>
                        <th>{words::word(lang, Bk::What)}</th>
                        <th class="num">{words::word(lang, Bk::Size)}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {empty.then(|| view! { <p class="muted">{words::word(lang, Bk::NoCopies)}</p> })}
                <div class="form backups-place">
                    <label>{words::word(lang, Bk::Folder)}
                        <input id="backup-folder" prop:value=move || folder.get() placeholder=default_folder.clone()
                            aria-invalid=refused.invalid("folder")
                            on:input=move |ev| { refused.typed("folder"); folder.set(event_target_value(&ev)) }/>
                        {refused.note(lang, "folder", "backup-folder")}
                    </label>
                    <label>{words::word(lang, Bk::Keep)}
                        <input id="backup-keep" type="number" min="1" max=KEEP_MAX.to_string() prop:value=move || keep.get()
                            aria-invalid=refused.invalid("keep")
                            on:input=move |ev| { refused.typed("keep"); keep.set(event_target_value(&ev)) }/>
                        {refused.note(lang, "keep", "backup-keep")}
                    </label>
                    <p class="muted">{words::word(lang, Bk::FolderHint)}" "<code>{default_folder}</code>". "
                        {words::word(lang, Bk::KeepHint)}"."</p>
                    <div class="row">
                        <button id="save-backup-settings" on:click=save>{words::word(lang, Bk::SaveSettings)}</button>
                    </div>
                    {refused.at_action(lang, "save-backup-settings")}
                </div>
            </div>
        }
        .into_any()
    }
}
