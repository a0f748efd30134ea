package questlog.library.catalog;

import java.util.UUID;

/**
 * An id of a game, or of one of its editions, in another service (Steam appid, GOG id...).
 * Public only because JDBI's constructor mapper needs it.
 */
public record ExternalId(String source, String externalId, UUID gameId, UUID editionId, String editionSlug) {}
