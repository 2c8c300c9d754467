//! The only I/O boundary: [`Transport`] and its object-safe twin [`DynTransport`].

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use bytes::Bytes;
use http::{Request, Response};

use crate::error::TransportError;

/// Sends one HTTP request and returns the whole response.
///
/// Implementations copy every response header (repeated ones too), cap the body size,
/// and never forward `Authorization` to another origin. The mock crate's `conformance` kit
/// (feature `conformance` of `mattermost-sdk-mock`) checks all of it against yours in one call.
///
/// What `send` receives, from [`build_request`](crate::build_request): a request in absolute
/// form (the URI has scheme, authority, path and query; there is no `Host` header), its body
/// complete, `Content-Length: 0` on a bodiless POST, PUT or PATCH, `Authorization` marked
/// sensitive. A client that wants origin form plus `Host` (hyper's `client::conn::http1`)
/// converts it with [`to_origin_form`](crate::transport_support::to_origin_form).
pub trait Transport: Send + Sync + Debug {
    /// Sends `req` and reads the full response.
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send;

    /// Whether this transport, or a layer inside it, reads the request's extensions
    /// (`http::Extensions`). `true` unless overridden: a layer in front may then put
    /// per-call facts there for it (the facade's `CallFacts`: operationId, retry safety,
    /// options). A transport that ignores extensions returns `false`, and callers may skip
    /// putting anything there (for the facade: three heap allocations per request fewer).
    /// The HTTP transports of this project return `false`; a mock or a tower stack returns
    /// `true`.
    fn reads_extensions(&self) -> bool {
        true
    }

    /// [`send`](Transport::send) on a shared transport, as a `'static` future (it holds its
    /// own reference to the transport), for callers that must own the future: a
    /// `tower::Service`, a spawned task. [`DynTransport::send_owned`] boxes it.
    ///
    /// The default wraps `send`, so the future also keeps a slot for the request until its
    /// first poll. A transport whose future the facade boxes on every request can override
    /// it with a more compact one, as the HTTP transports of this project do.
    fn send_shared(
        self: Arc<Self>,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send + 'static
    where
        Self: Sized + 'static,
    {
        async move { self.send(req).await }
    }
}

/// The object-safe form of [`Transport`], implemented for every `Transport`.
#[async_trait::async_trait]
pub trait DynTransport: Send + Sync + Debug {
    /// Sends `req` and reads the full response.
    async fn send_dyn(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError>;

    /// [`DynTransport::send_dyn`] as an owned future (`'static`: it holds its own reference
    /// to the transport), so a call can be spawned. One allocation, like `send_dyn`.
    fn send_owned(
        self: Arc<Self>,
        req: Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<Response<Bytes>, TransportError>> + Send + 'static>>
    where
        Self: 'static;

    /// [`Transport::reads_extensions`].
    fn reads_extensions_dyn(&self) -> bool;
}

/// Written out rather than with `#[async_trait]`, whose wrapper future would also hold `req`:
/// the box holds `send`'s future and nothing else.
impl<T: Transport> DynTransport for T {
    fn send_dyn<'life0, 'async_trait>(
        &'life0 self,
        req: Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<Response<Bytes>, TransportError>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(self.send(req))
    }

    fn send_owned(
        self: Arc<Self>,
        req: Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<Response<Bytes>, TransportError>> + Send + 'static>>
    where
        Self: 'static,
    {
        Box::pin(Transport::send_shared(self, req))
    }

    fn reads_extensions_dyn(&self) -> bool {
        self.reads_extensions()
    }
}

impl<T: Transport> Transport for Arc<T> {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        (**self).send(req)
    }

    fn reads_extensions(&self) -> bool {
        (**self).reads_extensions()
    }

    fn send_shared(
        self: Arc<Self>,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send + 'static
    where
        Self: Sized + 'static,
    {
        T::send_shared(Arc::clone(&*self), req)
    }
}

#[cfg(feature = "mockall")]
mockall::mock! {
    /// A [`mockall`]-generated mock of [`Transport`] (feature `mockall`), for tests written
    /// the mockall way: `expect_send()` with matchers, counts and sequences, and `returning`
    /// a boxed future. (`mattermost_sdk_mock::MockTransport` is the crate's own
    /// expectation-style mock; this one is for code bases that already use mockall.)
    ///
    /// ```
    /// use mattermost_sdk_core::{bytes::Bytes, http, MockallTransport, Transport};
    ///
    /// # fn main() {
    /// let mut t = MockallTransport::new();
    /// t.expect_send()
    ///     .withf(|req| req.uri().path() == "/api/v4/users/me")
    ///     .times(1)
    ///     .returning(|_| {
    ///         let resp = http::Response::builder().status(200).body(Bytes::from_static(b"{}"));
    ///         Box::pin(std::future::ready(Ok(resp.unwrap())))
    ///     });
    /// let req = http::Request::get("http://h/api/v4/users/me").body(Bytes::new()).unwrap();
    /// let _future = t.send(req);
    /// # }
    /// ```
    pub Transport {}

    impl Transport for Transport {
        fn send(
            &self,
            req: Request<Bytes>,
        ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send;
    }
}

/// `Debug` for the mockall mock, which `Transport` requires and mockall does not derive.
#[cfg(feature = "mockall")]
impl Debug for MockTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MockallTransport")
    }
}

/// The mockall mock of [`Transport`], under a name that does not clash with
/// `mattermost_sdk_mock::MockTransport` (feature `mockall`).
#[cfg(feature = "mockall")]
pub type MockallTransport = MockTransport;
