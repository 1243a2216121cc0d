package com.summitlakehouse.mirror.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The same server verified against a CA that did not sign its certificate: the listener never connects. */
@QuarkusTest
@TestProfile(ListenerWrongCaTest.WrongCa.class)
@EnabledIf(value = "com.summitlakehouse.testing.TlsPostgres#available",
        disabledReason = "needs PostgreSQL 15's initdb and openssl")
class ListenerWrongCaTest {

    public static class WrongCa implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return ListenerVerifyFullTest.settings(server -> server.otherCa.toString());
        }
    }

    @Inject
    ChangeListener listener;

    @Test
    void withAnotherCaTheServerIsRefused() throws Exception {
        // Several connection attempts (first retry 500 ms, then doubling) in this time; none may succeed.
        Thread.sleep(4000);
        assertEquals(ChangeListener.State.CONNECTING, listener.state());
    }
}
