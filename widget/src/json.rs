//! Reads JSON the browser has parsed: the page picks the fields it needs off a `JsValue`.
//!
//! The pay page has a size budget, and serde_json with a derived deserializer per API type
//! cost about a tenth of its wasm. `JSON.parse` is already in the browser; what stays in
//! Rust is one small getter per field.
//!
//! Getters do not return early: a missing or mistyped field reads as empty and is noted, and
//! `finish` turns the first note into the error. Early returns would make the compiler emit,
//! after every field, the code dropping all the fields read before it.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Why a body could not be read: the field that was missing or of the wrong kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable {
    pub field: &'static str,
    pub expected: &'static str,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not {}", self.field, self.expected)
    }
}

/// Whether `value` is a JSON object: JavaScript calls lists objects too.
fn plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value)
}

/// A JSON object, read field by field; objects read from it share its first problem.
#[derive(Debug, Clone)]
pub struct Fields {
    value: JsValue,
    problem: Rc<Cell<Option<Unreadable>>>,
}

impl Fields {
    /// Parses `text`, which must hold an object.
    pub fn parse(text: &str) -> Result<Self, Unreadable> {
        let top = Self {
            value: JSON::parse(text).unwrap_or(JsValue::UNDEFINED),
            problem: Rc::default(),
        };
        if !plain_object(&top.value) {
            top.note("the body", "an object");
        }
        top.finish(())?;
        Ok(top)
    }

    /// Whether `text` is the JSON `null` (with or without white space).
    pub fn is_null(text: &str) -> bool {
        text.trim() == "null"
    }

    /// `value`, or the first problem noted while reading it and what came from it.
    pub fn finish<T>(&self, value: T) -> Result<T, Unreadable> {
        match self.problem.get() {
            Some(problem) => Err(problem),
            None => Ok(value),
        }
    }

    fn note(&self, field: &'static str, expected: &'static str) {
        if self.problem.get().is_none() {
            self.problem.set(Some(Unreadable { field, expected }));
        }
    }

    /// `value` as an object sharing this one's notes; noted when it is not an object.
    fn of(&self, value: JsValue, name: &'static str) -> Fields {
        if !plain_object(&value) {
            self.note(name, "an object");
        }
        Fields {
            value,
            problem: self.problem.clone(),
        }
    }

    /// The field's value as the browser parsed it; `undefined` when absent.
    pub fn get(&self, name: &'static str) -> JsValue {
        Reflect::get(&self.value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    fn optional(&self, name: &'static str) -> Option<JsValue> {
        let value = self.get(name);
        (!value.is_null() && !value.is_undefined()).then_some(value)
    }

    pub fn str(&self, name: &'static str) -> String {
        let text = self.opt_str(name);
        if text.is_none() {
            self.note(name, "a string");
        }
        text.unwrap_or_default()
    }

    /// A string, or `None` for `null` or an absent field.
    pub fn opt_str(&self, name: &'static str) -> Option<String> {
        let value = self.optional(name)?;
        let text = value.as_string();
        if text.is_none() {
            self.note(name, "a string");
        }
        text
    }

    pub fn bool(&self, name: &'static str) -> bool {
        let value = self.get(name).as_bool();
        if value.is_none() {
            self.note(name, "true or false");
        }
        value.unwrap_or_default()
    }

    /// A whole number (ids, heights, times): exact, since JSON numbers up to 2^53 are.
    pub fn int(&self, name: &'static str) -> i64 {
        let value = self.opt_int(name);
        if value.is_none() {
            self.note(name, "a whole number");
        }
        value.unwrap_or_default()
    }

    pub fn opt_int(&self, name: &'static str) -> Option<i64> {
        const SAFE: f64 = 9_007_199_254_740_991.0;
        let number = self.optional(name)?.as_f64();
        match number {
            #[allow(clippy::cast_possible_truncation)]
            Some(n) if n.fract() == 0.0 && n.abs() <= SAFE => Some(n as i64),
            _ => {
                self.note(name, "a whole number");
                None
            }
        }
    }

    /// A whole number that fits `T`, such as a `u32` count or a `u64` chain id.
    pub fn count<T: TryFrom<i64> + Default>(&self, name: &'static str) -> T {
        let value = T::try_from(self.int(name));
        if value.is_err() {
            self.note(name, "in range");
        }
        value.unwrap_or_default()
    }

    pub fn object(&self, name: &'static str) -> Fields {
        self.of(self.get(name), name)
    }

    pub fn opt_object(&self, name: &'static str) -> Option<Fields> {
        self.optional(name).map(|value| self.of(value, name))
    }

    fn array(&self, name: &'static str) -> Array {
        self.get(name).dyn_into::<Array>().unwrap_or_else(|_| {
            self.note(name, "a list");
            Array::new()
        })
    }

    pub fn objects(&self, name: &'static str) -> Vec<Fields> {
        self.array(name).iter().map(|v| self.of(v, name)).collect()
    }

    /// A list of objects; empty when the field is absent (as serde skips empty lists).
    pub fn objects_or_none(&self, name: &'static str) -> Vec<Fields> {
        match self.optional(name) {
            Some(_) => self.objects(name),
            None => Vec::new(),
        }
    }

    pub fn strs(&self, name: &'static str) -> Vec<String> {
        let texts: Option<Vec<String>> = self.array(name).iter().map(|v| v.as_string()).collect();
        if texts.is_none() {
            self.note(name, "a list of strings");
        }
        texts.unwrap_or_default()
    }
}

/// Serialises string fields as a JSON object, e.g. a request body; `None` values are left out.
/// The properties of `extra`, when it is an object, come with them (the payer fields).
pub fn object_text(fields: &[(&str, Option<&str>)], extra: &JsValue) -> String {
    // The fields are set on `extra` itself (a fresh object its script made for this request):
    // no `Object.assign` for the page to import.
    let object = if plain_object(extra) {
        extra.clone()
    } else {
        js_sys::Object::new().into()
    };
    for (name, value) in fields {
        if let Some(value) = value {
            // Setting a property on a plain object cannot fail.
            let _ = Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value));
        }
    }
    JSON::stringify(&object)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "{}".to_owned())
}
