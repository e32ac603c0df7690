//! A dropdown question's options: each one's words and value, moved and removed in place,
//! with the same focus and announcements as the questions (see [`super::custom_view`]).

use leptos::prelude::*;

use crate::links::fields::LinkFields;
use crate::links::payer::custom::OptionRow;
use crate::links::payer::custom_view::{ItemButtons, after_move, focus_later, read};

/// A dropdown's options, in the order shown.
#[component]
pub(super) fn Options(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
    /// The question.
    uid: u32,
    /// The live region's words: what the last move or removal did.
    said: RwSignal<String>,
) -> impl IntoView {
    let add_id = format!("cf-{uid}-add-option");
    let add = move |_| {
        if let Some(option) = fields
            .try_update(|f| f.payer.custom.add_option(uid))
            .flatten()
        {
            let count =
                fields.with_untracked(|f| f.payer.custom.get(uid).map_or(0, |r| r.options.len()));
            said.set(format!("Added option {count}."));
            focus_later(format!("cf-{uid}-o{option}-label"));
        }
    };
    view! {
        <fieldset class="group">
            <legend>"Options"</legend>
            <p class="hint">"In the order the dropdown lists them. A value is what the session stores; left empty, it is the option's words."</p>
            <ol class="options">
                <For each=move || read(fields, uid, |r| r.options.iter().map(|o| o.uid).collect::<Vec<_>>())
                    key=|o| *o children=move |option| view! { <OptionItem fields uid option said/> }/>
            </ol>
            <button type="button" id=add_id on:click=add
                disabled=move || !read(fields, uid, |r| r.can_add_option())>"Add option"</button>
        </fieldset>
    }
}

/// One option: its words and value, and the buttons that move and remove it.
#[component]
fn OptionItem(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
    /// The question.
    uid: u32,
    /// The option.
    option: u32,
    /// The live region's words: what the last move or removal did.
    said: RwSignal<String>,
) -> impl IntoView {
    let id = move |part: &str| format!("cf-{uid}-o{option}-{part}");
    let position = Memo::new(move |_| {
        read(fields, uid, |r| {
            r.options.iter().position(|o| o.uid == option)
        })
    });
    let count = Memo::new(move |_| read(fields, uid, |r| r.options.len()));
    let number = move || position.get().map_or(0, |at| at + 1);
    let text = move |get: fn(&OptionRow) -> String| {
        move || {
            read(fields, uid, |r| {
                r.options.iter().find(|o| o.uid == option).map(get)
            })
            .unwrap_or_default()
        }
    };
    let set = move |value: String, label: bool| {
        fields.update(|f| {
            if let Some(o) = f
                .payer
                .custom
                .get_mut(uid)
                .and_then(|r| r.option_mut(option))
            {
                if label {
                    o.label = value
                } else {
                    o.value = value
                }
            }
        })
    };
    let shift = move |up: bool| {
        if fields.try_update(|f| f.payer.custom.move_option(uid, option, up)) == Some(true) {
            let (at, count) = (position.get_untracked().unwrap_or(0), count.get_untracked());
            said.set(format!("Moved option to position {}.", at + 1));
            focus_later(after_move(&format!("cf-{uid}-o{option}"), up, at, count));
        }
    };
    let remove = move |()| {
        let at = position.get_untracked().map_or(0, |at| at + 1);
        fields.update(|f| f.payer.custom.remove_option(uid, option));
        said.set(format!("Removed option {at}."));
        focus_later(format!("cf-{uid}-add-option"));
    };
    view! {
        <li class="option">
            <div class="field">
                <label for=id("label")>"Option "{number}</label>
                <input id=id("label") maxlength="50" prop:value=text(|o| o.label.clone())
                    on:input=move |ev| set(event_target_value(&ev), true)/>
            </div>
            <div class="field">
                <label for=id("value")>"Value of option "{number}" (optional)"</label>
                <input id=id("value") maxlength="100" spellcheck="false" autocapitalize="off"
                    prop:value=text(|o| o.value.clone())
                    on:input=move |ev| set(event_target_value(&ev), false)/>
            </div>
            <ItemButtons prefix=format!("cf-{uid}-o{option}") what="option" short=true position count
                on_move=Callback::new(shift) on_remove=Callback::new(remove)/>
        </li>
    }
}
