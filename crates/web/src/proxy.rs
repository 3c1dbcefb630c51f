//! Who is asking, behind a reverse proxy or load balancer: the network address that sign-in
//! throttling counts. The connection's own address, unless it is one of the configured trusted
//! proxies (`trusted_proxies`); then the address the proxies recorded (`Forwarded: for=`, RFC
//! 7239, or else `X-Forwarded-For`), read from the right: the first address that is not itself
//! a trusted proxy is the client's. Anyone else's forwarding headers are ignored, so a client
//! cannot choose the address it is counted under.

use ipnet::IpNet;
use std::net::IpAddr;

/// Parses the `trusted_proxies` entries: addresses (`10.0.0.5`) or networks (`10.0.0.0/8`).
pub fn parse_trusted(entries: &[String]) -> Result<Vec<IpNet>, String> {
    entries
        .iter()
        .map(|e| {
            let e = e.trim();
            e.parse::<IpNet>()
                .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("trusted_proxies: {e:?} is neither an address nor a network (such as 10.0.0.0/8)"))
        })
        .collect()
}

/// One hop's address as a proxy wrote it: `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"`,
/// `2001:db8::1`; anything else (`unknown`, an obfuscated `_hidden`) is no address.
fn hop(text: &str) -> Option<IpAddr> {
    let t = text.trim().trim_matches('"');
    if let Ok(ip) = t.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = t.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let (host, port) = t.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

/// The hops a `Forwarded` header lists, in order (the `for=` of each element).
fn forwarded_hops(header: &str) -> Vec<Option<IpAddr>> {
    header
        .split(',')
        .map(|element| {
            element.split(';').find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim().eq_ignore_ascii_case("for").then(|| hop(value)).flatten()
            })
        })
        .collect()
}

/// The client's address for throttling and logs.
pub fn client_address(
    peer: IpAddr,
    forwarded: Option<&str>,
    x_forwarded_for: Option<&str>,
    trusted: &[IpNet],
) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<Option<IpAddr>> = match (forwarded, x_forwarded_for) {
        (Some(f), _) => forwarded_hops(f),
        (None, Some(x)) => x.split(',').map(hop).collect(),
        (None, None) => return peer,
    };
    // From the nearest hop outwards: past our own proxies to the first address that is not
    // one. A hop that names no address stops the walk (nothing beyond it can be believed).
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop {
            Some(ip) => {
                client = *ip;
                if !is_trusted(ip) {
                    break;
                }
            }
            None => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn headers_count_only_from_a_trusted_proxy() {
        let trusted = parse_trusted(&["10.0.0.0/8".into(), "192.0.2.7".into()]).unwrap();
        // A client sending the header itself: ignored.
        assert_eq!(client_address(ip("203.0.113.9"), None, Some("198.51.100.1"), &trusted), ip("203.0.113.9"));
        // Through our proxy: the address it saw.
        assert_eq!(client_address(ip("10.1.2.3"), None, Some("198.51.100.1"), &trusted), ip("198.51.100.1"));
        // A client that prepends a false address is still counted under its own.
        assert_eq!(client_address(ip("10.1.2.3"), None, Some("1.2.3.4, 198.51.100.1"), &trusted), ip("198.51.100.1"));
        // Two proxies of ours in a row.
        assert_eq!(client_address(ip("10.1.2.3"), None, Some("198.51.100.1, 192.0.2.7"), &trusted), ip("198.51.100.1"));
        // No header from our proxy: the proxy itself.
        assert_eq!(client_address(ip("10.1.2.3"), None, None, &trusted), ip("10.1.2.3"));
    }

    #[test]
    fn forwarded_is_read_as_rfc_7239_writes_it() {
        let trusted = parse_trusted(&["10.0.0.1".into()]).unwrap();
        let peer = ip("10.0.0.1");
        let f = |h: &str| client_address(peer, Some(h), Some("9.9.9.9"), &trusted);
        assert_eq!(
            f("for=192.0.2.60;proto=http;by=203.0.113.43"),
            ip("192.0.2.60"),
            "Forwarded wins over X-Forwarded-For"
        );
        assert_eq!(f("for=\"[2001:db8:cafe::17]:4711\""), ip("2001:db8:cafe::17"));
        assert_eq!(f("For=198.51.100.17:8080, for=10.0.0.1"), ip("198.51.100.17"));
        assert_eq!(f("for=unknown"), peer, "no address: the proxy's");
        assert_eq!(f("for=_hidden, for=198.51.100.17"), ip("198.51.100.17"));
    }

    #[test]
    fn hostile_headers_never_fail_and_name_no_one_they_do_not_name() {
        let trusted = parse_trusted(&["127.0.0.1".into()]).unwrap();
        let peer = ip("127.0.0.1");
        let long = "9".repeat(10_000);
        for header in ["", ",,,", "for=", "\u{0}", "[::1", "1.2.3.4:notaport", long.as_str(), "999.1.1.1", "for=[::1"] {
            assert_eq!(client_address(peer, Some(header), None, &trusted), peer, "Forwarded: {header:?}");
            assert_eq!(client_address(peer, None, Some(header), &trusted), peer, "X-Forwarded-For: {header:?}");
        }
        assert!(parse_trusted(&["not an address".into()]).is_err());
    }
}
