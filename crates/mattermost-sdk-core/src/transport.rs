//! The only I/O boundary: [`Transport`] and its object-safe twin [`DynTransport`].

use std::fmt::Debug;
use std::future::Future;
use std::sync::Arc;

use bytes::Bytes;
use http::{Request, Response};

use crate::error::TransportError;

/// Sends one HTTP request and returns the whole response.
///
/// Implementations copy every response header (repeated ones too), cap the body size,
/// and never forward `Authorization` to another origin.
pub trait Transport: Send + Sync + Debug {
    /// Sends `req` and reads the full response.
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send;
}

/// The object-safe form of [`Transport`], implemented for every `Transport`.
#[async_trait::async_trait]
pub trait DynTransport: Send + Sync + Debug {
    /// Sends `req` and reads the full response.
    async fn send_dyn(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError>;
}

#[async_trait::async_trait]
impl<T: Transport> DynTransport for T {
    async fn send_dyn(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        self.send(req).await
    }
}

impl<T: Transport> Transport for Arc<T> {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        (**self).send(req)
    }
}
