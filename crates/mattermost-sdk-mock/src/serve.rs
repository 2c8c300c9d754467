//! Serving a [`FakeServer`] over real HTTP on a loopback TCP socket, or on a Unix socket as
//! the server's local mode (feature `serve`).

use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use crate::fake::FakeServer;

/// The largest request body the server reads (64 MiB); larger ones get a 413.
pub const MAX_REQUEST_BODY: usize = 64 * 1024 * 1024;

/// Serves `fake` over HTTP/1.1 and HTTP/2 (cleartext) on `addr`; use `127.0.0.1:0` for a
/// free port. Every request is answered by [`FakeServer::handle`], so the served fake and
/// `fake` (and its clones) share state. Must be called inside a Tokio runtime; the server
/// runs on spawned tasks until the returned handle is dropped or shut down.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use mattermost_sdk_mock::{serve, FakeServer};
/// let server = serve(FakeServer::new(), "127.0.0.1:0".parse().unwrap()).await?;
/// println!("fake Mattermost at {}", server.base_url());
/// server.shutdown().await;
/// # Ok(()) }
/// ```
pub async fn serve(fake: FakeServer, addr: SocketAddr) -> std::io::Result<ServeHandle> {
    let listener = TcpListener::bind(addr).await?;
    let local_addr = listener.local_addr()?;
    let (stop_tx, mut stop_rx) = oneshot::channel::<()>();
    let accepted_count = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&accepted_count);
    let task = tokio::spawn(async move {
        let mut connections = JoinSet::new();
        loop {
            tokio::select! {
                _ = &mut stop_rx => break,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    count.fetch_add(1, Ordering::Relaxed);
                    connections.spawn(serve_connection(fake.clone(), stream, false));
                }
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        // Dropping `connections` aborts the connections still open.
    });
    Ok(ServeHandle {
        local_addr,
        accepted: accepted_count,
        stop: Some(stop_tx),
        task: Some(task),
    })
}

/// Serves one connection (HTTP/1.1 or h2c) until it closes; `local` marks its requests as
/// local mode.
async fn serve_connection<IO>(fake: FakeServer, io: IO, local: bool)
where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req| {
        let fake = fake.clone();
        async move {
            // An error from the service makes hyper close the connection without answering.
            if fake.take_drop() {
                return Err(DroppedConnection);
            }
            Ok(answer(&fake, req, local).await)
        }
    });
    let builder = Builder::new(TokioExecutor::new());
    // A connection error only ends that connection.
    let _ = builder.serve_connection(TokioIo::new(io), service).await;
}

/// The served fake's injected fault: the connection is closed without an answer (see
/// [`FakeServer::drop_next`]).
#[derive(Debug)]
struct DroppedConnection;

impl fmt::Display for DroppedConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("injected fault: connection dropped without an answer")
    }
}

impl std::error::Error for DroppedConnection {}

async fn answer(fake: &FakeServer, req: Request<Incoming>, local: bool) -> Response<Full<Bytes>> {
    let (mut parts, body) = req.into_parts();
    if local {
        parts.extensions.insert(crate::fake::local::LocalMode);
    } else {
        // Nothing from outside may claim local mode.
        parts.extensions.remove::<crate::fake::local::LocalMode>();
    }
    if let Some(delay) = fake.take_delay() {
        tokio::time::sleep(delay).await;
    }
    match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => fake
            .handle(Request::from_parts(parts, collected.to_bytes()))
            .map(Full::new),
        Err(_) => {
            let mut resp = Response::new(Full::new(Bytes::from_static(
                b"request body too large or unreadable",
            )));
            *resp.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
            resp
        }
    }
}

/// A running [`serve`]: stops when dropped or on [`shutdown`](ServeHandle::shutdown).
pub struct ServeHandle {
    local_addr: SocketAddr,
    accepted: Arc<AtomicUsize>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl ServeHandle {
    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// How many connections the server accepted so far (to check a client's connection
    /// reuse and pool limits).
    pub fn connections_accepted(&self) -> usize {
        self.accepted.load(Ordering::Relaxed)
    }

    /// `http://IP:PORT`, to use as the client's base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.local_addr)
    }

    /// Stops accepting, closes open connections and waits for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for ServeHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl fmt::Debug for ServeHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServeHandle")
            .field("local_addr", &self.local_addr)
            .finish_non_exhaustive()
    }
}

/// Serves `fake` on a Unix socket at `path` as the server's **local mode** (what
/// `mmctl --local` talks to): every request on it runs as a local session, with every
/// permission and no user, whatever its `Authorization` header says, and only the operations
/// the real server allows in local mode answer (the others are 404; the list is in the
/// README's "Local mode"). Requests over [`serve`]'s TCP socket, or straight to
/// [`FakeServer::handle`], are never local mode.
///
/// `path` must not exist yet; the socket file is removed when the handle shuts down or is
/// dropped. Must be called inside a Tokio runtime. Unix only.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use mattermost_sdk_mock::{serve_unix, FakeServer};
/// let socket = std::env::temp_dir().join("fake-mattermost.socket");
/// let server = serve_unix(FakeServer::new(), &socket).await?;
/// // ... point a local-mode client (`HyperTransport::unix(&socket)`) at it ...
/// server.shutdown().await;
/// # Ok(()) }
/// ```
#[cfg(unix)]
pub async fn serve_unix(
    fake: FakeServer,
    path: impl AsRef<std::path::Path>,
) -> std::io::Result<UnixServeHandle> {
    let path = path.as_ref().to_path_buf();
    let listener = tokio::net::UnixListener::bind(&path)?;
    let (stop_tx, mut stop_rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut connections = JoinSet::new();
        loop {
            tokio::select! {
                _ = &mut stop_rx => break,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    connections.spawn(serve_connection(fake.clone(), stream, true));
                }
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
    });
    Ok(UnixServeHandle {
        path,
        stop: Some(stop_tx),
        task: Some(task),
    })
}

/// A running [`serve_unix`]: stops (and removes the socket file) when dropped or on
/// [`shutdown`](UnixServeHandle::shutdown).
#[cfg(unix)]
pub struct UnixServeHandle {
    path: std::path::PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

#[cfg(unix)]
impl UnixServeHandle {
    /// The socket's path.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Stops accepting, closes open connections, waits for the server task to end and removes
    /// the socket file.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
impl Drop for UnixServeHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(unix)]
impl fmt::Debug for UnixServeHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnixServeHandle")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}
