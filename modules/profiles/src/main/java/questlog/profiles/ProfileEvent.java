package questlog.profiles;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The payload of {@code questlog:profile_synced}, recorded for every change of a profile: {@code verb}
 * says which ({@code added}, {@code updated}, {@code removed}, {@code synced}); a sync carries what
 * changed since the data before it ({@code changes}, and {@code summary} joining their lines).
 */
record ProfileEvent(String verb, UUID profile, String plugin, String accountId, String handle, String displayName,
                    String game, List<ProfileChange> changes, String summary) {

    static ProfileEvent of(String verb, Profile p, String gameSlug, List<ProfileChange> changes) {
        String summary = changes.stream().map(ProfileChange::summary).collect(Collectors.joining("; "));
        return new ProfileEvent(verb, p.id(), p.plugin(), p.accountId(), p.handle(), p.displayName(), gameSlug,
                List.copyOf(changes), summary.isEmpty() ? null : summary);
    }
}
