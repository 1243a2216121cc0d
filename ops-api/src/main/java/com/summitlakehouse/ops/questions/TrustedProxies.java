package com.summitlakehouse.ops.questions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The peers whose client-address header is believed ({@code ops.questions.rate-limit.trusted-proxies}): addresses
 * or CIDR ranges, IPv4 or IPv6. Anyone else could write any address into the header and so escape the limit, or
 * spend another visitor's allowance.
 */
final class TrustedProxies {

    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Unset: every peer is believed. */
    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    static TrustedProxies of(Optional<List<String>> setting) {
        return new TrustedProxies(setting.map(list -> list.stream().map(TrustedProxies::range).toList()).orElse(null));
    }

    boolean trusts(String peerAddress) {
        if (ranges == null) {
            return true;
        }
        if (peerAddress == null) {
            return false;
        }
        byte[] address;
        try {
            // Only literal addresses reach here (the socket's peer), so no name is looked up.
            address = InetAddress.getByName(peerAddress).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    private static Range range(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("ops.questions.rate-limit.trusted-proxies: '" + value
                    + "' is not an IP address or CIDR range");
        }
        try {
            byte[] network = InetAddress.getByName(host).getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(value.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("ops.questions.rate-limit.trusted-proxies: '" + value
                        + "' has a prefix length outside 0.." + network.length * 8);
            }
            return new Range(network, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("ops.questions.rate-limit.trusted-proxies: '" + value
                    + "' is not an IP address or CIDR range", e);
        }
    }
}
