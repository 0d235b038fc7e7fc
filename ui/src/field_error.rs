//! A refusal shown beside the input it names (issue 15, point 10): a form keeps the refusal
//! of its last save in a signal; each input asks whether it is the one named
//! ([`proto::CommandError::field`]), shows the words under itself and marks itself invalid.

use leptos::prelude::*;
use proto::CommandError;

use crate::i18n::{error_text, Lang};

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

    /// The message under the input `id` of `field`.
    pub fn note(self, lang: Lang, field: &'static str, id: &'static str) -> impl IntoView {
        move || {
            self.text(lang, field).map(|text| {
                view! { <p class="field-error" id=format!("{id}-error") role="alert">{text}</p> }
            })
        }
    }
}
