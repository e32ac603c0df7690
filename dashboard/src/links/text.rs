//! One text input of the link form, bound to one field of [`LinkFields`]: the label, an
//! optional hint read as its description, and the value kept in the form's state.

use leptos::prelude::*;

use crate::links::fields::LinkFields;

/// A labelled input bound to one field of the form.
#[component]
pub fn Text(
    /// The form's state.
    fields: RwSignal<LinkFields>,
    /// The input's DOM id; its hint's is `{id}-hint`.
    id: &'static str,
    /// What the label says.
    label: &'static str,
    /// A sentence under the label, read as the input's description.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The input's `type`; `number` also asks phones for their digit keyboard.
    #[prop(default = "text")]
    kind: &'static str,
    /// The field's value.
    get: fn(&LinkFields) -> String,
    /// Puts a typed value in the field.
    set: fn(&mut LinkFields, String),
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input id=id type=kind aria-describedby=hint.map(|_| hint_id.clone())
                inputmode=(kind == "number").then_some("numeric")
                prop:value=move || fields.with(get)
                on:input=move |ev| fields.update(|f| set(f, event_target_value(&ev)))/>
        </div>
    }
}
