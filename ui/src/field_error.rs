//! A refusal shown beside the input it names (issue 15, point 10): a form keeps the refusal
//! of its last save in a signal; each input asks whether it is the one named
//! ([`proto::CommandError::field`]), shows the words under itself and marks itself invalid.

use leptos::prelude::*;
use proto::{CommandError, ErrorCode};

use crate::i18n::{error_text, Lang};

/// A refusal the window makes itself before sending (a number it cannot read), worded and
/// placed as the desk's own would be.
pub fn input_refusal(problem: proto::InputProblem) -> CommandError {
    CommandError {
        code: ErrorCode::InvalidInput,
        message: problem.wording(proto::display::Lang::Ru),
        refusal: None,
        rule: None,
        reason: Some(Box::new(proto::ErrorReason::Input { problem })),
    }
}

/// The form's last refusal, when it names one of the form's `fields`.
#[derive(Clone, Copy)]
pub struct Refused {
    error: RwSignal<Option<CommandError>>,
    fields: &'static [&'static str],
}

impl Refused {
    pub fn new(fields: &'static [&'static str]) -> Refused {
        Refused {
            error: RwSignal::new(None),
            fields,
        }
    }

    /// Keeps `e` when it names one of the form's fields (true); false: the caller shows it
    /// elsewhere (the banner).
    pub fn keep(&self, e: CommandError) -> bool {
        let mine = e.field().is_some_and(|f| self.fields.contains(&f));
        if mine {
            self.error.set(Some(e));
        }
        mine
    }

    /// Keeps `e` when it is about the form's input: beside its field when it names one of
    /// the form's, else beside the form's action ([`Refused::at_action`]). False for the rest
    /// (the network, the database): the caller shows those in the banner.
    pub fn keep_input(&self, e: CommandError) -> bool {
        let input = matches!(e.code, ErrorCode::InvalidInput | ErrorCode::BackupFolder);
        if input || e.field().is_some_and(|f| self.fields.contains(&f)) {
            self.error.set(Some(e));
            return true;
        }
        false
    }

    /// Keeps any refusal of the form's action: beside its field when it names one, else
    /// beside the action (a hub that does not answer is the join's own failure).
    pub fn keep_all(&self, e: CommandError) {
        self.error.set(Some(e));
    }

    /// Whether the kept refusal is the form's input as a whole (names none of its fields).
    fn about_action(&self, e: &CommandError) -> bool {
        !e.field().is_some_and(|f| self.fields.contains(&f))
    }

    pub fn clear(&self) {
        self.error.set(None);
    }

    /// The words for `field`, if the kept refusal names it.
    pub fn text(&self, lang: Lang, field: &'static str) -> Option<String> {
        self.error.with(|e| {
            e.as_ref()
                .filter(|e| e.field() == Some(field))
                .map(|e| error_text(lang, e))
        })
    }

    /// `aria-invalid` for the input of `field`.
    pub fn invalid(self, field: &'static str) -> impl Fn() -> Option<&'static str> {
        move || {
            self.error
                .with(|e| e.as_ref().is_some_and(|e| e.field() == Some(field)))
                .then_some("true")
        }
    }

    /// Typing in the input of `field` takes its refusal away.
    pub fn typed(&self, field: &'static str) {
        if self
            .error
            .with_untracked(|e| e.as_ref().is_some_and(|e| e.field() == Some(field)))
        {
            self.clear();
        }
    }

    /// The message beside the form's button `id` for a refusal that names none of its fields.
    pub fn at_action(self, lang: Lang, id: &'static str) -> impl IntoView {
        move || {
            self.error.with(|e| {
                e.as_ref().filter(|e| self.about_action(e)).map(|e| {
                    let text = error_text(lang, e);
                    view! { <p class="field-error" id=format!("{id}-error") role="alert">{text}</p> }
                })
            })
        }
    }

    /// The message under the input `id` of `field`.
    pub fn note(self, lang: Lang, field: &'static str, id: &'static str) -> impl IntoView {
        move || {
            self.text(lang, field).map(|text| {
                view! { <p class="field-error" id=format!("{id}-error") role="alert">{text}</p> }
            })
        }
    }
}

/// The refusal of one control among several alike (a person's «Удалить», a connection's
/// «Возобновить», a paper panel's «Печать»), kept with the key `K` of the control that sent
/// it and said beside that control only. Kept above the rows it concerns: a reload draws
/// the rows anew, and the words must outlive it.
pub struct SaidAt<K: Send + Sync + 'static> {
    error: RwSignal<Option<(K, CommandError)>>,
}

impl<K: Send + Sync + 'static> Clone for SaidAt<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync + 'static> Copy for SaidAt<K> {}

impl<K: PartialEq + Clone + Send + Sync + 'static> Default for SaidAt<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: PartialEq + Clone + Send + Sync + 'static> SaidAt<K> {
    pub fn new() -> Self {
        SaidAt {
            error: RwSignal::new(None),
        }
    }

    /// The control `at` was refused `e`.
    pub fn keep(&self, at: K, e: CommandError) {
        self.error.set(Some((at, e)));
    }

    /// A later success takes the words away.
    pub fn clear(&self) {
        self.error.set(None);
    }

    /// The message `id` beside the control `at`, while it is the one refused.
    pub fn note(self, lang: Lang, at: K, id: String) -> impl IntoView {
        move || {
            self.error.with(|e| {
                e.as_ref().filter(|(k, _)| *k == at).map(|(_, e)| {
                    let text = error_text(lang, e);
                    view! { <p class="field-error" id=id.clone() role="alert">{text}</p> }
                })
            })
        }
    }
}
