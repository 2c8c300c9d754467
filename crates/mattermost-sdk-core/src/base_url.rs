//! The server's base URL.

use std::fmt;
use std::str::FromStr;

use http::uri::{Authority, Scheme};
use http::Uri;

use crate::error::BuildError;

/// Where the server lives: scheme, host, port and an optional prefix path, without `/api/v4`.
///
/// Accepts `https://host`, `https://host/`, `https://host/api/v4`, `https://host/api/v4/`
/// and prefixed installs such as `https://host/chat`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    /// `scheme://authority[/prefix]/api/v4/`, always ending with a slash.
    api_root: String,
    /// Where `[/prefix]/api/v4/` starts in `api_root`.
    path_start: usize,
    /// The scheme and authority, parsed once, so building a request only parses its path.
    scheme: Scheme,
    authority: Authority,
}

impl BaseUrl {
    /// Parses and normalizes a base URL.
    pub fn parse(input: &str) -> Result<Self, BuildError> {
        let bad = |reason: &str| BuildError::InvalidBaseUrl {
            url: redact_userinfo(input),
            reason: reason.to_owned(),
        };
        // Any `@` is taken for credentials: a password with an unencoded `/`, `?` or `#`
        // (`https://alice:pw/x@host`) would otherwise parse as host `alice` (or `pw`) with
        // the rest of the password in the path, and be printed later with the URL.
        if input.contains('@') {
            return Err(bad("credentials in the URL are not allowed; use a token"));
        }
        let url = url::Url::parse(input.trim()).map_err(|e| bad(&e.to_string()))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(bad("the scheme must be http or https"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad("credentials in the URL are not allowed; use a token"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("a query or fragment is not allowed"));
        }
        let mut path = url.path().trim_end_matches('/').to_owned();
        if let Some(p) = path.strip_suffix("/api/v4") {
            path = p.to_owned();
        }
        // `https://host/api/v4/users` is an API path, not a server under the prefix
        // `/api/v4/users`: every request would go to `/api/v4/users/api/v4/...`.
        let mut segs = path.split('/').peekable();
        while let Some(seg) = segs.next() {
            if seg == "api" && segs.peek().is_some_and(|v| is_api_version(v)) {
                return Err(bad(
                    "the path already contains an API path (/api/v4/...); give the server's root \
                 (https://host or https://host/prefix), or at most https://host/api/v4",
                ));
            }
        }
        let mut api_root = String::with_capacity(input.len() + 8);
        api_root.push_str(url.scheme());
        api_root.push_str("://");
        api_root.push_str(&url[url::Position::BeforeHost..url::Position::AfterPort]);
        let path_start = api_root.len();
        api_root.push_str(&path);
        api_root.push_str("/api/v4/");
        let uri = Uri::try_from(api_root.as_str())
            .map_err(|e| bad(&format!("not a valid request URI: {e}")))?;
        let parts = uri.into_parts();
        let (Some(scheme), Some(authority)) = (parts.scheme, parts.authority) else {
            return Err(bad("not a valid request URI"));
        };
        Ok(BaseUrl {
            api_root,
            path_start,
            scheme,
            authority,
        })
    }

    /// `scheme://host[:port][/prefix]/api/v4/`.
    pub fn api_root(&self) -> &str {
        &self.api_root
    }

    /// `[/prefix]/api/v4/`: the path part of [`api_root`](Self::api_root).
    pub(crate) fn api_root_path(&self) -> &str {
        &self.api_root[self.path_start..]
    }

    /// The scheme, parsed.
    pub(crate) fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// The authority (`host[:port]`), parsed.
    pub(crate) fn authority(&self) -> &Authority {
        &self.authority
    }

    /// The base without `/api/v4/` (`scheme://host[:port][/prefix]`).
    pub fn server_root(&self) -> &str {
        &self.api_root[..self.api_root.len() - "/api/v4/".len()]
    }
}

/// `v4`, `v5`, ...: an API version segment.
fn is_api_version(seg: &str) -> bool {
    seg.len() > 1 && seg.starts_with('v') && seg[1..].bytes().all(|b| b.is_ascii_digit())
}

/// `input` with everything from the scheme's `://` up to the LAST `@` replaced by `***`, so a
/// rejected URL can be shown in an error without any part of its credentials. A password may
/// hold an unencoded `/`, `?`, `#` or `@` (`http://alice:pw#Hash1@host`), so the userinfo's end
/// cannot be found by parsing; cutting at the last `@` anywhere errs towards hiding too much.
fn redact_userinfo(input: &str) -> String {
    let start = input.find("://").map_or(0, |i| i + 3);
    let rest = &input[start..];
    match rest.rfind('@') {
        Some(at) => format!("{}***{}", &input[..start], &rest[at..]),
        None => input.to_owned(),
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BaseUrl({:?})", self.server_root())
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.server_root())
    }
}

impl FromStr for BaseUrl {
    type Err = BuildError;
    fn from_str(s: &str) -> Result<Self, BuildError> {
        BaseUrl::parse(s)
    }
}

impl TryFrom<&str> for BaseUrl {
    type Error = BuildError;
    fn try_from(s: &str) -> Result<Self, BuildError> {
        BaseUrl::parse(s)
    }
}

impl TryFrom<String> for BaseUrl {
    type Error = BuildError;
    fn try_from(s: String) -> Result<Self, BuildError> {
        BaseUrl::parse(&s)
    }
}
