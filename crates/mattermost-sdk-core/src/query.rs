//! Query parameters.

use std::borrow::Cow;

use percent_encoding::utf8_percent_encode;

use crate::path::STRICT;

/// Ordered query parameters; names and values are percent-encoded when rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(Cow<'static, str>, String)>,
}

impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Query::default()
    }

    /// Adds a parameter.
    pub fn push(&mut self, name: impl Into<Cow<'static, str>>, value: impl ToString) -> &mut Self {
        self.pairs.push((name.into(), value.to_string()));
        self
    }

    /// Adds a parameter if `value` is `Some`.
    pub fn push_opt(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        value: Option<impl ToString>,
    ) -> &mut Self {
        if let Some(v) = value {
            self.push(name, v);
        }
        self
    }

    /// Adds a parameter (builder style).
    pub fn with(mut self, name: impl Into<Cow<'static, str>>, value: impl ToString) -> Self {
        self.push(name, value);
        self
    }

    /// Adds a parameter if `value` is `Some` (builder style).
    pub fn with_opt(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: Option<impl ToString>,
    ) -> Self {
        self.push_opt(name, value);
        self
    }

    /// True if there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The parameters in order, unencoded.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }

    /// Appends `name=value&...`, encoded, to `out`.
    pub fn encode_into(&self, out: &mut String) {
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            // `extend` with the encoder's chunks, not `write!`: no formatting machinery.
            out.extend(utf8_percent_encode(k, STRICT));
            out.push('=');
            out.extend(utf8_percent_encode(v, STRICT));
        }
    }
}
