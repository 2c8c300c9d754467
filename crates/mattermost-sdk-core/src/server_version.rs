//! The server's version, as every API response states it in the `X-Version-Id` header.
//!
//! The server sets the header on every API response (`server/channels/web/handlers.go`):
//! `"{CurrentVersion}.{BuildNumber}.{ClientConfigHash}.{licensed}"`, for example
//! `10.11.0.16000.a1b2c3d4e5.true`, where `CurrentVersion` is itself `MAJOR.MINOR.PATCH`.
//! Older servers (before 5.x) sent only the first three parts. [`server_version`] reads it from
//! any response's headers, so a transport layer, a test or your own client can tell which
//! server it talks to (some operations differ by version: see the README's "Server
//! versions").

use http::{HeaderMap, HeaderName};

/// The name of the header that carries the server's version (`x-version-id`). A prebuilt
/// [`HeaderName`]: a `&str` key is parsed and validated again on every lookup.
pub const VERSION_HEADER: HeaderName = HeaderName::from_static("x-version-id");

/// A Mattermost server's version, read from an `X-Version-Id` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVersion {
    /// Major version (`10` in `10.11.0`).
    pub major: u32,
    /// Minor version (`11` in `10.11.0`).
    pub minor: u32,
    /// Patch version (`0` in `10.11.0`).
    pub patch: u32,
    /// The build number (`16000`, or `dev` for a development build); empty if absent.
    pub build: String,
    /// The whole header value, as sent.
    pub raw: String,
}

impl ServerVersion {
    /// Parses an `X-Version-Id` value: `MAJOR.MINOR.PATCH[.BUILD[.HASH[.LICENSED]]]`.
    /// `None` if the first three parts are not numbers.
    pub fn parse(value: &str) -> Option<ServerVersion> {
        let mut parts = value.trim().split('.');
        let mut number = || parts.next()?.parse::<u32>().ok();
        let (major, minor, patch) = (number()?, number()?, number()?);
        let build = parts.next().unwrap_or_default().to_owned();
        Some(ServerVersion {
            major,
            minor,
            patch,
            build,
            raw: value.trim().to_owned(),
        })
    }

    /// `(major, minor, patch)`, for comparisons: `v.triple() >= (9, 5, 0)`.
    pub fn triple(&self) -> (u32, u32, u32) {
        (self.major, self.minor, self.patch)
    }

    /// True if this version is `major.minor.patch` or newer.
    pub fn at_least(&self, major: u32, minor: u32, patch: u32) -> bool {
        self.triple() >= (major, minor, patch)
    }
}

/// The server's version from a response's headers (`X-Version-Id`); `None` if the header is
/// missing or not a version (a proxy's own error page, for example).
///
/// ```
/// use mattermost_sdk_core::http::HeaderMap;
/// use mattermost_sdk_core::server_version;
///
/// let mut headers = HeaderMap::new();
/// headers.insert("x-version-id", "10.11.0.16000.a1b2c3.true".parse().unwrap());
/// let v = server_version(&headers).unwrap();
/// assert_eq!(v.triple(), (10, 11, 0));
/// assert!(v.at_least(9, 5, 0));
/// ```
pub fn server_version(headers: &HeaderMap) -> Option<ServerVersion> {
    ServerVersion::parse(headers.get(&VERSION_HEADER)?.to_str().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_servers_send() {
        let v = ServerVersion::parse("10.11.0.16000.a1b2c3.true").unwrap();
        assert_eq!((v.major, v.minor, v.patch), (10, 11, 0));
        assert_eq!(v.build, "16000");
        assert_eq!(v.raw, "10.11.0.16000.a1b2c3.true");
        let dev = ServerVersion::parse("9.5.1.dev.0123abcd.false").unwrap();
        assert_eq!((dev.triple(), dev.build.as_str()), ((9, 5, 1), "dev"));
        let old = ServerVersion::parse("4.10.0").unwrap();
        assert_eq!((old.triple(), old.build.as_str()), ((4, 10, 0), ""));
    }

    #[test]
    fn rejects_what_is_not_a_version() {
        for bad in ["", "10", "10.11", "ten.11.0", "10.11.x.1", "<html>"] {
            assert_eq!(ServerVersion::parse(bad), None, "{bad:?}");
        }
        assert_eq!(server_version(&HeaderMap::new()), None);
    }

    #[test]
    fn compares_by_number_not_text() {
        let v = ServerVersion::parse("10.2.0").unwrap();
        assert!(v.at_least(9, 11, 0));
        assert!(v.at_least(10, 2, 0));
        assert!(!v.at_least(10, 10, 0));
    }
}
