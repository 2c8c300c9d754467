//! `#[derive(DeserializeExtra)]`: serde's `Deserialize` for a model struct that keeps every
//! field it does not name in a `#[serde(flatten)] extra` map, without buffering the object.
//!
//! serde's own derive, given a `#[serde(flatten)]` field, collects every unknown key and
//! value into its private `Content` buffer and then deserializes the map from that buffer (a
//! second pass, and an allocation per value). This derive generates a map visitor that
//! matches the known keys and inserts any other key straight into `extra`, decoding its value
//! once. Known fields decode exactly as serde's derive decodes them (the same
//! `MapAccess::next_value::<T>` call, the same `duplicate_field` / `missing_field` errors).
//!
//! Honoured `#[serde(...)]` attributes (the ones the models use; anything else that affects
//! deserializing is a compile error, so a model cannot silently decode differently):
//!
//! - on fields: `rename = "..."` (or `rename(deserialize = "...")`), `alias = "..."`,
//!   `default`, `default = "path"`, `deserialize_with = "path"`, `with = "module"`,
//!   `skip_deserializing`, `skip`, `flatten` (on exactly one field, the unknown-field map);
//!   serialize-only attributes (`skip_serializing_if`, `serialize_with`, `skip_serializing`)
//!   are left to serde's `Serialize` derive;
//! - on the struct: none (`rename` of the struct only changes the `expecting` text).
//!
//! A field without `default` that is missing decodes like serde's derive: `None` for an
//! `Option`, a `missing field` error otherwise (through
//! `mattermost_sdk_core::__private::missing_field`, so the deriving crate must be core or
//! depend on it).
//!
//! In core's own unit tests (`cfg(test)`), the derive also emits a copy of the struct with
//! serde's derive and `fn __serde_reference(&[u8])`, which decodes through that copy: the
//! equivalence tests compare both decoders on the same bytes.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{format_ident, quote};
use syn::{
    parse_macro_input, Data, DeriveInput, Expr, ExprLit, Fields, Ident, Lit, LitStr, Meta, Path,
    Type,
};

/// Derives `serde::Deserialize` for a struct with named fields and one
/// `#[serde(flatten)]` map of unknown fields; see the crate docs.
#[proc_macro_derive(DeserializeExtra, attributes(serde))]
pub fn derive_deserialize_extra(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// What a field's `#[serde(...)]` attributes say about deserializing it.
struct FieldSpec {
    ident: Ident,
    ty: Type,
    /// The wire name and its aliases.
    names: Vec<String>,
    default: Default,
    deserialize_with: Option<Path>,
    skip: bool,
    flatten: bool,
}

enum Default {
    None,
    Trait,
    Path(Path),
}

fn lit_str(expr: &Expr) -> syn::Result<LitStr> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Ok(s.clone()),
        other => Err(syn::Error::new_spanned(other, "expected a string literal")),
    }
}

fn field_spec(field: &syn::Field) -> syn::Result<FieldSpec> {
    let ident = field
        .ident
        .clone()
        .ok_or_else(|| syn::Error::new_spanned(field, "DeserializeExtra needs named fields"))?;
    let mut spec = FieldSpec {
        names: vec![ident.to_string()],
        ident,
        ty: field.ty.clone(),
        default: Default::None,
        deserialize_with: None,
        skip: false,
        flatten: false,
    };
    let mut aliases = Vec::new();
    for attr in &field.attrs {
        if !attr.path().is_ident("serde") {
            continue;
        }
        attr.parse_nested_meta(|meta| {
            let path = &meta.path;
            if path.is_ident("rename") {
                if meta.input.peek(syn::Token![=]) {
                    spec.names[0] = meta.value()?.parse::<LitStr>()?.value();
                } else {
                    meta.parse_nested_meta(|inner| {
                        let v = inner.value()?.parse::<LitStr>()?.value();
                        if inner.path.is_ident("deserialize") {
                            spec.names[0] = v;
                        } else if !inner.path.is_ident("serialize") {
                            return Err(inner.error("expected `serialize` or `deserialize`"));
                        }
                        Ok(())
                    })?;
                }
            } else if path.is_ident("alias") {
                aliases.push(meta.value()?.parse::<LitStr>()?.value());
            } else if path.is_ident("default") {
                spec.default = if meta.input.peek(syn::Token![=]) {
                    Default::Path(meta.value()?.parse::<LitStr>()?.parse()?)
                } else {
                    Default::Trait
                };
            } else if path.is_ident("deserialize_with") {
                spec.deserialize_with = Some(meta.value()?.parse::<LitStr>()?.parse()?);
            } else if path.is_ident("with") {
                let mut p: Path = meta.value()?.parse::<LitStr>()?.parse()?;
                p.segments
                    .push(Ident::new("deserialize", Span::call_site()).into());
                spec.deserialize_with = Some(p);
            } else if path.is_ident("skip_deserializing") || path.is_ident("skip") {
                spec.skip = true;
            } else if path.is_ident("flatten") {
                spec.flatten = true;
            } else if path.is_ident("skip_serializing_if")
                || path.is_ident("serialize_with")
                || path.is_ident("getter")
            {
                // Serialize-only: consume the value.
                let _ = meta.value()?.parse::<Expr>()?;
            } else if path.is_ident("skip_serializing") {
            } else {
                return Err(meta.error(
                    "DeserializeExtra does not handle this serde attribute; use serde's \
                     Deserialize or teach mattermost-sdk-derive about it",
                ));
            }
            Ok(())
        })?;
    }
    spec.names.extend(aliases);
    Ok(spec)
}

fn container_attrs_supported(input: &DeriveInput) -> syn::Result<()> {
    for attr in &input.attrs {
        if !attr.path().is_ident("serde") {
            continue;
        }
        let list = attr.meta.require_list()?;
        let metas = list.parse_args_with(
            syn::punctuated::Punctuated::<Meta, syn::Token![,]>::parse_terminated,
        )?;
        for meta in metas {
            match &meta {
                Meta::NameValue(nv) if nv.path.is_ident("rename") => {
                    lit_str(&nv.value)?;
                }
                other => {
                    return Err(syn::Error::new_spanned(
                        other,
                        "DeserializeExtra does not handle this container attribute",
                    ))
                }
            }
        }
    }
    Ok(())
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "DeserializeExtra does not handle generics",
        ));
    }
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            input,
            "DeserializeExtra is for structs",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(
            input,
            "DeserializeExtra needs named fields",
        ));
    };
    let specs = named
        .named
        .iter()
        .map(field_spec)
        .collect::<syn::Result<Vec<_>>>()?;
    let flat: Vec<&FieldSpec> = specs.iter().filter(|s| s.flatten).collect();
    let [extra] = flat.as_slice() else {
        return Err(syn::Error::new_spanned(
            input,
            "DeserializeExtra needs exactly one #[serde(flatten)] field (the unknown-field map)",
        ));
    };
    let ident = &input.ident;
    // serde's derive says `struct <Rust name>`, whatever the container's `rename`.
    container_attrs_supported(input)?;
    let expecting = format!("struct {ident}");
    let extra_ty = &extra.ty;

    let known: Vec<&FieldSpec> = specs.iter().filter(|s| !s.flatten && !s.skip).collect();
    let tags: Vec<Ident> = (0..known.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let name_arms = known.iter().zip(&tags).map(|(s, tag)| {
        let names = &s.names;
        quote! { #( #names )|* => __Field::#tag, }
    });
    let name_arms2 = name_arms.clone();

    let slots = known.iter().zip(&tags).map(|(s, tag)| {
        let ty = &s.ty;
        quote! { let mut #tag: ::core::option::Option<#ty> = ::core::option::Option::None; }
    });
    let seeds = known.iter().zip(&tags).filter_map(|(s, tag)| {
        let with = s.deserialize_with.as_ref()?;
        let ty = &s.ty;
        let seed = format_ident!("__With{}", tag);
        Some(quote! {
            struct #seed;
            impl<'de> ::serde::de::DeserializeSeed<'de> for #seed {
                type Value = #ty;
                fn deserialize<__D2: ::serde::Deserializer<'de>>(
                    self,
                    __d: __D2,
                ) -> ::core::result::Result<#ty, __D2::Error> {
                    #with(__d)
                }
            }
        })
    });
    let value_arms = known.iter().zip(&tags).map(|(s, tag)| {
        let wire = &s.names[0];
        let ty = &s.ty;
        let read = match &s.deserialize_with {
            None => quote! { ::serde::de::MapAccess::next_value::<#ty>(&mut __map)? },
            Some(_) => {
                let seed = format_ident!("__With{}", tag);
                quote! { ::serde::de::MapAccess::next_value_seed(&mut __map, #seed)? }
            }
        };
        quote! {
            __Field::#tag => {
                if #tag.is_some() {
                    return ::core::result::Result::Err(
                        <__A::Error as ::serde::de::Error>::duplicate_field(#wire),
                    );
                }
                #tag = ::core::option::Option::Some(#read);
            }
        }
    });
    let default_of = |s: &FieldSpec| match &s.default {
        Default::Trait => Some(quote! { ::core::default::Default::default() }),
        Default::Path(p) => Some(quote! { #p() }),
        Default::None => None,
    };
    let inits = specs.iter().map(|s| {
        let fid = &s.ident;
        if s.flatten {
            return quote! { #fid: __extra, };
        }
        if s.skip {
            let d = default_of(s).unwrap_or(quote! { ::core::default::Default::default() });
            return quote! { #fid: #d, };
        }
        let Some(i) = known.iter().position(|k| k.ident == s.ident) else {
            unreachable!("every field is known, skipped or flattened")
        };
        let tag = &tags[i];
        let wire = &s.names[0];
        let missing = match (default_of(s), &s.deserialize_with) {
            (Some(d), _) => d,
            (None, Some(_)) => quote! {
                return ::core::result::Result::Err(
                    <__A::Error as ::serde::de::Error>::missing_field(#wire),
                )
            },
            (None, None) => quote! { ::mattermost_sdk_core::__private::missing_field(#wire)? },
        };
        quote! {
            #fid: match #tag {
                ::core::option::Option::Some(__v) => __v,
                ::core::option::Option::None => #missing,
            },
        }
    });

    let wire_names: Vec<&String> = known.iter().flat_map(|s| &s.names).collect();
    let reference = serde_reference(input, ident, &wire_names);

    Ok(quote! {
        const _: () = {
            #[automatically_derived]
            impl<'de> ::serde::Deserialize<'de> for #ident {
                fn deserialize<__D: ::serde::Deserializer<'de>>(
                    __deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    #[allow(non_camel_case_types)]
                    enum __Field {
                        #( #tags, )*
                        __other(::std::string::String),
                    }
                    struct __FieldVisitor;
                    impl<'de> ::serde::de::Visitor<'de> for __FieldVisitor {
                        type Value = __Field;
                        fn expecting(
                            &self,
                            f: &mut ::core::fmt::Formatter<'_>,
                        ) -> ::core::fmt::Result {
                            f.write_str("field identifier")
                        }
                        fn visit_str<__E: ::serde::de::Error>(
                            self,
                            v: &str,
                        ) -> ::core::result::Result<__Field, __E> {
                            ::core::result::Result::Ok(match v {
                                #( #name_arms )*
                                _ => __Field::__other(::std::borrow::ToOwned::to_owned(v)),
                            })
                        }
                        fn visit_string<__E: ::serde::de::Error>(
                            self,
                            v: ::std::string::String,
                        ) -> ::core::result::Result<__Field, __E> {
                            ::core::result::Result::Ok(match v.as_str() {
                                #( #name_arms2 )*
                                _ => __Field::__other(v),
                            })
                        }
                        fn visit_bytes<__E: ::serde::de::Error>(
                            self,
                            v: &[u8],
                        ) -> ::core::result::Result<__Field, __E> {
                            match ::core::str::from_utf8(v) {
                                ::core::result::Result::Ok(s) => self.visit_str(s),
                                ::core::result::Result::Err(_) => {
                                    ::core::result::Result::Err(::serde::de::Error::invalid_type(
                                        ::serde::de::Unexpected::Bytes(v),
                                        &self,
                                    ))
                                }
                            }
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for __Field {
                        fn deserialize<__D1: ::serde::Deserializer<'de>>(
                            d: __D1,
                        ) -> ::core::result::Result<Self, __D1::Error> {
                            ::serde::Deserializer::deserialize_identifier(d, __FieldVisitor)
                        }
                    }
                    #( #seeds )*
                    struct __Visitor;
                    impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                        type Value = #ident;
                        fn expecting(
                            &self,
                            f: &mut ::core::fmt::Formatter<'_>,
                        ) -> ::core::fmt::Result {
                            f.write_str(#expecting)
                        }
                        fn visit_map<__A: ::serde::de::MapAccess<'de>>(
                            self,
                            mut __map: __A,
                        ) -> ::core::result::Result<#ident, __A::Error> {
                            #( #slots )*
                            let mut __extra: #extra_ty = ::core::default::Default::default();
                            while let ::core::option::Option::Some(__key) =
                                ::serde::de::MapAccess::next_key::<__Field>(&mut __map)?
                            {
                                match __key {
                                    #( #value_arms )*
                                    __Field::__other(__name) => {
                                        let __value = ::serde::de::MapAccess::next_value(&mut __map)?;
                                        __extra.insert(__name, __value);
                                    }
                                }
                            }
                            ::core::result::Result::Ok(#ident {
                                #( #inits )*
                            })
                        }
                    }
                    ::serde::Deserializer::deserialize_map(__deserializer, __Visitor)
                }
            }
        };
        #reference
    })
}

/// Under `cfg(test)`: a copy of the struct with serde's own derive,
/// `__serde_reference(&[u8])` decoding JSON through it, and `__serde_reference_fields()`, the
/// known wire names, for the equivalence tests.
fn serde_reference(input: &DeriveInput, ident: &Ident, wire_names: &[&String]) -> TokenStream2 {
    let Data::Struct(data) = &input.data else {
        return TokenStream2::new();
    };
    let container_attrs = input.attrs.iter().filter(|a| a.path().is_ident("serde"));
    let fields = data.fields.iter().map(|f| {
        let attrs = f.attrs.iter().filter(|a| a.path().is_ident("serde"));
        let fid = &f.ident;
        let ty = &f.ty;
        quote! { #( #attrs )* pub(super) #fid: #ty, }
    });
    let moves = data.fields.iter().map(|f| {
        let fid = &f.ident;
        quote! { #fid: __r.#fid, }
    });
    quote! {
        #[cfg(test)]
        const _: () = {
            // A module, so the copy has the model's name (serde's messages quote it).
            mod __serde_reference {
                #[allow(unused_imports)]
                use super::*;
                #[derive(::serde::Deserialize)]
                #( #container_attrs )*
                pub(super) struct #ident {
                    #( #fields )*
                }
            }
            impl #ident {
                /// Decodes `bytes` with serde's own derive, as `serde_json::from_slice`
                /// does (tests only).
                #[allow(dead_code)]
                pub(crate) fn __serde_reference(
                    bytes: &[u8],
                ) -> ::core::result::Result<Self, ::serde_json::Error> {
                    let mut __de = ::serde_json::Deserializer::from_slice(bytes);
                    let __v = Self::__serde_reference_de(&mut __de)?;
                    __de.end()?;
                    ::core::result::Result::Ok(__v)
                }
                /// Decodes with serde's own derive from any deserializer (tests only).
                #[allow(dead_code)]
                pub(crate) fn __serde_reference_de<'de, __D: ::serde::Deserializer<'de>>(
                    d: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    let __r: __serde_reference::#ident = ::serde::Deserialize::deserialize(d)?;
                    ::core::result::Result::Ok(#ident { #( #moves )* })
                }
                /// The wire names (and aliases) of the known fields (tests only).
                #[allow(dead_code)]
                pub(crate) fn __serde_reference_fields() -> &'static [&'static str] {
                    &[ #( #wire_names ),* ]
                }
            }
        };
    }
}
