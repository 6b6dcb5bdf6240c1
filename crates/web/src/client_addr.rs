//! The client's address: the TCP peer, or, when the peer is one of our own proxies, the rightmost
//! `X-Forwarded-For` hop that is not (the address our outermost proxy saw); entries left of it are the
//! client's to write, so they are never believed.

use std::net::{IpAddr, SocketAddr};

use ipnet::IpNet;

/// The addresses and networks of the proxies in front of this node (load balancers, reverse proxies).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses addresses (`192.0.2.10`, `::1`) and networks (`10.0.0.0/8`); the error names the entry refused.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, String> {
        entries
            .iter()
            .map(|e| {
                let e = e.as_ref().trim();
                e.parse::<IpNet>().or_else(|_| e.parse::<IpAddr>().map(IpNet::from)).map_err(|_| e.to_owned())
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`, given the `X-Forwarded-For` values in the order received.
    pub fn client<'a>(&self, peer: IpAddr, forwarded_for: impl IntoIterator<Item = &'a str>) -> IpAddr {
        let mut nearest = peer.to_canonical();
        if !self.trusts(nearest) {
            return nearest;
        }
        let hops: Vec<&str> = forwarded_for.into_iter().flat_map(|v| v.split(',')).collect();
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else {
                // A trusted proxy wrote something that is not an address: stop at the last one we know.
                return nearest;
            };
            if !self.trusts(ip) {
                return ip;
            }
            nearest = ip;
        }
        nearest
    }
}

/// One `X-Forwarded-For` entry: an address, perhaps with a port (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>().ok().or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip())).map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies() -> TrustedProxies {
        TrustedProxies::parse(&["10.0.0.0/8", "192.0.2.10", "::1"]).unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        assert_eq!(proxies().client(ip("203.0.113.5"), ["198.51.100.1"]), ip("203.0.113.5"));
        assert_eq!(TrustedProxies::default().client(ip("10.0.0.1"), ["198.51.100.1"]), ip("10.0.0.1"));
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let p = proxies();
        // The client wrote a fake first entry; our proxy appended the address it saw.
        assert_eq!(p.client(ip("10.1.2.3"), ["6.6.6.6, 203.0.113.7"]), ip("203.0.113.7"));
        // Two of our proxies in a row, across two header lines.
        assert_eq!(p.client(ip("10.1.2.3"), ["6.6.6.6, 203.0.113.7", "192.0.2.10"]), ip("203.0.113.7"));
        // Ports and brackets are ignored; an IPv4-mapped peer is the IPv4 address.
        assert_eq!(p.client(ip("::ffff:10.1.2.3"), ["[2001:db8::7]:4711"]), ip("2001:db8::7"));
        assert_eq!(p.client(ip("::1"), ["203.0.113.9:80"]), ip("203.0.113.9"));
    }

    #[test]
    fn without_a_usable_hop_the_nearest_known_address_is_used() {
        let p = proxies();
        assert_eq!(p.client(ip("10.1.2.3"), []), ip("10.1.2.3"));
        assert_eq!(p.client(ip("10.1.2.3"), ["192.0.2.10"]), ip("192.0.2.10"));
        assert_eq!(p.client(ip("10.1.2.3"), ["203.0.113.7, unknown"]), ip("10.1.2.3"));
    }

    #[test]
    fn entries_that_are_not_addresses_are_named() {
        assert_eq!(TrustedProxies::parse(&["10.0.0.0/8", "lb.internal"]), Err("lb.internal".to_owned()));
        assert_eq!(TrustedProxies::parse(&["10.0.0.0/33"]), Err("10.0.0.0/33".to_owned()));
    }
}
