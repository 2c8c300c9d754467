//! Helpers shared by the facade's integration tests (each test binary includes this module
//! with `mod common;` and uses what it needs, hence the `dead_code` allowance).
#![allow(dead_code)]

use mattermost_sdk::{Client, Error};
use mattermost_sdk_mock::{FakeServer, MockTransport};

/// A client over the in-process `FakeServer`, authenticated with `token` (one of the
/// fake's fixture tokens, e.g. `fake::USER_TOKEN`).
pub(crate) fn client_as(fake: &FakeServer, token: &str) -> Client {
    Client::builder("https://fake.example.com")
        .token(token)
        .transport(fake.clone())
        .build()
        .unwrap()
}

/// A client over `mock`, for `https://chat.example.com`, with the token `tok`.
pub(crate) fn mock_client(mock: &MockTransport) -> Client {
    Client::builder("https://chat.example.com")
        .token("tok")
        .transport(mock.clone())
        .build()
        .unwrap()
}

/// The HTTP status and Mattermost error id of a failed call; panics on success or on an
/// error that is not an API error.
pub(crate) fn api_err<T: std::fmt::Debug>(out: Result<T, Error>) -> (u16, String) {
    match out {
        Err(Error::Api(e)) => (e.status.as_u16(), e.id().unwrap_or_default().to_owned()),
        other => panic!("expected an API error, got {other:?}"),
    }
}
