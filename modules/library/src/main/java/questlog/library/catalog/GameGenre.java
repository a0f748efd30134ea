package questlog.library.catalog;

import java.util.UUID;

/**
 * One genre of one game, as read for a page of games at once.
 * Public only because JDBI's constructor mapper needs it.
 */
public record GameGenre(UUID gameId, UUID id, String name, String slug) {}
