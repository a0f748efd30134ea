package questlog.profiles;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import questlog.common.SecretBox;

/**
 * What app gives every plugin that builds itself from the configuration, so that adding a plugin
 * is one line in app whatever the plugin needs: the environment's variables (each plugin reads
 * its own keys, naming its services' addresses {@code *_BASE_URL}), the box of
 * {@code QUESTLOG_SECRET_KEY} for what it must store sealed (empty without a key), and the clock.
 */
public record PluginEnvironment(Function<String, String> variables, Optional<SecretBox> secrets, Clock clock) {
    public PluginEnvironment {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(clock, "clock");
    }
}
