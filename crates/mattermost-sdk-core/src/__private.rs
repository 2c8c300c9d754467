//! Support for the code `mattermost_sdk_derive::DeserializeExtra` generates; not a public API.

use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The value of a missing field without `#[serde(default)]`, as serde's derive gives it:
/// `None` for an `Option`, a `missing field` error for anything else.
pub fn missing_field<'de, T: Deserialize<'de>, E: de::Error>(name: &'static str) -> Result<T, E> {
    T::deserialize(MissingField(name, PhantomData))
}

/// A deserializer with no value: `deserialize_option` visits `None`, everything else is a
/// `missing field` error.
struct MissingField<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for MissingField<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
