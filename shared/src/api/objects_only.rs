//! Struct-typed request members read from JSON objects only. serde also reads a struct from
//! an array of its fields in order (`"customer": [null, null]` as a customer with nothing
//! given), which the OpenAPI document does not allow and no client means; these readers refuse
//! it as the wrong type. For `#[serde(default, deserialize_with = "…")]`.

use core::fmt;
use core::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// An object, or nothing (`null` or left out).
pub fn option<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_any(Object::<T> {
        nullable: true,
        kind: PhantomData,
    })
}

/// A list of objects, or nothing.
pub fn list<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_any(List::<T>(PhantomData))
}

struct Object<T> {
    nullable: bool,
    kind: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.nullable {
            "an object or null"
        } else {
            "an object"
        })
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        if self.nullable {
            Ok(None)
        } else {
            Err(E::invalid_type(serde::de::Unexpected::Unit, &self))
        }
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Object<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

struct List<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for List<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of objects or null")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        let item = || Object::<T> {
            nullable: false,
            kind: PhantomData,
        };
        while let Some(value) = seq.next_element_seed(item())? {
            items.extend(value);
        }
        Ok(Some(items))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        #[serde(default)]
        a: Option<u8>,
        #[serde(default)]
        b: Option<u8>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        #[serde(default, deserialize_with = "super::option")]
        one: Option<Inner>,
        #[serde(default, deserialize_with = "super::list")]
        many: Option<Vec<Inner>>,
    }

    fn read(text: &str) -> Result<Outer, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn objects_null_and_absence_read_as_serde_would() {
        let full = read(r#"{"one": {"a": 1}, "many": [{"b": 2}, {}]}"#).unwrap();
        assert_eq!(
            full.one,
            Some(Inner {
                a: Some(1),
                b: None
            })
        );
        assert_eq!(full.many.unwrap().len(), 2);
        assert_eq!(
            read(r#"{"one": null, "many": null}"#).unwrap(),
            Outer {
                one: None,
                many: None
            }
        );
        assert_eq!(
            read("{}").unwrap(),
            Outer {
                one: None,
                many: None
            }
        );
    }

    #[test]
    fn arrays_where_an_object_belongs_are_the_wrong_type() {
        for bad in [
            r#"{"one": [null, null]}"#,
            r#"{"one": [1, 2]}"#,
            r#"{"many": [[null, null]]}"#,
            r#"{"many": [null]}"#,
            r#"{"one": 3}"#,
            r#"{"many": {"a": 1}}"#,
        ] {
            assert!(read(bad).unwrap_err().contains("invalid type"), "{bad}");
        }
    }

    #[test]
    fn unknown_members_inside_are_still_refused() {
        assert!(
            read(r#"{"one": {"c": 1}}"#)
                .unwrap_err()
                .contains("unknown field")
        );
    }
}
