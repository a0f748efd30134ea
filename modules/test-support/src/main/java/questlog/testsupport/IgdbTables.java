package questlog.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import questlog.testsupport.FakeIgdbCatalog.Collection;
import questlog.testsupport.FakeIgdbCatalog.Cover;
import questlog.testsupport.FakeIgdbCatalog.ExternalGame;
import questlog.testsupport.FakeIgdbCatalog.ExternalGameSource;
import questlog.testsupport.FakeIgdbCatalog.Franchise;
import questlog.testsupport.FakeIgdbCatalog.Game;
import questlog.testsupport.FakeIgdbCatalog.GameType;
import questlog.testsupport.FakeIgdbCatalog.Genre;
import questlog.testsupport.FakeIgdbCatalog.Platform;

/**
 * The catalog flattened into one table of rows per endpoint, each row a map from IGDB field name
 * to wire value (Long, Double, String, Boolean, or a List of Long ids). Absent values and empty
 * lists are left out, as IGDB leaves them out of its answers. Reverse references (a game's
 * external_games and dlcs, a franchise's games, a cover's game) are derived here.
 */
final class IgdbTables {
    /** The rows of one endpoint, in id order, plus an id index. */
    record Table(List<Map<String, Object>> rows, Map<Long, Map<String, Object>> byId) {}

    private final Map<String, Table> tables;

    private IgdbTables(Map<String, Table> tables) {
        this.tables = tables;
    }

    Table table(String endpoint) {
        return tables.get(endpoint);
    }

    static IgdbTables of(FakeIgdbCatalog catalog) {
        Map<Long, List<Long>> externalByGame = new HashMap<>();
        for (ExternalGame e : catalog.externalGames()) {
            externalByGame.computeIfAbsent(e.game(), k -> new ArrayList<>()).add(e.id());
        }
        Map<Long, List<Long>> dlcs = new HashMap<>();
        Map<Long, List<Long>> expansions = new HashMap<>();
        Map<Long, List<Long>> franchiseGames = new HashMap<>();
        Map<Long, List<Long>> collectionGames = new HashMap<>();
        for (Game g : catalog.games()) {
            if (g.parentGame() != null && g.gameType() == 1) {
                dlcs.computeIfAbsent(g.parentGame(), k -> new ArrayList<>()).add(g.id());
            }
            if (g.parentGame() != null && g.gameType() == 2) {
                expansions.computeIfAbsent(g.parentGame(), k -> new ArrayList<>()).add(g.id());
            }
            for (long f : g.franchises()) {
                franchiseGames.computeIfAbsent(f, k -> new ArrayList<>()).add(g.id());
            }
            for (long c : g.collections()) {
                collectionGames.computeIfAbsent(c, k -> new ArrayList<>()).add(g.id());
            }
        }

        Map<String, Table> tables = new HashMap<>();
        List<Map<String, Object>> games = new ArrayList<>(catalog.games().size());
        List<Map<String, Object>> covers = new ArrayList<>();
        for (Game g : catalog.games()) {
            Row row = new Row()
                    .put("id", g.id()).put("name", g.name()).put("slug", g.slug()).put("url", g.url())
                    .put("summary", g.summary()).put("first_release_date", g.firstReleaseDate())
                    .put("cover", g.cover() == null ? null : g.cover().id())
                    .put("genres", g.genres()).put("platforms", g.platforms())
                    .put("franchise", g.franchise()).put("franchises", g.franchises())
                    .put("collections", g.collections()).put("game_type", g.gameType())
                    .put("parent_game", g.parentGame()).put("version_parent", g.versionParent())
                    .put("version_title", g.versionTitle())
                    .put("dlcs", dlcs.get(g.id())).put("expansions", expansions.get(g.id()))
                    .put("external_games", externalByGame.get(g.id()))
                    .put("total_rating", g.totalRating()).put("total_rating_count", g.totalRatingCount())
                    .put("updated_at", g.updatedAt());
            games.add(row.values);
            if (g.cover() != null) {
                covers.add(coverRow(g.cover(), g.id()));
            }
        }
        covers.sort((a, b) -> Long.compare((Long) a.get("id"), (Long) b.get("id")));
        tables.put("games", table(games));
        tables.put("covers", table(covers));

        List<Map<String, Object>> genres = new ArrayList<>();
        for (Genre g : catalog.genres()) {
            genres.add(new Row().put("id", g.id()).put("name", g.name()).put("slug", g.slug())
                    .put("url", "https://www.igdb.com/genres/" + g.slug()).values);
        }
        tables.put("genres", table(genres));

        List<Map<String, Object>> platforms = new ArrayList<>();
        for (Platform p : catalog.platforms()) {
            platforms.add(new Row().put("id", p.id()).put("name", p.name()).put("abbreviation", p.abbreviation())
                    .put("slug", p.slug()).put("url", "https://www.igdb.com/platforms/" + p.slug()).values);
        }
        tables.put("platforms", table(platforms));

        List<Map<String, Object>> franchises = new ArrayList<>();
        for (Franchise f : catalog.franchises()) {
            franchises.add(new Row().put("id", f.id()).put("name", f.name()).put("slug", f.slug())
                    .put("url", "https://www.igdb.com/franchises/" + f.slug())
                    .put("games", franchiseGames.get(f.id())).values);
        }
        tables.put("franchises", table(franchises));

        List<Map<String, Object>> collections = new ArrayList<>();
        for (Collection c : catalog.collections()) {
            collections.add(new Row().put("id", c.id()).put("name", c.name()).put("slug", c.slug())
                    .put("url", "https://www.igdb.com/collections/" + c.slug())
                    .put("games", collectionGames.get(c.id())).values);
        }
        tables.put("collections", table(collections));

        List<Map<String, Object>> types = new ArrayList<>();
        for (GameType t : catalog.gameTypes()) {
            types.add(new Row().put("id", t.id()).put("type", t.type()).values);
        }
        tables.put("game_types", table(types));

        List<Map<String, Object>> external = new ArrayList<>(catalog.externalGames().size());
        for (ExternalGame e : catalog.externalGames()) {
            external.add(new Row().put("id", e.id()).put("game", e.game()).put("uid", e.uid())
                    .put("external_game_source", e.externalGameSource()).put("name", e.name())
                    .put("url", storeUrl(e)).values);
        }
        tables.put("external_games", table(external));

        List<Map<String, Object>> sources = new ArrayList<>();
        for (ExternalGameSource s : FakeIgdbCatalog.EXTERNAL_GAME_SOURCES) {
            sources.add(new Row().put("id", s.id()).put("name", s.name()).values);
        }
        tables.put("external_game_sources", table(sources));
        return new IgdbTables(Map.copyOf(tables));
    }

    private static Map<String, Object> coverRow(Cover c, long gameId) {
        return new Row().put("id", c.id()).put("game", gameId).put("image_id", c.imageId())
                // IGDB hands out a protocol-relative, thumbnail-sized URL: clients must build their own
                .put("url", "//images.igdb.com/igdb/image/upload/t_thumb/" + c.imageId() + ".jpg")
                .put("width", (long) c.width()).put("height", (long) c.height())
                .put("alpha_channel", false).put("animated", false).values;
    }

    private static String storeUrl(ExternalGame e) {
        if (e.externalGameSource() == FakeIgdbCatalog.STEAM) {
            return "https://store.steampowered.com/app/" + e.uid();
        }
        return null;
    }

    private static Table table(List<Map<String, Object>> rows) {
        Map<Long, Map<String, Object>> byId = new HashMap<>(rows.size() * 2);
        for (Map<String, Object> row : rows) {
            byId.put((Long) row.get("id"), row);
        }
        return new Table(List.copyOf(rows), byId);
    }

    /** Collects one row's values, dropping nulls and empty lists; numbers become Long. */
    private static final class Row {
        final Map<String, Object> values = new LinkedHashMap<>();

        Row put(String field, Object value) {
            if (value == null || (value instanceof List<?> list && list.isEmpty())) {
                return this;
            }
            if (value instanceof Integer i) {
                value = i.longValue();
            } else if (value instanceof List<?> list) {
                value = List.copyOf(list);
            }
            values.put(field, value);
            return this;
        }
    }
}
