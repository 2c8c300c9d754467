//! The exported conformance kit against a small transport written here, the way a user would
//! embed the SDK in their own stack: one connection per request over hyper's low-level
//! `client::conn::http1`, which wants origin-form requests (`to_origin_form`), no redirects.
//! A second run shows the kit failing a transport that breaks the contract.

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper::body::Body as _;
use hyper_util::rt::TokioIo;
use mattermost_sdk_core::transport_support::{
    decode_content, set_default_accept_encoding, to_origin_form, BodyCollector,
};
use mattermost_sdk_core::{Transport, TransportError, TransportErrorKind};
use mattermost_sdk_mock::conformance::{Config, Kit};
use tokio::net::TcpStream;

/// One HTTP/1.1 connection per request; no pool, no TLS, no redirects.
#[derive(Debug, Clone)]
struct OneShot {
    cfg: Config,
    /// Breaks the contract on purpose: keeps only the last value of a repeated header.
    drop_repeats: bool,
}

fn io(e: impl std::fmt::Display) -> TransportError {
    TransportError::new(TransportErrorKind::Io, e.to_string())
}

impl OneShot {
    async fn exchange(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        let uri = req.uri().clone();
        let host = uri.host().unwrap_or_default().trim_matches(['[', ']']);
        let port = uri.port_u16().unwrap_or(80);
        let stream = TcpStream::connect((host, port))
            .await
            .map_err(|e| TransportError::new(TransportErrorKind::Connect, e.to_string()))?;
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(io)?;
        tokio::spawn(conn);
        let mut req = req;
        set_default_accept_encoding(&mut req);
        let req = to_origin_form(req)?.map(Full::new);
        let (parts, mut body) = sender.send_request(req).await.map_err(io)?.into_parts();
        let mut collected = BodyCollector::new(self.cfg.max_body_bytes, body.size_hint().exact())?;
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.map_err(io)?.into_data() {
                collected.push_bytes(data)?;
            }
        }
        let decoded = decode_content(&parts.headers, collected.finish(), self.cfg.max_body_bytes)?;
        let mut resp = Response::from_parts(parts, decoded);
        if self.drop_repeats {
            let mut kept = http::HeaderMap::new();
            for (name, value) in resp.headers() {
                kept.insert(name.clone(), value.clone()); // the last value wins
            }
            *resp.headers_mut() = kept;
        }
        Ok(resp)
    }
}

impl Transport for OneShot {
    async fn send(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        match tokio::time::timeout(self.cfg.timeout, self.exchange(req)).await {
            Ok(result) => result,
            Err(_) => Err(TransportError::new(
                TransportErrorKind::Timeout,
                format!("no answer within {:?}", self.cfg.timeout),
            )),
        }
    }
}

#[tokio::test]
async fn a_transport_written_in_the_test_passes_the_kit() {
    let report = Kit::new(|cfg| OneShot {
        cfg,
        drop_repeats: false,
    })
    .without_redirects()
    .run()
    .await;
    report.assert_passed();
    // What it does not offer is skipped, with the reason, not passed.
    let skipped: Vec<_> = report.skipped.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        skipped,
        [
            "http2_keeps_version_headers_and_body",
            "a_same_origin_redirect_keeps_credentials",
            "redirect_methods_follow_the_status",
            "too_many_redirects_is_redirect",
        ]
    );
    assert!(report
        .passed
        .contains(&"a_cross_origin_redirect_drops_credentials"));
    assert!(report
        .passed
        .contains(&"end_to_end_against_the_served_fake"));
}

#[tokio::test]
async fn the_kit_fails_a_transport_that_drops_repeated_headers() {
    let report = Kit::new(|cfg| OneShot {
        cfg,
        drop_repeats: true,
    })
    .without_redirects()
    .run()
    .await;
    assert!(!report.is_ok());
    let failed: Vec<_> = report.failed.iter().map(|(name, _)| *name).collect();
    assert_eq!(failed, ["repeated_headers_are_preserved"], "{report}");
    assert!(report
        .to_string()
        .contains("FAILED repeated_headers_are_preserved"));
    assert!(report.passed.contains(&"an_endless_body_is_cut_at_the_cap"));
    let panicked = std::panic::catch_unwind(|| report.assert_passed());
    assert!(panicked.is_err());
}
