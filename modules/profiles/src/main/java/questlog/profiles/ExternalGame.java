package questlog.profiles;

/**
 * A game by its id in another catalog, as the library's {@code external_id} table knows it.
 *
 * @param source     "steam", "igdb", "gog", …
 * @param externalId the id in that source, as text (a Steam appid: "620")
 */
public record ExternalGame(String source, String externalId) {}
