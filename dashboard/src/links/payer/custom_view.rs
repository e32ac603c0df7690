//! The list editor of the merchant's own questions: add, remove and move questions and their
//! dropdown options, each control labelled and reachable by keyboard.
//!
//! Rows are keyed by their uid, so a moved row keeps its DOM node; moving or removing one
//! still drops the browser's focus (the node leaves the document for a moment, or for good),
//! so focus is put back on the control the merchant would press next, and a polite live
//! region says what happened.

use leptos::prelude::*;
use shared::payer::FieldType;
use wasm_bindgen::JsCast;

use crate::links::fields::LinkFields;
use crate::links::payer::custom::CustomFieldRow;
use crate::links::payer::options_view::Options;

/// A question type's words.
fn type_words(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text => "Text",
        FieldType::Numeric => "Digits only",
        FieldType::Dropdown => "Dropdown (one of a list)",
    }
}

/// Focuses the element `id` once the view has caught up with the state.
pub(super) fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// A value of question `uid`, or its default once the question is gone.
pub(super) fn read<T: Default>(
    fields: RwSignal<LinkFields>,
    uid: u32,
    get: impl FnOnce(&CustomFieldRow) -> T,
) -> T {
    fields.with(|f| f.payer.custom.get(uid).map(get).unwrap_or_default())
}

/// Changes question `uid`, if it is still there.
pub(super) fn write(fields: RwSignal<LinkFields>, uid: u32, set: impl FnOnce(&mut CustomFieldRow)) {
    fields.update(|f| {
        if let Some(row) = f.payer.custom.get_mut(uid) {
            set(row);
        }
    });
}

/// Where focus goes after a move: the same button, or its twin once this end is reached.
pub(super) fn after_move(prefix: &str, up: bool, at: usize, count: usize) -> String {
    let at_end = if up { at == 0 } else { at + 1 == count };
    let button = match (up, at_end) {
        (true, false) | (false, true) => "up",
        (false, false) | (true, true) => "down",
    };
    format!("{prefix}-{button}")
}

/// Every question of the form, in order, and the button that adds one.
#[component]
pub fn CustomFieldsEditor(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let can_add = move || fields.with(|f| f.payer.custom.can_add());
    let add = move |_| {
        if let Some(uid) = fields.try_update(|f| f.payer.custom.add()).flatten() {
            let count = fields.with_untracked(|f| f.payer.custom.rows().len());
            said.set(format!("Added question {count}."));
            focus_later(format!("cf-{uid}-label"));
        }
    };
    view! {
        <p class="hint" id="questions-hint">"Up to 3 questions the page asks, such as a member number or a size; each session returns the answers under their keys."</p>
        <For each=move || fields.with(|f| f.payer.custom.uids()) key=|uid| *uid
            children=move |uid| view! { <Question fields uid said/> }/>
        <p class="visually-hidden" role="status">{move || said.get()}</p>
        <div class="actions">
            <button type="button" id="add-question" on:click=add disabled=move || !can_add()
                aria-describedby="questions-hint">"Add a question"</button>
            <Show when=move || !can_add()><span class="hint">"That is the most a form has."</span></Show>
        </div>
    }
}

/// One question: its label, key, type, whether it is required, and its type's settings.
#[component]
fn Question(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
    /// The question.
    uid: u32,
    /// The live region's words: what the last move or removal did.
    said: RwSignal<String>,
) -> impl IntoView {
    let id = move |part: &str| format!("cf-{uid}-{part}");
    let position = Memo::new(move |_| fields.with(|f| f.payer.custom.position(uid)));
    let count = Memo::new(move |_| fields.with(|f| f.payer.custom.rows().len()));
    let number = move || position.get().map_or(0, |at| at + 1);
    let kind = Memo::new(move |_| read(fields, uid, |r| Some(r.kind)).unwrap_or(FieldType::Text));
    let name = move || {
        let label =
            fields.with_untracked(|f| f.payer.custom.get(uid).map(|r| r.label.trim().to_owned()));
        match label.filter(|l| !l.is_empty()) {
            Some(label) => format!("“{label}”"),
            None => format!(
                "question {}",
                position.get_untracked().map_or(0, |at| at + 1)
            ),
        }
    };
    let shift = move |up: bool| {
        if fields.try_update(|f| f.payer.custom.move_by(uid, up)) == Some(true) {
            let (at, count) = (position.get_untracked().unwrap_or(0), count.get_untracked());
            said.set(format!("Moved {} to position {}.", name(), at + 1));
            focus_later(after_move(&format!("cf-{uid}"), up, at, count));
        }
    };
    let remove = move |()| {
        let gone = name();
        fields.update(|f| f.payer.custom.remove(uid));
        said.set(format!("Removed {gone}."));
        focus_later("add-question".into());
    };
    let lengths = move || kind.get() != FieldType::Dropdown;
    view! {
        <fieldset class="question">
            <legend>"Question "{number}</legend>
            <div class="pair">
                <RowText fields uid part="label" label="Label" most=50
                    get=|r| r.label.clone() set=CustomFieldRow::set_label/>
                <RowText fields uid part="key" label="Key" most=40 code=true
                    hint="The answer's name in the API and webhooks: a–z, 0–9 and _."
                    get=|r| r.key.clone() set=CustomFieldRow::set_key/>
                <div class="field">
                    <label for=id("type")>"Type"</label>
                    <select id=id("type") on:change=move |ev| {
                        if let Some(kind) = FieldType::parse(&event_target_value(&ev)) {
                            fields.update(|f| f.payer.custom.set_kind(uid, kind));
                        }
                    }>
                        {FieldType::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=move || kind.get() == t>{type_words(t)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <label class="check"><input type="checkbox" id=id("required")
                    prop:checked=move || read(fields, uid, |r| r.required)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        write(fields, uid, |r| r.required = on);
                    }/>"Required"</label>
            </div>
            <Show when=lengths>
                <div class="pair">
                    <RowText fields uid part="min" label="Fewest characters (optional)" kind="number" most=255
                        get=|r| r.min_length.clone() set=|r, v| r.min_length = v/>
                    <RowText fields uid part="max" label="Most characters (optional)" kind="number" most=255
                        hint="Empty: 255, the most there is."
                        get=|r| r.max_length.clone() set=|r, v| r.max_length = v/>
                </div>
                <RowText fields uid part="default" label="Pre-filled answer (optional)" most=255
                    get=|r| r.default.clone() set=|r, v| r.default = v/>
            </Show>
            <Show when=move || !lengths()>
                <Options fields uid said/>
                <div class="field">
                    <label for=id("preselected")>"Preselected option"</label>
                    <select id=id("preselected") on:change=move |ev| {
                        let value = event_target_value(&ev);
                        write(fields, uid, |r| r.default = value);
                    }>
                        <option value="" selected=move || read(fields, uid, |r| r.default.is_empty())>"None: the customer chooses"</option>
                        {move || read(fields, uid, |r| r.options.clone()).into_iter().map(|o| {
                            let value = o.sent_value();
                            let shown = value.clone();
                            view! {
                                <option value=value.clone()
                                    selected=move || read(fields, uid, |r| r.default.trim() == value)>
                                    {shown}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <ItemButtons prefix=format!("cf-{uid}") what="question" short=false position count
                on_move=Callback::new(shift) on_remove=Callback::new(remove)/>
        </fieldset>
    }
}

/// One input of question `uid`, bound to one of its texts.
#[component]
fn RowText(
    /// The editor's state.
    fields: RwSignal<LinkFields>,
    /// The question.
    uid: u32,
    /// The input's id is `cf-{uid}-{part}`, its hint's `cf-{uid}-{part}-hint`.
    part: &'static str,
    /// What the label says.
    label: &'static str,
    /// A sentence under the input, read as its description.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The input's `type`: `text` or `number`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The most characters a text takes, or the largest number.
    most: u32,
    /// A code, not words: no spelling check, no capital letter first.
    #[prop(optional)]
    code: bool,
    /// The text shown.
    get: fn(&CustomFieldRow) -> String,
    /// Puts a typed value in the question.
    set: fn(&mut CustomFieldRow, String),
) -> impl IntoView {
    let id = format!("cf-{uid}-{part}");
    let hint_id = format!("{id}-hint");
    let number = kind == "number";
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind aria-describedby=hint.map(|_| hint_id.clone())
                maxlength=(!number).then(|| most.to_string()) max=number.then(|| most.to_string())
                inputmode=number.then_some("numeric")
                spellcheck=code.then_some("false") autocapitalize=code.then_some("off")
                prop:value=move || read(fields, uid, get)
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    write(fields, uid, |r| set(r, text));
                }/>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
        </div>
    }
}

/// The buttons that move an item of a list one place and remove it. The visible words stay
/// short; the accessible names say which item ("Move up: question 2"), since a screen reader
/// may list every button of the form at once.
#[component]
pub(super) fn ItemButtons(
    /// The buttons' DOM ids are `{prefix}-up`, `{prefix}-down` and `{prefix}-remove`.
    prefix: String,
    /// What the item is called in the names: `question`, `option`.
    what: &'static str,
    /// "Up" and "Down" rather than "Move up" and "Move down", where room is scarce.
    short: bool,
    /// Where the item is, from 0; `None` once it is gone.
    position: Memo<Option<usize>>,
    /// How many items the list has.
    count: Memo<usize>,
    /// Moves the item: `true` up, `false` down.
    on_move: Callback<bool>,
    /// Removes the item.
    on_remove: Callback<()>,
) -> impl IntoView {
    let number = move || position.get().map_or(0, |at| at + 1);
    let (up, down) = if short {
        ("Up", "Down")
    } else {
        ("Move up", "Move down")
    };
    view! {
        <div class="actions">
            <button type="button" id=format!("{prefix}-up") disabled=move || position.get() == Some(0)
                aria-label=move || format!("Move up: {what} {}", number())
                on:click=move |_| on_move.run(true)>{up}</button>
            <button type="button" id=format!("{prefix}-down")
                disabled=move || position.get().map(|at| at + 1) == Some(count.get())
                aria-label=move || format!("Move down: {what} {}", number())
                on:click=move |_| on_move.run(false)>{down}</button>
            <button type="button" class="danger" id=format!("{prefix}-remove")
                aria-label=move || format!("Remove {what} {}", number())
                on:click=move |_| on_remove.run(())>"Remove"</button>
        </div>
    }
}
