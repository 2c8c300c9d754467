//! Escape hatches around any endpoint: [`raw`], [`ignore`], [`json`].

use std::marker::PhantomData;

use http::Method;
use serde::de::DeserializeOwned;

use crate::body::Body;
use crate::endpoint::{Endpoint, EndpointInfo};
use crate::error::BuildError;
use crate::path::EncodedPath;
use crate::query::Query;
use crate::response::{Ignored, RawResponse};

macro_rules! forward_endpoint {
    () => {
        const INFO: EndpointInfo = E::INFO;
        fn method(&self) -> Method {
            self.inner.method()
        }
        fn path(&self) -> Result<EncodedPath, BuildError> {
            self.inner.path()
        }
        fn query(&self) -> Result<Query, BuildError> {
            self.inner.query()
        }
        fn body(&self) -> Result<Body, BuildError> {
            self.inner.body()
        }
    };
}

/// An endpoint whose response is kept as raw status, headers and bytes.
#[derive(Debug, Clone)]
pub struct Raw<E> {
    inner: E,
}

/// Wraps `ep` so its response is returned undecoded.
pub fn raw<E: Endpoint>(ep: E) -> Raw<E> {
    Raw { inner: ep }
}

impl<E: Endpoint> Endpoint for Raw<E> {
    type Output = RawResponse;
    forward_endpoint!();
    fn accept(&self) -> &'static str {
        self.inner.accept()
    }
}

/// An endpoint whose response body is ignored (the status is still checked).
#[derive(Debug, Clone)]
pub struct Ignore<E> {
    inner: E,
}

/// Wraps `ep` so only its status matters.
pub fn ignore<E: Endpoint>(ep: E) -> Ignore<E> {
    Ignore { inner: ep }
}

impl<E: Endpoint> Endpoint for Ignore<E> {
    type Output = Ignored;
    forward_endpoint!();
    fn accept(&self) -> &'static str {
        self.inner.accept()
    }
}

/// An endpoint whose response is decoded into the caller's own type `T`.
#[derive(Debug, Clone)]
pub struct Json<E, T> {
    inner: E,
    _out: PhantomData<fn() -> T>,
}

/// Wraps `ep` so its JSON response decodes into `T`.
pub fn json<T: DeserializeOwned, E: Endpoint>(ep: E) -> Json<E, T> {
    Json {
        inner: ep,
        _out: PhantomData,
    }
}

impl<E: Endpoint, T: DeserializeOwned> Endpoint for Json<E, T> {
    type Output = T;
    forward_endpoint!();
}
