package questlog.library.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import questlog.common.GameDetailSection;
import questlog.common.GameLookup;
import questlog.common.JdbcReads;

/**
 * The catalog's hot reads on plain JDBC ({@link JdbcReads}): a page of {@code GET /games} and the
 * library's part of a game's detail, on the caller's handle. They build the same records as
 * {@link GameDao}, {@link GameGenreDao}, {@link EditionDao} and {@link ExternalIdDao} (the
 * CatalogReadsTest holds them side by side), in fewer round trips: a page comes with its games'
 * genres as arrays, and a detail, with the other modules' sections, is one round trip.
 */
final class CatalogReads {
    private CatalogReads() {}

    /** Columns 1 to 22: a game row with the names and slugs of what it refers to. */
    private static final String GAME_COLUMNS = """
            SELECT g.id, g.name, g.slug, g.sort_name,
                   g.franchise_id, f.name, f.slug,
                   g.primary_genre_id, pg.name, pg.slug,
                   g.parent_game_id, p.name, p.slug, g.relationship_type,
                   g.original_release_year, g.summary, g.cover_url, g.platforms, g.igdb_id,
                   g.last_synced_at, g.created_at, g.updated_at""";

    private static final String GAME_JOINS = """
            LEFT JOIN franchise f ON f.id = g.franchise_id
            LEFT JOIN genre pg ON pg.id = g.primary_genre_id
            LEFT JOIN game p ON p.id = g.parent_game_id
            """;

    /** A game row with its genres, by name then slug, as three arrays of one lateral aggregate (columns 23 to 25). */
    private static final String GAME = GAME_COLUMNS + ", gx.ids, gx.names, gx.slugs\nFROM game g\n" + GAME_JOINS + """
            LEFT JOIN LATERAL (
                SELECT array_agg(ge.id ORDER BY ge.name, ge.slug) AS ids,
                       array_agg(ge.name ORDER BY ge.name, ge.slug) AS names,
                       array_agg(ge.slug ORDER BY ge.name, ge.slug) AS slugs
                FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id
                WHERE gg.game_id = g.id) gx ON true
            """;

    private static final String EDITIONS = """
            SELECT id, game_id, name, slug, edition_type, platforms, release_date, cover_url, summary, igdb_id,
                   twitch_category_id, last_synced_at, created_at, updated_at
            FROM edition WHERE game_id = %s
            ORDER BY release_date NULLS LAST, name, slug""";

    private static final String EXTERNAL_IDS = """
            SELECT x.source, x.external_id, x.game_id, x.edition_id, e.slug
            FROM external_id x LEFT JOIN edition e ON e.id = x.edition_id
            WHERE x.game_id = %1$s OR e.game_id = %1$s
            ORDER BY x.source, x.external_id""";

    /** The game, its editions and its external ids: three statements, {@code idOf} the game's id. */
    private static String detail(String gameIs, String idOf) {
        return GAME + "WHERE " + gameIs + ";\n" + EDITIONS.formatted(idOf) + ";\n" + EXTERNAL_IDS.formatted(idOf);
    }

    /** A game's detail: the library's part, and the other modules' sections by name in module order. */
    record Detail(Game game, List<GameGenre> genres, List<Edition> editions, List<ExternalId> externalIds,
                  Map<String, List<?>> sections) {}

    /**
     * The statements of a detail, the library's three and then every section's, sent and answered
     * together: one round trip. Composed once, when the sections are known; by slug, the game's id
     * is looked up by each statement that needs it (an index probe) rather than in a round trip
     * of its own.
     */
    static final class DetailReads {
        private static final Pattern GAME_PARAMETER = Pattern.compile(Pattern.quote(GameDetailSection.GAME) + "\\b");
        private static final String ID_OF_SLUG = "(SELECT id FROM game WHERE slug = :slug)";

        private final List<GameDetailSection<?>> sections;
        private final JdbcReads.Named bySlug;
        private final JdbcReads.Named byId;

        DetailReads(List<GameDetailSection<?>> sections) {
            this.sections = List.copyOf(sections);
            this.bySlug = JdbcReads.named(statements("g.slug = :slug", ID_OF_SLUG));
            this.byId = JdbcReads.named(statements("g.id = :game", GameDetailSection.GAME));
        }

        private String statements(String gameIs, String idOf) {
            StringBuilder sql = new StringBuilder(detail(gameIs, idOf));
            for (GameDetailSection<?> section : sections) {
                sql.append(";\n").append(GAME_PARAMETER.matcher(section.sql()).replaceAll(Matcher.quoteReplacement(idOf)));
            }
            return sql.toString();
        }

        Optional<Detail> bySlug(Handle h, String slug, boolean seesPrivate) {
            return read(h, bySlug, Map.of("slug", slug, "private", seesPrivate), seesPrivate);
        }

        Optional<Detail> byId(Handle h, UUID id, boolean seesPrivate) {
            return read(h, byId, Map.of("game", id, "private", seesPrivate), seesPrivate);
        }

        private Optional<Detail> read(Handle h, JdbcReads.Named statements, Map<String, Object> values, boolean seesPrivate) {
            return JdbcReads.run(h, statements.sql(), statements.params(values), statement -> {
                statement.execute();
                Game game;
                List<GameGenre> genres = new ArrayList<>();
                try (ResultSet rs = statement.getResultSet()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    game = game(rs);
                    genres(rs, genres);
                }
                List<Edition> editions = JdbcReads.rows(next(statement), CatalogReads::edition);
                List<ExternalId> externalIds = JdbcReads.rows(next(statement), CatalogReads::externalId);
                var ref = new GameLookup.GameRef(game.id(), game.slug(), game.name());
                Map<String, List<?>> members = new LinkedHashMap<>();
                for (GameDetailSection<?> section : sections) {
                    try (ResultSet rows = next(statement)) {
                        members.put(section.name(), section.reader().read(rows, h, ref, seesPrivate));
                    }
                }
                return Optional.of(new Detail(game, genres, editions, externalIds, members));
            });
        }
    }

    private static ResultSet next(PreparedStatement statement) throws SQLException {
        if (!statement.getMoreResults()) {
            throw new SQLException("a multi-statement read answered fewer results than it asks for");
        }
        return statement.getResultSet();
    }

    /**
     * The rows of a page's games in the page's order (the ids' position), then the genres of all
     * of them, by game and then name: two queries sent and answered together, each with one
     * generic plan. (The genres are joined once for the page; the lateral aggregate of
     * {@link #GAME} costs more per game than the row itself.)
     */
    private static final String PAGE_ROWS = GAME_COLUMNS
            + "\nFROM unnest(?::uuid[]) WITH ORDINALITY AS page(id, position) JOIN game g ON g.id = page.id\n"
            + GAME_JOINS + "ORDER BY page.position;\n" + """
            SELECT gg.game_id, ge.id, ge.name, ge.slug
            FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id
            WHERE gg.game_id = ANY(?::uuid[])
            ORDER BY gg.game_id, ge.name, ge.slug""";

    /**
     * A page of games with their genres; filters are bound, the order comes from the whitelist.
     * Two statements: the page's ids from the narrow columns (an index-only scan for the name
     * order, however deep the offset), then only those rows, read and joined. Apart, each plans
     * cheaply: the rows' statement is the same for every page, so PostgreSQL keeps one generic
     * plan for it, where one statement holding both was planned afresh on every request (its
     * LIMIT and OFFSET change the best plan), which cost more than running it. The rows come back
     * by their position in the page, not by sorting their names again. A full page's count goes
     * out with its rows (a search's page counts its matches itself): two round trips in all.
     */
    static GameService.Listing list(Handle h, GameQuery query) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String where = where(query, binds, query.sort() == GameQuery.Sort.NAME || query.sort() == GameQuery.Sort.NAME_DESC);
        binds.put("limit", query.limit());
        binds.put("offset", query.offset());
        // A search reads every match from its index and sorts them, whatever its window: the page
        // counts them as it goes (a window over the same rows) instead of a count statement
        // searching again: a quarter less time in PostgreSQL than the two statements took.
        boolean countsItself = query.q() != null;
        var page = JdbcReads.named("SELECT g.id" + (countsItself ? ", count(*) OVER ()" : "") + " FROM game g" + where
                + " ORDER BY " + query.sort().orderBy + " LIMIT :limit OFFSET :offset");
        List<PageRow> pageRows = JdbcReads.list(h, page.sql(),
                rs -> new PageRow(JdbcReads.uuid(rs, 1), countsItself ? rs.getLong(2) : -1), page.params(binds));
        List<UUID> ids = pageRows.stream().map(PageRow::id).toList();
        // Known when the page counted itself and has a row; else -1.
        long matches = pageRows.isEmpty() ? -1 : pageRows.getFirst().matches();
        List<Game> games = new ArrayList<>();
        Map<UUID, List<GameGenre>> genres = new HashMap<>();
        // A short page tells the total without counting, unless it is empty past the start. (Like
        // the count, the rows are read by a statement of their own: a game deleted in between is
        // left out of this page, as it would be of the next request's.)
        boolean shortPage = !ids.isEmpty() && ids.size() < query.limit();
        boolean emptyFromTheStart = ids.isEmpty() && query.offset() == 0;
        boolean counted = !shortPage && !emptyFromTheStart && matches < 0;
        Count count = counted ? count(query) : null;
        Object[] countParams = counted ? count.params() : new Object[0];
        long total;
        if (ids.isEmpty()) {
            total = counted ? JdbcReads.list(h, count.sql(), rs -> rs.getLong(1), countParams).getFirst() : 0;
        } else {
            // The rows, their genres and, when the page is full, the count: one round trip.
            var idArray = JdbcReads.array(h, "uuid", ids);
            Object[] params = new Object[2 + countParams.length];
            params[0] = idArray;
            params[1] = idArray;
            System.arraycopy(countParams, 0, params, 2, countParams.length);
            total = JdbcReads.run(h, counted ? PAGE_ROWS + ";\n" + count.sql() : PAGE_ROWS, params, statement -> {
                statement.execute();
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        games.add(game(rs));
                    }
                }
                try (ResultSet rs = next(statement)) {
                    while (rs.next()) {
                        UUID gameId = JdbcReads.uuid(rs, 1);
                        genres.computeIfAbsent(gameId, id -> new ArrayList<>())
                                .add(new GameGenre(gameId, JdbcReads.uuid(rs, 2), rs.getString(3), rs.getString(4)));
                    }
                }
                if (matches >= 0) {
                    return matches;
                }
                if (!counted) {
                    return (long) query.offset() + ids.size();
                }
                try (ResultSet rs = next(statement)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
        return new GameService.Listing(games, genres, total);
    }

    /** A row of a page's ids: the game, and how many games match when the page counts itself (else -1). */
    private record PageRow(UUID id, long matches) {}

    /**
     * How many games match the filters of {@code query}, regardless of its window. Without a
     * filter, the sum of the few rows of game_count_delta (kept by the writes). A lone genre or
     * platform filter is counted from its link table's primary key alone (an index-only scan):
     * each game has one row there per genre or platform, and every row's game exists.
     */
    private static Count count(GameQuery query) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String sql;
        if (noFilter(query)) {
            sql = "SELECT COALESCE(sum(n), 0) FROM game_count_delta";
        } else if (onlyFilter(query, query.genre())) {
            sql = "SELECT count(*) FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id WHERE ge.slug = :genre";
            binds.put("genre", query.genre());
        } else if (onlyFilter(query, query.platform())) {
            sql = "SELECT count(*) FROM game_platform WHERE platform = :platform";
            binds.put("platform", query.platform());
        } else {
            sql = "SELECT count(*) FROM game g" + where(query, binds, false);
        }
        var named = JdbcReads.named(sql);
        return new Count(named.sql(), named.params(binds));
    }

    /** The counting statement of a page and its parameters, in order. */
    private record Count(String sql, Object[] params) {}

    private static boolean noFilter(GameQuery query) {
        return filtersSet(query) == 0;
    }

    /** Whether {@code filter} is set and is the query's only filter. */
    private static boolean onlyFilter(GameQuery query, String filter) {
        return filter != null && filtersSet(query) == 1;
    }

    private static int filtersSet(GameQuery query) {
        int set = 0;
        for (Object f : new Object[] {query.q(), query.franchise(), query.genre(), query.platform(), query.year(),
                query.status()}) {
            set += f == null ? 0 : 1;
        }
        return set;
    }

    /**
     * The WHERE clause of {@code query}'s filters. With {@code inNameOrder}, a genre or platform
     * filter is written so that PostgreSQL keeps it as a hashed set of ids ({@code (… IN …) IS
     * TRUE} is not turned into a join): the page then walks the name index in order and stops
     * after its last row, instead of joining and sorting by name every game of the genre or
     * platform (a genre has about 1,500 of 20,000). Either form gives the same rows.
     */
    private static String where(GameQuery query, Map<String, Object> binds, boolean inNameOrder) {
        List<String> conditions = new ArrayList<>();
        if (query.q() != null) {
            // Every word of q as a prefix of a word of the name (README, "Search"); the folding is
            // the database's (library_search_query), the same that built game.search_vector. A q
            // without any word matches nothing.
            conditions.add("g.search_vector @@ (SELECT library_search_query(:q, true))");
            binds.put("q", query.q());
        }
        if (query.franchise() != null) {
            conditions.add("g.franchise_id = (SELECT id FROM franchise WHERE slug = :franchise)");
            binds.put("franchise", query.franchise());
        }
        if (query.genre() != null) {
            conditions.add(linkFilter("g.id IN (SELECT gg.game_id FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id"
                    + " WHERE ge.slug = :genre)", inNameOrder));
            binds.put("genre", query.genre());
        }
        if (query.platform() != null) {
            // game_platform holds every platform of a game and of its editions (kept by triggers).
            conditions.add(linkFilter("g.id IN (SELECT game_id FROM game_platform WHERE platform = :platform)", inNameOrder));
            binds.put("platform", query.platform());
        }
        if (query.year() != null) {
            conditions.add("g.original_release_year = :year");
            binds.put("year", query.year());
        }
        if (query.status() != null) {
            // Reads the journal's table: the one cross-module read of the library, because paging
            // and counting need the filter inside this query (an id list from the journal would
            // have to hold every matching game). Read-only; the status values are validated.
            conditions.add("g.id IN (SELECT game_id FROM playthrough WHERE status = :status)");
            binds.put("status", query.status());
        }
        return conditions.isEmpty() ? " " : " WHERE " + String.join(" AND ", conditions) + " ";
    }

    private static String linkFilter(String condition, boolean hashed) {
        return hashed ? "(" + condition + ") IS TRUE" : condition;
    }

    /** Columns 1 to 22 of {@link #GAME}. */
    private static Game game(ResultSet rs) throws SQLException {
        return new Game(JdbcReads.uuid(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4),
                JdbcReads.uuid(rs, 5), rs.getString(6), rs.getString(7),
                JdbcReads.uuid(rs, 8), rs.getString(9), rs.getString(10),
                JdbcReads.uuid(rs, 11), rs.getString(12), rs.getString(13), rs.getString(14),
                JdbcReads.integer(rs, 15), rs.getString(16), rs.getString(17), JdbcReads.strings(rs, 18),
                JdbcReads.bigint(rs, 19), JdbcReads.instant(rs, 20), JdbcReads.instant(rs, 21),
                JdbcReads.instant(rs, 22));
    }

    /** Columns 23 to 25 of {@link #GAME}: the game's genres, in order, added to {@code out}. */
    private static void genres(ResultSet rs, List<GameGenre> out) throws SQLException {
        UUID gameId = JdbcReads.uuid(rs, 1);
        UUID[] ids = JdbcReads.uuids(rs, 23);
        String[] names = JdbcReads.texts(rs, 24);
        String[] slugs = JdbcReads.texts(rs, 25);
        for (int i = 0; i < ids.length; i++) {
            out.add(new GameGenre(gameId, ids[i], names[i], slugs[i]));
        }
    }

    private static Edition edition(ResultSet rs) throws SQLException {
        return new Edition(JdbcReads.uuid(rs, 1), JdbcReads.uuid(rs, 2), rs.getString(3), rs.getString(4),
                rs.getString(5), JdbcReads.strings(rs, 6), JdbcReads.date(rs, 7), rs.getString(8), rs.getString(9),
                JdbcReads.bigint(rs, 10), rs.getString(11), JdbcReads.instant(rs, 12), JdbcReads.instant(rs, 13),
                JdbcReads.instant(rs, 14));
    }

    private static ExternalId externalId(ResultSet rs) throws SQLException {
        return new ExternalId(rs.getString(1), rs.getString(2), JdbcReads.uuid(rs, 3), JdbcReads.uuid(rs, 4),
                rs.getString(5));
    }
}
