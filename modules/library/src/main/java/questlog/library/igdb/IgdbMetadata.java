package questlog.library.igdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import questlog.common.Slugs;
import questlog.library.catalog.FranchiseDao;
import questlog.library.catalog.Game;
import questlog.library.catalog.GameDao;
import questlog.library.catalog.GenreDao;
import questlog.library.catalog.SlugAllocator;

/**
 * Writes what IGDB says about games into the catalog, inside the caller's transaction, as the
 * original Questlog mapped it: cover at {@code t_cover_big}, first release date (a UTC date) on
 * the original edition and its year on the game, summary, platforms, genres (created with their
 * IGDB ids when new), franchise, the raw IGDB object in {@code igdb_data}, {@code last_synced_at}.
 *
 * <p>Two modes. {@link Mode#FILL} (creation, enrichment) only fills what is empty and links
 * genres only to a game that has none, so a user's own values survive. {@link Mode#REFRESH} (an
 * explicit re-sync) overwrites the IGDB-sourced columns and adds IGDB's genres to the game's;
 * name, slug and anything IGDB does not know are never touched, and nothing is removed.
 *
 * <p>Set-based: a whole batch of games costs one read and one statement per table, so enriching
 * thousands of games is bound by IGDB's rate limit, not by database round trips. The new values
 * are decided here, from the rows as they stood, which also says exactly what changed.
 */
public final class IgdbMetadata {

    public enum Mode { FILL, REFRESH }

    private final ObjectMapper json;

    public IgdbMetadata(ObjectMapper json) {
        this.json = json;
    }

    /** {@link #applyAll} for one game; returns the names of the fields that changed. */
    public List<String> apply(Handle h, UUID gameId, IgdbGame igdb, Mode mode, Instant now) {
        return applyAll(h, Map.of(gameId, igdb), mode, now).getOrDefault(gameId, List.of());
    }

    /**
     * Applies each IGDB game to its library game; returns, per game, the names of the fields that
     * changed (for {@code game_updated} events), empty when nothing visible did. The games should
     * be locked or otherwise known to exist; missing ones are skipped.
     */
    Map<UUID, List<String>> applyAll(Handle h, Map<UUID, IgdbGame> matches, Mode mode, Instant now) {
        if (matches.isEmpty()) {
            return Map.of();
        }
        boolean refresh = mode == Mode.REFRESH;
        Map<Long, UUID> genres = genreIds(h, matches.values().stream().flatMap(g -> g.genres().stream()).toList(), now);
        Map<String, UUID> franchises = franchiseIds(h, matches.values().stream()
                .map(IgdbGame::franchise).filter(Objects::nonNull).toList(), now);
        UUID[] ids = matches.keySet().toArray(UUID[]::new);
        Map<UUID, Game> before = h.attach(GameDao.class).findByIds(ids).stream()
                .collect(Collectors.toMap(Game::id, Function.identity()));
        Map<UUID, Long> genreCounts = new HashMap<>();
        h.createQuery("SELECT game_id, count(*) FROM game_genre WHERE game_id = ANY(:ids) GROUP BY game_id")
                .bind("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)))
                .forEach(e -> genreCounts.put(e.getKey(), e.getValue()));

        ArrayNode rows = json.createArrayNode();
        ArrayNode links = json.createArrayNode();
        Map<UUID, List<String>> changed = new LinkedHashMap<>();
        for (var match : matches.entrySet()) {
            Game game = before.get(match.getKey());
            if (game == null) {
                continue;
            }
            IgdbGame igdb = match.getValue();
            List<UUID> igdbGenres = igdb.genres().stream().map(g -> genres.get(g.id())).distinct().toList();
            boolean linkGenres = !igdbGenres.isEmpty() && (refresh || genreCounts.getOrDefault(game.id(), 0L) == 0);
            String summary = pick(refresh, game.summary(), igdb.summary());
            String cover = pick(refresh, game.coverUrl(), igdb.coverUrl());
            Integer year = pick(refresh, game.originalReleaseYear(), igdb.releaseYear());
            List<String> platforms = (refresh || game.platforms().isEmpty()) && !igdb.platforms().isEmpty()
                    ? igdb.platforms() : game.platforms();
            UUID franchise = game.franchiseId() != null || igdb.franchise() == null
                    ? game.franchiseId() : franchises.get(igdb.franchise().name());
            UUID primaryGenre = linkGenres && game.primaryGenreId() == null ? igdbGenres.getFirst() : game.primaryGenreId();

            ObjectNode row = rows.addObject();
            row.put("id", game.id().toString());
            row.put("igdb_id", igdb.id());
            row.set("data", igdb.raw());
            row.put("summary", summary);
            row.put("cover_url", cover);
            row.put("year", year);
            platforms.forEach(row.putArray("platforms")::add);
            row.put("franchise_id", franchise == null ? null : franchise.toString());
            row.put("primary_genre_id", primaryGenre == null ? null : primaryGenre.toString());
            row.put("released", igdb.firstReleaseDate() == null ? null : igdb.firstReleaseDate().toString());
            row.put("igdb_cover", igdb.coverUrl());
            igdb.platforms().forEach(row.putArray("igdb_platforms")::add);
            if (linkGenres) {
                for (UUID genre : igdbGenres) {
                    links.addObject().put("game_id", game.id().toString()).put("genre_id", genre.toString());
                }
            }
            List<String> fields = new ArrayList<>();
            diff(fields, "igdb_id", game.igdbId(), igdb.id());
            diff(fields, "summary", game.summary(), summary);
            diff(fields, "cover_url", game.coverUrl(), cover);
            diff(fields, "original_release_year", game.originalReleaseYear(), year);
            diff(fields, "platforms", game.platforms(), platforms);
            diff(fields, "franchise", game.franchiseId(), franchise);
            diff(fields, "primary_genre", game.primaryGenreId(), primaryGenre);
            changed.put(game.id(), fields);
        }

        String rowsJson = rows.toString();
        h.createUpdate("""
                        UPDATE game g SET
                            igdb_id = r.igdb_id, igdb_data = r.data, last_synced_at = :now,
                            summary = r.summary, cover_url = r.cover_url, original_release_year = r.year,
                            platforms = ARRAY(SELECT jsonb_array_elements_text(r.platforms)),
                            franchise_id = r.franchise_id, primary_genre_id = r.primary_genre_id, updated_at = :now
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, igdb_id bigint, data jsonb,
                            summary text, cover_url text, year int, platforms jsonb, franchise_id uuid,
                            primary_genre_id uuid)
                        WHERE g.id = r.id""")
                .bind("rows", rowsJson).bind("now", now).execute();
        if (!links.isEmpty()) {
            h.createQuery("""
                            INSERT INTO game_genre (game_id, genre_id)
                            SELECT game_id, genre_id FROM jsonb_to_recordset(CAST(:links AS jsonb))
                                AS l(game_id uuid, genre_id uuid)
                            ON CONFLICT DO NOTHING
                            RETURNING game_id""")
                    .bind("links", links.toString()).mapTo(UUID.class)
                    .forEach(id -> addOnce(changed.get(id), "genres"));
        }
        updateOriginalEditions(h, rowsJson, refresh, now);
        return changed;
    }

    /**
     * Each game's original edition (its first {@code original} one) gets the release date, cover,
     * platforms and, when no other edition holds it, the IGDB id, by the same rule as the game.
     */
    private static void updateOriginalEditions(Handle h, String rowsJson, boolean refresh, Instant now) {
        h.createUpdate("""
                        UPDATE edition e SET
                            release_date = CASE WHEN :refresh OR e.release_date IS NULL
                                THEN coalesce(r.released, e.release_date) ELSE e.release_date END,
                            cover_url = CASE WHEN :refresh OR e.cover_url IS NULL
                                THEN coalesce(r.igdb_cover, e.cover_url) ELSE e.cover_url END,
                            platforms = CASE WHEN (:refresh OR e.platforms = '{}') AND jsonb_array_length(r.igdb_platforms) > 0
                                THEN ARRAY(SELECT jsonb_array_elements_text(r.igdb_platforms)) ELSE e.platforms END,
                            igdb_id = CASE WHEN e.igdb_id IS NULL
                                AND NOT EXISTS (SELECT 1 FROM edition other WHERE other.igdb_id = r.igdb_id)
                                THEN r.igdb_id ELSE e.igdb_id END,
                            igdb_data = r.data, last_synced_at = :now, updated_at = :now
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, igdb_id bigint, data jsonb,
                                released date, igdb_cover text, igdb_platforms jsonb),
                             LATERAL (SELECT o.id FROM edition o WHERE o.game_id = r.id AND o.edition_type = 'original'
                                      ORDER BY o.created_at, o.id LIMIT 1) AS original
                        WHERE e.id = original.id""")
                .bind("rows", rowsJson).bind("refresh", refresh).bind("now", now).execute();
    }

    /**
     * Catalog ids of IGDB's genres: by IGDB id; else a genre of the same slug without an IGDB id
     * adopts it (a hand-made "Puzzle" becomes IGDB's Puzzle); else a new genre.
     */
    Map<Long, UUID> genreIds(Handle h, List<IgdbGame.Named> igdbGenres, Instant now) {
        Map<Long, UUID> ids = new HashMap<>();
        if (igdbGenres.isEmpty()) {
            return ids;
        }
        // One read for the usual case (every genre known by its IGDB id), row by row only for new ones.
        h.createQuery("SELECT igdb_id, id FROM genre WHERE igdb_id = ANY(:ids)")
                .bind("ids", igdbGenres.stream().map(IgdbGame.Named::id).distinct().toArray(Long[]::new))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getObject(2, UUID.class)))
                .forEach(e -> ids.put(e.getKey(), e.getValue()));
        for (IgdbGame.Named genre : igdbGenres) {
            if (ids.containsKey(genre.id())) {
                continue;
            }
            Optional<UUID> adopted = h.createQuery("""
                            UPDATE genre SET igdb_id = :igdbId, updated_at = :now
                            WHERE slug = :slug AND igdb_id IS NULL RETURNING id""")
                    .bind("igdbId", genre.id()).bind("slug", genre.slug()).bind("now", now)
                    .mapTo(UUID.class).findOne();
            var dao = h.attach(GenreDao.class);
            ids.put(genre.id(), adopted.orElseGet(() -> SlugAllocator.insert(genre.slug(), dao::slugsLike,
                    slug -> dao.insert(genre.name(), slug, genre.id(), null, now)).id()));
        }
        return ids;
    }

    /**
     * Catalog ids of IGDB's franchises, by name: the franchise whose slug is the name's, created
     * when missing (franchises carry no IGDB id).
     */
    Map<String, UUID> franchiseIds(Handle h, List<IgdbGame.Named> igdbFranchises, Instant now) {
        Map<String, String> slugByName = new LinkedHashMap<>();
        igdbFranchises.forEach(f -> slugByName.putIfAbsent(f.name(), Slugs.slugify(f.name(), f.slug())));
        Map<String, UUID> bySlug = new HashMap<>();
        if (!slugByName.isEmpty()) {
            h.createQuery("SELECT slug, id FROM franchise WHERE slug = ANY(:slugs)")
                    .bind("slugs", slugByName.values().stream().distinct().toArray(String[]::new))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
                    .forEach(e -> bySlug.put(e.getKey(), e.getValue()));
        }
        var franchises = h.attach(FranchiseDao.class);
        Map<String, UUID> ids = new HashMap<>();
        slugByName.forEach((name, slug) -> ids.put(name, bySlug.computeIfAbsent(slug, s -> franchises.insert(name, s, now)
                .or(() -> franchises.findBySlug(s)).orElseThrow().id())));
        return ids;
    }

    /** FILL keeps a value that is there; REFRESH takes IGDB's when IGDB has one. */
    private static <T> T pick(boolean refresh, T current, T fromIgdb) {
        return (refresh || current == null) && fromIgdb != null ? fromIgdb : current;
    }

    private static void diff(List<String> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(name);
        }
    }

    private static void addOnce(List<String> fields, String name) {
        if (fields != null && !fields.contains(name)) {
            fields.add(name);
        }
    }
}
