//! Per-call timeouts, as a `tower` layer ([`CallTimeoutLayer`]) below the retries.
//!
//! A call's timeout comes from [`Call::timeout`](crate::Call::timeout), else from the
//! client's default ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)); without
//! either only the transport's own whole-exchange bound applies (30 s by default). The layer
//! reads it from the request's extensions ([`CallFacts::options`]), like every other per-call
//! option, so a layer of yours sees it too.
//!
//! **Each attempt** is bounded, not the call as a whole: the layer sits below the retry
//! layer, so an attempt that runs out of time is a transport error of kind
//! [`TransportErrorKind::Timeout`] ([`Error::is_timeout`]) that the retry layer treats like
//! any failure after the request may have reached the server: repeated for operations safe to
//! repeat, returned at once for the others. A call therefore takes at most about
//! `attempts × timeout` plus the retry waits
//! ([`RetryConfig::max_total_wait`](crate::retry::RetryConfig::max_total_wait)); to bound the
//! whole call, wrap its future in `tokio::time::timeout` (dropping the future stops
//! everything, waits included). The transport's own timeout still applies inside each
//! attempt: whichever is shorter wins.
//!
//! The clock is tokio's, so a paused tokio clock (`#[tokio::test(start_paused = true)]`)
//! tests timeouts without waiting.
//!
//! [`Error::is_timeout`]: mattermost_sdk_core::Error::is_timeout

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http::{Request, Response};
use mattermost_sdk_core::{TransportError, TransportErrorKind};
use tower::{Layer, Service};

use crate::retry::CallFacts;

/// Puts a [`CallTimeout`] in front of a service; `default` applies to requests whose
/// [`CallFacts`] name no timeout of their own.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallTimeoutLayer {
    default: Option<Duration>,
}

impl CallTimeoutLayer {
    /// A layer with this default per-attempt timeout (`None`: only per-call ones).
    pub fn new(default: Option<Duration>) -> Self {
        CallTimeoutLayer { default }
    }
}

impl<S> Layer<S> for CallTimeoutLayer {
    type Service = CallTimeout<S>;

    fn layer(&self, inner: S) -> CallTimeout<S> {
        CallTimeout {
            inner,
            default: self.default,
        }
    }
}

/// Bounds each request by its call's timeout (from [`CallFacts::options`]) or the default;
/// past it, the request's future is dropped and the answer is a [`TransportError`] of kind
/// [`TransportErrorKind::Timeout`]. A request with no timeout at all passes through
/// unchanged (no timer is set).
#[derive(Debug, Clone)]
pub struct CallTimeout<S> {
    inner: S,
    default: Option<Duration>,
}

impl<S> CallTimeout<S> {
    /// The default timeout, for requests without one of their own.
    pub fn default_timeout(&self) -> Option<Duration> {
        self.default
    }

    /// Changes the default timeout.
    pub fn set_default_timeout(&mut self, default: Option<Duration>) {
        self.default = default;
    }

    /// The wrapped service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }
}

impl<S, B, R> Service<Request<B>> for CallTimeout<S>
where
    S: Service<Request<B>, Response = Response<R>, Error = TransportError>,
{
    type Response = Response<R>;
    type Error = TransportError;
    type Future = TimeoutFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let limit = req
            .extensions()
            .get::<CallFacts>()
            .and_then(|f| f.options.timeout)
            .or(self.default);
        let inner = self.inner.call(req);
        let state = match limit {
            None => State::Plain { inner },
            Some(limit) => State::Timed {
                inner,
                sleep: Box::pin(tokio::time::sleep(limit)),
                limit,
            },
        };
        TimeoutFuture { state }
    }
}

pin_project_lite::pin_project! {
    /// The future of a [`CallTimeout`]: the inner future, raced against the timer if the
    /// request has a timeout.
    #[derive(Debug)]
    pub struct TimeoutFuture<F> {
        #[pin]
        state: State<F>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProj]
    #[derive(Debug)]
    enum State<F> {
        Plain {
            #[pin]
            inner: F,
        },
        Timed {
            #[pin]
            inner: F,
            // Boxed: a `Sleep` is about 100 bytes, which every call's future (and each move
            // of it) would carry even without a timeout, the usual case.
            sleep: Pin<Box<tokio::time::Sleep>>,
            limit: Duration,
        },
    }
}

impl<F, R> Future for TimeoutFuture<F>
where
    F: Future<Output = Result<R, TransportError>>,
{
    type Output = Result<R, TransportError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Plain { inner } => inner.poll(cx),
            StateProj::Timed {
                inner,
                sleep,
                limit,
            } => {
                if let Poll::Ready(out) = inner.poll(cx) {
                    return Poll::Ready(out);
                }
                match sleep.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Err(TransportError::new(
                        TransportErrorKind::Timeout,
                        format!("no complete answer within the call's timeout of {limit:?}"),
                    ))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }
}
