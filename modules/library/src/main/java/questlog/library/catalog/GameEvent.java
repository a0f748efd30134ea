package questlog.library.catalog;

import java.util.List;

/**
 * The payload of {@code questlog:game_added}, {@code questlog:game_updated} and
 * {@code questlog:game_removed}: the game's public fields as they are after the change (before
 * it, for a removal). {@code changed} lists the fields a PATCH sent (or {@code ["editions"]}
 * when an edition was added), null when not known (added, removed, imported);
 * {@code previous_game} is the old slug when the slug changed, else null.
 */
public record GameEvent(String game, String work, String franchise, Integer originalReleaseYear, List<String> platforms,
                 String coverUrl, List<String> changed, String previousGame) {

    static GameEvent of(Game game) {
        return new GameEvent(game.slug(), game.name(), game.franchiseSlug(), game.originalReleaseYear(),
                game.platforms(), game.coverUrl(), null, null);
    }

    public static GameEvent updated(Game game, List<String> changed, String previousSlug) {
        return new GameEvent(game.slug(), game.name(), game.franchiseSlug(), game.originalReleaseYear(),
                game.platforms(), game.coverUrl(), changed, previousSlug.equals(game.slug()) ? null : previousSlug);
    }
}
