//! Request bodies.

use bytes::{BufMut, Bytes, BytesMut};
use serde::Serialize;
use std::fmt;

use crate::error::BuildError;

/// The body of a request.
///
/// `Debug` shows the kind and the length only, never the bytes: a body can hold a password
/// (`Login`, `UpdateUserPassword`, `SwitchAccountType`), a token (`LoginByCwsToken`) or an
/// MFA code.
#[derive(Clone, PartialEq)]
pub enum Body {
    /// No body: no bytes and no `Content-Type`.
    Empty,
    /// JSON bytes, sent as `application/json`.
    Json(Bytes),
    /// A `multipart/form-data` form.
    Multipart(Multipart),
    /// Form bytes, sent as `application/x-www-form-urlencoded` (what a browser's HTML form
    /// posts; `loginCWS` in `server/channels/api4/user.go` reads its fields with
    /// `r.ParseForm()`).
    Form(Bytes),
}

impl Body {
    /// Serializes `value` as a JSON body.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Body, BuildError> {
        Ok(Body::Json(Bytes::from(serde_json::to_vec(value)?)))
    }

    /// Serializes `value` (a struct or map of scalar fields, or a sequence of pairs) as an
    /// `application/x-www-form-urlencoded` body, with `serde_urlencoded`: `a=1&b=x+y`. A
    /// value that is not flat (a nested map or list) is a [`BuildError::InvalidParam`]
    /// naming `body`; its message never quotes the value.
    pub fn form<T: Serialize + ?Sized>(value: &T) -> Result<Body, BuildError> {
        serde_urlencoded::to_string(value)
            .map(|s| Body::Form(Bytes::from(s)))
            .map_err(|_| BuildError::InvalidParam {
                param: "body",
                reason: "a form body holds only flat fields of strings, numbers and booleans"
                    .into(),
            })
    }
}

/// One part of a multipart form. Every part has a `Content-Type`. `Debug` shows the data's
/// length, not its bytes.
#[derive(Clone, PartialEq)]
pub struct Part {
    /// The form field name.
    pub name: String,
    /// The file name, if the part is a file.
    pub filename: Option<String>,
    /// The part's content type.
    pub content_type: String,
    /// The part's bytes.
    pub data: Bytes,
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Json(b) => write!(f, "Json({} bytes)", b.len()),
            Body::Form(b) => write!(f, "Form({} bytes)", b.len()),
            Body::Multipart(m) => f.debug_tuple("Multipart").field(m).finish(),
        }
    }
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("name", &self.name)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("data", &format_args!("{} bytes", self.data.len()))
            .finish()
    }
}

/// A `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Adds a file part.
    pub fn file(
        mut self,
        name: impl Into<String>,
        filename: impl Into<String>,
        content_type: impl Into<String>,
        data: impl Into<Bytes>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: content_type.into(),
            data: data.into(),
        });
        self
    }

    /// Adds a text part (`text/plain; charset=utf-8`).
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            filename: None,
            content_type: "text/plain; charset=utf-8".to_owned(),
            data: Bytes::from(value.into()),
        });
        self
    }

    /// The parts in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Picks a boundary that occurs in no part. Deterministic for the same parts.
    pub fn boundary(&self) -> String {
        let mut n: u64 = 0x6d61_7474_6572_6d6f;
        loop {
            let b = format!("mattermost-sdk-boundary-{n:016x}");
            if !self.parts.iter().any(|p| contains(&p.data, b.as_bytes())) {
                return b;
            }
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
        }
    }

    /// Encodes the form with `boundary`; returns the body bytes.
    pub fn encode(&self, boundary: &str) -> Bytes {
        let size: usize = self.parts.iter().map(|p| p.data.len() + 160).sum::<usize>() + 64;
        let mut out = BytesMut::with_capacity(size);
        for p in &self.parts {
            out.put_slice(b"--");
            out.put_slice(boundary.as_bytes());
            out.put_slice(b"\r\nContent-Disposition: form-data; name=\"");
            out.put_slice(quote(&p.name).as_bytes());
            out.put_slice(b"\"");
            if let Some(f) = &p.filename {
                out.put_slice(b"; filename=\"");
                out.put_slice(quote(f).as_bytes());
                out.put_slice(b"\"");
            }
            out.put_slice(b"\r\nContent-Type: ");
            out.put_slice(p.content_type.as_bytes());
            out.put_slice(b"\r\n\r\n");
            out.put_slice(&p.data);
            out.put_slice(b"\r\n");
        }
        out.put_slice(b"--");
        out.put_slice(boundary.as_bytes());
        out.put_slice(b"--\r\n");
        out.freeze()
    }
}

fn quote(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\r', '\n'], " ")
}

/// Substring search with `memchr`'s SIMD `memmem`: a few GB/s, where comparing every window
/// took ~4 ns per byte and dominated uploading an image.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_bytes_of_any_body_kind() {
        let secret = "hunter2-password";
        let json = Body::json(&serde_json::json!({ "login_id": "a", "password": secret })).unwrap();
        let form = Body::form(&[("login_id", "a"), ("cws_token", secret)]).unwrap();
        let multipart = Body::Multipart(Multipart::new().file(
            "f",
            "a.txt",
            "text/plain",
            secret.as_bytes().to_vec(),
        ));
        for body in [json, form, multipart] {
            let shown = format!("{body:?} {body:#?}");
            assert!(!shown.contains(secret), "{shown}");
            assert!(shown.contains("bytes"), "{shown}");
        }
        let request =
            http::Request::new(Body::json(&serde_json::json!({ "password": secret })).unwrap());
        assert!(!format!("{request:?}").contains(secret));
    }

    #[test]
    fn the_boundary_never_occurs_in_a_part() {
        let first = Multipart::new().file("image", "a.png", "image/png", &b"plain"[..]);
        let b1 = first.boundary();
        // Data that contains the first choice, in the middle and at the very end.
        let mut data = b"xx".to_vec();
        data.extend_from_slice(b1.as_bytes());
        data.extend_from_slice(b"yy");
        data.extend_from_slice(b1.as_bytes());
        let second = Multipart::new().file("image", "a.png", "image/png", data);
        let b2 = second.boundary();
        assert_ne!(b1, b2);
        assert!(!contains(&second.parts()[0].data, b2.as_bytes()));
        assert!(contains(b"--abc--", b"abc") && !contains(b"ab", b"abc"));
    }
}
