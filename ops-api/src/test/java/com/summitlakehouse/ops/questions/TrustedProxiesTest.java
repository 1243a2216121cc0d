package com.summitlakehouse.ops.questions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void onlyPeersInsideTheRangesAreBelieved() {
        TrustedProxies proxies = TrustedProxies.of(Optional.of(List.of("10.0.0.0/8", "192.168.4.7", "fd00::/8")));
        assertTrue(proxies.trusts("10.42.3.1"));
        assertTrue(proxies.trusts("192.168.4.7"));
        assertTrue(proxies.trusts("fd12:3456::1"));
        assertFalse(proxies.trusts("11.0.0.1"), "outside 10/8");
        assertFalse(proxies.trusts("192.168.4.8"), "a single address is /32");
        assertFalse(proxies.trusts("127.0.0.1"));
        assertFalse(proxies.trusts("::1"), "IPv6 loopback is not in fd00::/8");
        assertFalse(proxies.trusts(null));
    }

    @Test
    void unsetBelievesEveryPeer() {
        assertTrue(TrustedProxies.of(Optional.empty()).trusts("203.0.113.9"));
    }

    @Test
    void aMistypedRangeFailsAtStartUpNamingTheSetting() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.of(Optional.of(List.of("10.0.0.0/33"))));
        assertTrue(e.getMessage().contains("trusted-proxies"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(Optional.of(List.of("ingress.local"))));
    }
}
