//! The real client address, for sign-in and reset throttling and the audit log. Behind a load
//! balancer the socket peer is the balancer, so `X-Forwarded-For` is read, but only when the
//! peer is a configured trusted proxy (`trusted_proxies`); anyone else could write that header.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::state::AppState;

/// An address or CIDR range of proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct ProxyRange {
    network: IpAddr,
    prefix: u8,
}

impl ProxyRange {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl TryFrom<String> for ProxyRange {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let problem = || {
            format!(
                "\"{text}\" is not an IP address or CIDR range (write for example \"10.0.0.0/8\" or \"127.0.0.1\")"
            )
        };
        let (addr, prefix) = match text.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text.trim(), None),
        };
        let network: IpAddr = addr.parse().map_err(|_| problem())?;
        let network = canonical(network);
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(problem)?,
        };
        Ok(Self { network, prefix })
    }
}

/// IPv4 addresses written as IPv6 (`::ffff:10.0.0.1`) are compared as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The client: the socket peer, unless it is a trusted proxy; then `X-Forwarded-For` is
/// walked from the right, skipping trusted hops, and the first untrusted address is the
/// client. If every hop is trusted, the leftmost is; an unreadable entry stops the walk.
pub fn real_client(peer: IpAddr, headers: &HeaderMap, trusted: &[ProxyRange]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|r| r.contains(ip));
    let mut client = canonical(peer);
    if !is_trusted(client) {
        return client;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.into_iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            break;
        };
        client = canonical(ip);
        if !is_trusted(client) {
            break;
        }
    }
    client
}

/// The client's address as text ("unknown" when the server was not given the peer).
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| {
                real_client(c.0.ip(), &parts.headers, &state.settings.trusted_proxies).to_string()
            })
            .unwrap_or_else(|| "unknown".into());
        Ok(ClientIp(ip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(list: &[&str]) -> Vec<ProxyRange> {
        list.iter()
            .map(|s| ProxyRange::try_from((*s).to_owned()).unwrap())
            .collect()
    }

    fn xff(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", value.parse().unwrap());
        h
    }

    #[test]
    fn ranges_parse_and_match() {
        let r = ranges(&["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);
        assert!(r[0].contains("10.200.3.4".parse().unwrap()));
        assert!(!r[0].contains("11.0.0.1".parse().unwrap()));
        assert!(r[1].contains("::ffff:127.0.0.1".parse().unwrap()));
        assert!(!r[1].contains("127.0.0.2".parse().unwrap()));
        assert!(r[2].contains("fd12::1".parse().unwrap()));
        for bad in ["10.0.0.0/33", "10.0.0/8", "example.org", "", "::/129"] {
            let err = ProxyRange::try_from(bad.to_owned()).unwrap_err();
            assert!(err.contains("is not an IP address or CIDR range"), "{err}");
        }
    }

    #[test]
    fn forwarded_for_is_read_only_from_trusted_peers() {
        let trusted = ranges(&["10.0.0.0/8"]);
        let spoof = xff("203.0.113.9, 198.51.100.7, 10.1.1.1");
        // An untrusted peer: its header is ignored.
        let peer: IpAddr = "192.0.2.1".parse().unwrap();
        assert_eq!(real_client(peer, &spoof, &trusted), peer);
        // A trusted peer: walk from the right past trusted hops; the client's own claim
        // (203.0.113.9, to the left of the first untrusted hop) is ignored.
        let lb: IpAddr = "10.0.0.2".parse().unwrap();
        assert_eq!(
            real_client(lb, &spoof, &trusted),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(real_client(lb, &HeaderMap::new(), &trusted), lb);
        assert_eq!(
            real_client(lb, &xff("junk, 10.0.0.9"), &trusted),
            "10.0.0.9".parse::<IpAddr>().unwrap()
        );
    }
}
