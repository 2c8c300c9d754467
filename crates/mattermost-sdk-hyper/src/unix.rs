//! A connector for Unix domain sockets (feature `unix`), for the server's **local mode**.
//!
//! With `ServiceSettings.EnableLocalMode` on, a Mattermost server also serves its API on a Unix
//! socket (`ServiceSettings.LocalModeSocketLocation`, by default
//! `/var/tmp/mattermost_local.socket`). That is what `mmctl --local` talks to: no token and no
//! login; whoever may open the socket file (by its file permissions) acts as a system admin.
//! Only the operations the server registers for local mode answer there (`APILocal` in
//! `server/channels/api4/*_local.go`); the rest are 404. The README lists the users API ones.
//!
//! [`UnixConnector`] connects every request to one socket path, whatever the request's URI
//! says, on hyper-util's own `Connection` support for Tokio's `UnixStream`. Requests keep
//! their ordinary `http://` URI (its host becomes the `Host` header, which local mode does not
//! check), so the base URL can be anything such as `http://localhost`.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::Uri;
use hyper_util::rt::TokioIo;
use tokio::net::UnixStream;

use crate::HyperTransport;

/// A hyper-util connector that opens a connection to one Unix socket for every request.
/// Cheap to clone (the path is shared).
#[derive(Debug, Clone)]
pub struct UnixConnector {
    path: Arc<Path>,
}

impl UnixConnector {
    /// A connector for the socket at `path` (nothing is opened until a request is sent).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        UnixConnector {
            path: Arc::from(path.into()),
        }
    }

    /// The socket path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl tower_service::Service<Uri> for UnixConnector {
    type Response = TokioIo<UnixStream>;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<TokioIo<UnixStream>>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Uri) -> Self::Future {
        let path = Arc::clone(&self.path);
        Box::pin(async move { UnixStream::connect(&*path).await.map(TokioIo::new) })
    }
}

impl HyperTransport<UnixConnector> {
    /// A transport to the server's local-mode socket at `path` (feature `unix`): every request
    /// goes over that socket. Use it with any `http://` base URL (`http://localhost`) and no
    /// token. A missing socket or one you may not open is a
    /// [`Connect`](mattermost_sdk_core::TransportErrorKind::Connect) error.
    ///
    /// ```no_run
    /// use mattermost_sdk_core::endpoints::users::GetUser;
    /// use mattermost_sdk_core::{build_request, parse_response, BaseUrl, Transport, UserId};
    /// use mattermost_sdk_hyper::HyperTransport;
    ///
    /// # async fn run() -> Result<(), mattermost_sdk_core::Error> {
    /// let local = HyperTransport::unix("/var/tmp/mattermost_local.socket");
    /// let base = BaseUrl::parse("http://localhost")?;
    /// let id = UserId::new("4xp9fdt77pncbef59f4k1qe83o")?;
    /// let req = build_request(&GetUser::new(id), &base, None)?; // no token
    /// let user = parse_response::<GetUser>(local.send(req).await?)?;
    /// # Ok(()) }
    /// ```
    pub fn unix(path: impl Into<PathBuf>) -> Self {
        Self::with_connector(UnixConnector::new(path))
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use mattermost_sdk_core::{Transport, TransportErrorKind};

    use super::*;

    #[tokio::test]
    async fn a_missing_socket_is_a_connect_error() {
        let path = std::env::temp_dir().join(format!("mm-sdk-missing-{}.sock", std::process::id()));
        let t = HyperTransport::unix(&path);
        assert!(format!("{t:?}").contains("UnixConnector"));
        let req = http::Request::get("http://localhost/api/v4/system/ping")
            .body(Bytes::new())
            .unwrap();
        let err = t.send(req).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect);
    }
}
