//! Parsing `multipart/form-data` in memory with `multer`, without an async runtime.
//!
//! The whole body is one ready chunk, so every future `multer` returns completes without
//! waiting; it is polled with a no-op waker.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use futures_core::Stream;

/// One part of a form.
#[derive(Debug, Clone)]
pub(crate) struct FormPart {
    pub(crate) name: Option<String>,
    pub(crate) filename: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) data: Bytes,
}

/// A stream yielding one chunk, then ending.
struct OneChunk(Option<Bytes>);

impl Stream for OneChunk {
    type Item = Result<Bytes, Infallible>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().map(Ok))
    }
}

/// Polls `fut` with a no-op waker until it is ready (at most a bounded number of times).
fn run_ready<F: Future>(fut: F) -> Option<F::Output> {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1024 {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return Some(v);
        }
    }
    None
}

/// Parses `body` given the request's `Content-Type`.
pub(crate) fn parse(content_type: &str, body: Bytes) -> Result<Vec<FormPart>, String> {
    let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
    let mut form = multer::Multipart::new(OneChunk(Some(body)), boundary);
    let fut = async move {
        let mut parts = Vec::new();
        while let Some(field) = form.next_field().await.map_err(|e| e.to_string())? {
            let name = field.name().map(str::to_owned);
            let filename = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(|m| m.to_string());
            let data = field.bytes().await.map_err(|e| e.to_string())?;
            parts.push(FormPart {
                name,
                filename,
                content_type,
                data,
            });
        }
        Ok(parts)
    };
    run_ready(fut).unwrap_or_else(|| Err("the multipart parser did not finish".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mattermost_sdk_core::Multipart;

    #[test]
    fn parses_a_core_form() {
        let form = Multipart::new()
            .file("image", "me.png", "image/png", &b"\x89PNG..."[..])
            .text("x", "y");
        let boundary = form.boundary();
        let body = form.encode(&boundary);
        let parts = parse(&format!("multipart/form-data; boundary={boundary}"), body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name.as_deref(), Some("image"));
        assert_eq!(parts[0].filename.as_deref(), Some("me.png"));
        assert_eq!(parts[0].content_type.as_deref(), Some("image/png"));
        assert_eq!(&parts[0].data[..], b"\x89PNG...");
        assert_eq!(parts[1].filename, None);
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse("application/json", Bytes::from_static(b"{}")).is_err());
        assert!(parse(
            "multipart/form-data; boundary=x",
            Bytes::from_static(b"nope")
        )
        .is_err());
    }
}
