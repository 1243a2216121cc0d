package com.summitlakehouse.ops.signin;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * A production start refuses to serve with a sign-in value missing or left as a placeholder: one line per value,
 * then the start fails (exit 1), rather than run with a default issuer that refuses every token.
 */
@ApplicationScoped
class SignInCheck {

    private static final Logger LOG = Logger.getLogger(SignInCheck.class);

    void check(@Observes @Priority(1) StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL
                || config.getOptionalValue("quarkus.init-and-exit", Boolean.class).orElse(false)) {
            return; // dev and test have their own settings; the migrate step signs nobody in
        }
        List<String> problems = SignInSettings.problems(key -> config.getOptionalValue(key, String.class));
        if (problems.isEmpty()) {
            return;
        }
        problems.forEach(problem -> LOG.error("Sign-in setting: " + problem));
        throw new IllegalStateException("Refusing to start: " + problems.size()
                + " sign-in setting(s) missing or placeholders (listed above)");
    }
}
