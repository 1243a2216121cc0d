package com.summitlakehouse.ops.signin;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

/**
 * A production start refuses to serve with a sign-in value missing or left as a placeholder: one line per value,
 * then the start fails (exit 1), rather than run with a default issuer that refuses every token.
 *
 * <p>It checks before Flyway's migrations at start-up (Quarkus runs them before any start-up event, while building
 * Flyway with its customizers): a start that is refused leaves the database as it found it. Starts that migrate
 * nothing are checked on the start-up event.
 */
@ApplicationScoped
class SignInCheck implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(SignInCheck.class);

    private final Config config;
    private volatile boolean passed;

    SignInCheck(Config config) {
        this.config = config;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        refuseIfIncomplete();
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        refuseIfIncomplete();
    }

    private void refuseIfIncomplete() {
        if (passed || LaunchMode.current() != LaunchMode.NORMAL
                || config.getOptionalValue("quarkus.init-and-exit", Boolean.class).orElse(false)) {
            return; // dev and test have their own settings; the migrate step signs nobody in
        }
        List<String> problems = SignInSettings.problems(key -> config.getOptionalValue(key, String.class));
        if (problems.isEmpty()) {
            passed = true;
            return;
        }
        problems.forEach(problem -> LOG.error("Sign-in setting: " + problem));
        // A configuration failure: Quarkus prints its message alone, without a stack trace, and exits 1.
        throw new ConfigurationException("Refusing to start: " + problems.size()
                + " sign-in setting(s) missing or placeholders (listed above)");
    }
}
