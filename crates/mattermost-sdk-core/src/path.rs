//! Paths below `/api/v4/`, built only from typed, percent-encoded segments.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::BuildError;

/// Everything but the unreserved characters `A-Z a-z 0-9 - . _ ~` is percent-encoded.
pub const STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The bytes [`STRICT`] leaves as they are: `A-Z a-z 0-9 - . _ ~`.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Something that can be one path segment. It is encoded when appended.
pub trait PathSegment {
    /// The raw (unencoded) segment.
    fn segment(&self) -> Result<&str, BuildError>;
}

impl PathSegment for str {
    fn segment(&self) -> Result<&str, BuildError> {
        Ok(self)
    }
}

impl PathSegment for String {
    fn segment(&self) -> Result<&str, BuildError> {
        Ok(self)
    }
}

impl<T: PathSegment + ?Sized> PathSegment for &T {
    fn segment(&self) -> Result<&str, BuildError> {
        (**self).segment()
    }
}

/// Rejects empty, `.` and `..` segments.
pub(crate) fn check_segment(what: &'static str, s: &str) -> Result<(), BuildError> {
    // Matched as bytes: a length check and at most two byte compares, no `memcmp` calls.
    match s.as_bytes() {
        [] => Err(BuildError::InvalidSegment {
            what,
            reason: "empty",
        }),
        [b'.'] | [b'.', b'.'] => Err(BuildError::InvalidSegment {
            what,
            reason: "'.' and '..' are not allowed",
        }),
        _ => Ok(()),
    }
}

/// An encoded path relative to `/api/v4/`, without a leading slash (`users/me/teams`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EncodedPath(String);

impl EncodedPath {
    /// The encoded path.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The encoded path's buffer (to prefix in place).
    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for EncodedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncodedPath({:?})", self.0)
    }
}

impl fmt::Display for EncodedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Builds an [`EncodedPath`] one segment at a time.
#[derive(Debug, Default, Clone)]
pub struct PathBuilder {
    buf: String,
}

impl PathBuilder {
    /// An empty path.
    pub fn new() -> Self {
        PathBuilder {
            buf: String::with_capacity(64),
        }
    }

    /// Appends one segment, percent-encoded; rejects empty, `.` and `..`.
    pub fn push(&mut self, segment: &(impl PathSegment + ?Sized)) -> Result<&mut Self, BuildError> {
        let s = segment.segment()?;
        check_segment("path segment", s)?;
        if !self.buf.is_empty() {
            self.buf.push('/');
        }
        // IDs, `me` and the templates' literal parts need no escaping: one copy, no encoder.
        if s.bytes().all(is_unreserved) {
            self.buf.push_str(s);
        } else {
            self.buf.extend(utf8_percent_encode(s, STRICT));
        }
        Ok(self)
    }

    /// Appends one segment (builder style).
    pub fn segment(mut self, segment: &(impl PathSegment + ?Sized)) -> Result<Self, BuildError> {
        self.push(segment)?;
        Ok(self)
    }

    /// Finishes the path.
    pub fn build(self) -> EncodedPath {
        EncodedPath(self.buf)
    }

    /// Fills a template such as `/users/{user_id}/teams` with `args` in order: literal
    /// parts are kept (they are known-safe), each `{...}` takes the next argument, encoded.
    pub fn from_template(
        template: &'static str,
        args: &[&dyn PathSegment],
    ) -> Result<EncodedPath, BuildError> {
        let mut b = PathBuilder::new();
        let mut next = args.iter();
        let mut used = 0;
        // Byte tests throughout: `trim_start_matches`, `starts_with` and `ends_with` with a
        // `char` went through the generic `CharSearcher` (three calls per request).
        let mut rest = template;
        while let Some(r) = rest.strip_prefix("/") {
            rest = r;
        }
        // `split('/')` by hand: a byte scan is much cheaper than the generic searcher for
        // templates this short.
        loop {
            let (part, tail) = match rest.bytes().position(|c| c == b'/') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            if part.len() >= 2
                && part.as_bytes()[0] == b'{'
                && part.as_bytes()[part.len() - 1] == b'}'
            {
                let arg = next.next().ok_or(BuildError::Template {
                    template,
                    expected: placeholders(template),
                    got: args.len(),
                })?;
                b.push(*arg)?;
                used += 1;
            } else {
                b.push(part)?;
            }
            match tail {
                Some(t) => rest = t,
                None => break,
            }
        }
        if used != args.len() {
            return Err(BuildError::Template {
                template,
                expected: used,
                got: args.len(),
            });
        }
        Ok(b.build())
    }
}

fn placeholders(template: &str) -> usize {
    template.split('/').filter(|p| p.starts_with('{')).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_bytes_are_exactly_those_strict_keeps() {
        for b in 0..=127u8 {
            let c = char::from(b).to_string();
            let kept = utf8_percent_encode(&c, STRICT).to_string() == c;
            assert_eq!(is_unreserved(b), kept, "byte {b:#04x}");
        }
        let mut p = PathBuilder::new();
        p.push("users").unwrap().push("a b/c%é").unwrap();
        assert_eq!(p.build().as_str(), "users/a%20b%2Fc%25%C3%A9");
    }
}
