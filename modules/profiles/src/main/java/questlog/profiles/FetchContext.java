package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** What a plugin's {@link ProfilePlugin#fetch} may know besides the account id. */
public interface FetchContext<S> {

    /** The latest stored snapshot of the profile, to carry over what is costly to fetch again; empty on a first sync. */
    Optional<S> previous();

    /** The profile's settings as they were given ({@code {}} when none). */
    JsonNode settings();

    /** Throws when the sync was cancelled or the instance is stopping; call it between upstream calls. */
    void checkStop();

    /** A context for a first fetch with no settings and no cancellation (tools and tests). */
    static <S> FetchContext<S> first() {
        return of(Optional.empty());
    }

    /** A context with the given previous snapshot, no settings and no cancellation (tools and tests). */
    static <S> FetchContext<S> of(Optional<S> previous) {
        return new FetchContext<>() {
            @Override
            public Optional<S> previous() {
                return previous;
            }

            @Override
            public JsonNode settings() {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            }

            @Override
            public void checkStop() {
            }
        };
    }
}
