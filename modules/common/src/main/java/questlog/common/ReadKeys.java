package questlog.common;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a read's answer shows, for the read cache: a listing that names the games on its page is
 * kept when another game changes only in ways no listing filters or sorts on (see the change
 * feed's {@code c:listing} key), instead of being dropped by every game change.
 */
public final class ReadKeys {
    /** The request attribute: a set of change-feed keys ("g:slug"). */
    public static final String ATTRIBUTE = "questlog.readKeys";

    private ReadKeys() {}

    /** This answer shows these games (by slug), and no other game's own data. */
    public static void showsGames(Context ctx, Collection<String> slugs) {
        ctx.attribute(ATTRIBUTE, slugs.stream().map(slug -> "g:" + slug).collect(Collectors.toUnmodifiableSet()));
    }

    /** The keys a handler named, or null when it named none (the answer may show anything). */
    public static Set<String> of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}
