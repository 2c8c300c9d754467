//! Loopback servers for the kit: a small programmable HTTP/1.1 and h2c server, servers that
//! misbehave on purpose (raw answers: none, cut short or not HTTP; a port that refuses
//! connections) and response bodies that stream forever or stall.
//!
//! Everything runs on the caller's Tokio runtime; servers stop when dropped.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{HeaderMap, Method, Request, Response, StatusCode, Uri, Version};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The body type handlers answer with.
pub type ServerBody = BoxBody<Bytes, Infallible>;

/// One request as the server received it (body read completely).
#[derive(Debug, Clone)]
pub struct Seen {
    /// The HTTP version.
    pub version: Version,
    /// The method.
    pub method: Method,
    /// The request target (path and query for HTTP/1.1, the absolute URI for HTTP/2).
    pub uri: Uri,
    /// Every header, repeated ones too.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
}

impl Seen {
    /// The value of header `name` as text, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

type Handler = dyn Fn(&Seen) -> Response<ServerBody> + Send + Sync;

/// A loopback server (HTTP/1.1, or HTTP/2 with prior knowledge) answering every request
/// with a handler, recording what it received.
pub struct TestServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
}

impl TestServer {
    /// Starts a server on a free loopback port.
    pub async fn start(
        handler: impl Fn(&Seen) -> Response<ServerBody> + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let recorder = Arc::clone(&seen);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = Arc::clone(&handler);
                let recorder = Arc::clone(&recorder);
                let service = service_fn(move |req: Request<Incoming>| {
                    let handler = Arc::clone(&handler);
                    let recorder = Arc::clone(&recorder);
                    async move {
                        let (parts, body) = req.into_parts();
                        let body = body
                            .collect()
                            .await
                            .map(|b| b.to_bytes())
                            .unwrap_or_default();
                        let seen = Seen {
                            version: parts.version,
                            method: parts.method,
                            uri: parts.uri,
                            headers: parts.headers,
                            body,
                        };
                        let resp = handler(&seen);
                        recorder.lock().expect("recorder lock").push(seen);
                        Ok::<_, Infallible>(resp)
                    }
                });
                tokio::spawn(async move {
                    // HTTP/1.1, or HTTP/2 with prior knowledge (h2c).
                    let builder = auto::Builder::new(TokioExecutor::new());
                    // Errors here are clients going away mid-response, which tests do on purpose.
                    let _ = builder
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        TestServer { addr, seen, task }
    }

    /// The server's port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:<port><path_and_query>`.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("http://{}{path_and_query}", self.addr)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().expect("recorder lock").clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A raw TCP server for answers hyper's server would never send: it reads each request head,
/// writes fixed bytes (possibly none, or a broken response), then hangs up or holds the
/// connection open forever.
pub struct RawServer {
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl RawServer {
    /// Starts a server that answers every connection with `reply`, then closes it if
    /// `hang_up`, or else keeps it open without another byte.
    pub async fn start(reply: &'static [u8], hang_up: bool) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    if stream.write_all(reply).await.is_err() {
                        return;
                    }
                    if hang_up {
                        let _ = stream.shutdown().await;
                    } else {
                        std::future::pending::<()>().await;
                    }
                });
            }
        });
        RawServer { addr, task }
    }

    /// A server that accepts connections and never answers.
    pub async fn silent() -> RawServer {
        RawServer::start(b"", false).await
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A loopback port nobody listens on: bound, then released.
pub fn refused_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().expect("local address").port();
    drop(listener);
    port
}

/// A response with `status`, `headers` (in order, repeats allowed) and a complete `body`
/// (sent with `Content-Length`).
pub fn respond(
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Response<ServerBody> {
    with_body(status, headers, Full::new(body.into()).boxed())
}

/// A response with `status`, `headers` and any body.
pub fn with_body(status: u16, headers: &[(&str, &str)], body: ServerBody) -> Response<ServerBody> {
    let mut resp = Response::new(body);
    *resp.status_mut() = StatusCode::from_u16(status).expect("valid status");
    for (name, value) in headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).expect("valid header name");
        let value = http::HeaderValue::from_str(value).expect("valid header value");
        resp.headers_mut().append(name, value);
    }
    resp
}

/// A body of unknown length (sent chunked) that repeats `chunk_size` bytes of `x` forever.
pub fn endless(chunk_size: usize) -> ServerBody {
    Endless(Bytes::from(vec![b'x'; chunk_size])).boxed()
}

/// A body of unknown length that sends `first`, then never sends anything again.
pub fn then_stall(first: impl Into<Bytes>) -> ServerBody {
    ThenStall(Some(first.into())).boxed()
}

struct Endless(Bytes);

impl Body for Endless {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(Some(Ok(Frame::data(self.0.clone()))))
    }
}

struct ThenStall(Option<Bytes>);

impl Body for ThenStall {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.0.take() {
            Some(first) => Poll::Ready(Some(Ok(Frame::data(first)))),
            // Never woken: the body stalls for good.
            None => Poll::Pending,
        }
    }
}
