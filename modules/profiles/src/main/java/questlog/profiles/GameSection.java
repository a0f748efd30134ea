package questlog.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import questlog.common.GameLookup;
import questlog.common.JdbcReads;

/**
 * The {@code profiles} member of a game's detail: the game's own profiles with their latest data,
 * then the account-wide profiles that cover it with their plugin's part about the game.
 */
final class GameSection {
    /**
     * The profiles of a game: those that belong to it, then account-wide ones whose covered games
     * include one of its external ids or its editions' (read from the library's {@code external_id}
     * table, read-only, on the detail's connection: the ids a profile covers are upstream ids, and
     * only the library knows which game each one is). Plain JDBC: every game detail asks.
     */
    static final String OF_GAME = "SELECT " + ProfileDao.COLUMNS + " " + """
             WHERE p.game_id = :game
                OR p.games && ARRAY(SELECT e.source || ':' || e.external_id FROM external_id e
                                    WHERE e.game_id = :game
                                       OR e.edition_id IN (SELECT ed.id FROM edition ed WHERE ed.game_id = :game))
             ORDER BY (p.game_id IS NULL), p.plugin, p.id""";
    /** The game's external ids, as profiles list them ('steam:620'), for an account-wide profile's part about it. */
    private static final String EXTERNAL_IDS = """
            SELECT e.source || ':' || e.external_id FROM external_id e
            WHERE e.game_id = ? OR e.edition_id IN (SELECT ed.id FROM edition ed WHERE ed.game_id = ?)
            ORDER BY 1""";

    private final ObjectMapper json;
    private final ProfilePlugins plugins;

    GameSection(ObjectMapper json, ProfilePlugins plugins) {
        this.json = json;
        this.plugins = plugins;
    }

    /** The section's items from the rows of {@link #OF_GAME}; a second read only when an account-wide profile covers the game. */
    List<GameProfileResponse> read(ResultSet rows, Handle h, GameLookup.GameRef game, boolean seesPrivate)
            throws SQLException {
        List<Profile> profiles = JdbcReads.rows(rows, this::profile);
        if (profiles.isEmpty()) {
            return List.of();
        }
        List<ExternalGame> ids = profiles.stream().anyMatch(p -> p.gameId() == null)
                ? JdbcReads.list(h, EXTERNAL_IDS, rs -> external(rs.getString(1)), game.id(), game.id())
                : List.of();
        return profiles.stream().map(p -> {
            boolean accountWide = p.gameId() == null;
            Object data = accountWide ? partAbout(p, ids) : p.data();
            return new GameProfileResponse(p.id(), p.plugin(), p.accountId(), p.handle(), p.displayName(), accountWide,
                    data, p.syncedAt(), p.syncError(), "/api/profiles/" + p.plugin() + "/" + p.id());
        }).toList();
    }

    /** A row of {@link ProfileDao#COLUMNS}, as the data-access layer's mapper reads it. */
    private Profile profile(ResultSet rs) throws SQLException {
        return new Profile(JdbcReads.uuid(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                JdbcReads.uuid(rs, 6), rs.getString(7), rs.getString(8), tree(rs.getString(9)), tree(rs.getString(10)),
                JdbcReads.instant(rs, 11), rs.getString(12), JdbcReads.instant(rs, 13), JdbcReads.instant(rs, 14));
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a profile's stored JSON does not parse", e);
        }
    }

    private Object partAbout(Profile p, List<ExternalGame> ids) {
        Optional<ProfilePlugin<?>> plugin = plugins.find(p.plugin());
        if (plugin.isEmpty() || p.data() == null || p.data().isNull()) {
            return null;
        }
        return partAbout(plugin.get(), p.data(), ids);
    }

    private <S> Object partAbout(ProfilePlugin<S> plugin, JsonNode data, List<ExternalGame> ids) {
        try {
            return plugin.gameData(json.treeToValue(data, plugin.snapshotType()), ids);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static ExternalGame external(String sourceAndId) {
        int colon = sourceAndId.indexOf(':');
        return new ExternalGame(sourceAndId.substring(0, colon), sourceAndId.substring(colon + 1));
    }
}
