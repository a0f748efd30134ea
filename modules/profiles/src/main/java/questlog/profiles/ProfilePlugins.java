package questlog.profiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The installed plugins by key, in the order app listed them. */
final class ProfilePlugins {
    private final Map<String, ProfilePlugin<?>> byKey = new LinkedHashMap<>();

    ProfilePlugins(List<? extends ProfilePlugin<?>> plugins) {
        for (ProfilePlugin<?> plugin : plugins) {
            if (!plugin.key().matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("a plugin key is a lowercase slug: " + plugin.key());
            }
            if (byKey.putIfAbsent(plugin.key(), plugin) != null) {
                throw new IllegalArgumentException("two plugins have the key " + plugin.key());
            }
        }
    }

    Optional<ProfilePlugin<?>> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    List<ProfilePlugin<?>> all() {
        return new ArrayList<>(byKey.values());
    }

    /** The keys of the plugins that can reach their service, whose profiles are synced on schedule. */
    String[] syncingKeys() {
        return byKey.values().stream().filter(ProfilePlugin::canSync).map(ProfilePlugin::key).toArray(String[]::new);
    }
}
