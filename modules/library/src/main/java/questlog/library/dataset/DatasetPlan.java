package questlog.library.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import questlog.common.dataset.DatasetProblems;

/**
 * What a dataset import will write, after the checks that need the whole document and the
 * database: ids and slugs unique within each section, every reference resolvable (first to a
 * record of the document, else to one already in the library), unique columns (igdb ids, Twitch
 * categories, external ids) not another record's. Run inside the import's transaction, after
 * the import lock, so the library cannot change between the checks and the writes. Problems go
 * to the document's {@link DatasetProblems}; records with problems are left out of the plan.
 *
 * <p>Matching: genres, franchises and games are a vocabulary the library may already have under
 * other ids. A record whose slug (for games first their {@code igdb_id}, then the slug) is that
 * of a library record with another id is <em>matched</em> onto it: it takes that record's id and
 * rewrites it like a record of the same id, and the document's references to it lead there. An
 * edition is matched by slug when the library's edition belongs to the game the document's
 * does. What cannot be matched unambiguously stays a problem: a library record the document
 * also has under its own id, two records matched onto one, a game whose igdb id is one game's
 * and whose slug is another's.
 */
final class DatasetPlan {
    record GenreRow(DatasetRecords.Genre genre, UUID parentId) {}

    /** A game with its references resolved to ids. */
    record GameRow(DatasetRecords.Game game, UUID franchiseId, List<UUID> genreIds, UUID parentGameId, UUID primaryGenreId) {}

    /** An edition with its game resolved to an id. */
    record EditionRow(DatasetRecords.Edition edition, UUID gameId) {}

    /** An external id with its game or edition resolved to an id. */
    record ExternalIdRow(DatasetRecords.ExternalId externalId, UUID gameId, UUID editionId) {}

    final List<GenreRow> genres;
    final List<DatasetRecords.Franchise> franchises;
    final List<GameRow> games;
    final List<EditionRow> editions;
    final List<ExternalIdRow> externalIds;
    /** Ids of the document's records that already exist, per table: those are updates, the rest inserts. */
    final Map<String, Set<UUID>> existing;
    /** Records matched onto a library record of another id, per table. */
    final Map<String, Integer> matched;

    private DatasetPlan(List<GenreRow> genres, List<DatasetRecords.Franchise> franchises, List<GameRow> games,
                        List<EditionRow> editions, List<ExternalIdRow> externalIds, Map<String, Set<UUID>> existing,
                        Map<String, Integer> matched) {
        this.genres = genres;
        this.franchises = franchises;
        this.games = games;
        this.editions = editions;
        this.externalIds = externalIds;
        this.existing = existing;
        this.matched = matched;
    }

    static DatasetPlan check(Handle h, DatasetReader doc) {
        DatasetProblems errors = doc.errors();
        DatasetRejected rejected = doc.rejected;
        Map<String, Set<UUID>> existing = new HashMap<>();
        Map<String, Integer> matched = new HashMap<>();

        Section<DatasetRecords.Genre> genres = Section.check(h, "genre", "genres", doc.genres, errors, rejected,
                Map.of(), (record, owner) -> true);
        Section<DatasetRecords.Franchise> franchises = Section.check(h, "franchise", "franchises", doc.franchises, errors,
                rejected, Map.of(), (record, owner) -> true);
        List<DatasetRecords.Game> uniqueIgdb = uniqueInDocument(doc.games, DatasetRecords.Game::igdbId, "games", "igdb_id",
                errors, rejected);
        Section<DatasetRecords.Game> games = Section.check(h, "game", "games", uniqueIgdb, errors, rejected,
                igdbMatches(h, uniqueIgdb), (record, owner) -> true);

        // genres: parents, and igdb ids not another genre's
        Map<String, UUID> parentIds = genres.resolve(h, refs(genres.accepted, DatasetRecords.Genre::parent));
        List<GenreRow> genreRows = new ArrayList<>();
        for (DatasetRecords.Genre genre : unique(h, "genre", "genres", "igdb_id",
                uniqueInDocument(genres.accepted, DatasetRecords.Genre::igdbId, "genres", "igdb_id", errors, rejected),
                DatasetRecords.Genre::igdbId, errors, rejected)) {
            UUID parentId = genre.parent() == null ? null : parentIds.get(genre.parent());
            if (genre.parent() != null && parentId == null) {
                unresolved(errors, rejected, "genres", genre, "parent", "genres", "genre", genre.parent());
            } else if (genre.id().equals(parentId)) {
                errors.record("genres", genre.index(), genre.id().toString(), genre.slug(), "parent", "must be another genre");
            } else {
                genreRows.add(new GenreRow(genre, parentId));
            }
        }

        // games: franchise, genres, primary genre, parent game
        Set<String> genreRefs = new HashSet<>();
        for (DatasetRecords.Game game : games.accepted) {
            genreRefs.addAll(game.genres());
            if (game.extra() != null && game.extra().primaryGenre() != null) {
                genreRefs.add(game.extra().primaryGenre());
            }
        }
        Map<String, UUID> franchiseIds = franchises.resolve(h, refs(games.accepted, DatasetRecords.Game::franchise));
        Map<String, UUID> genreIds = genres.resolve(h, genreRefs);
        Map<String, UUID> parentGameIds = games.resolve(h, refs(games.accepted,
                g -> g.extra() == null ? null : g.extra().parentGame()));
        List<GameRow> gameRows = new ArrayList<>(games.accepted.size());
        Set<String> gamesLeftOut = new HashSet<>();
        for (DatasetRecords.Game game : games.accepted) {
            boolean ok = true;
            UUID franchiseId = null;
            if (game.franchise() != null) {
                franchiseId = franchiseIds.get(game.franchise());
                ok = franchiseId != null || unresolved(errors, rejected, "games", game, "franchise", "franchises",
                        "franchise", game.franchise());
            }
            List<UUID> genreIdList = new ArrayList<>(game.genres().size());
            for (int i = 0; i < game.genres().size(); i++) {
                String slug = game.genres().get(i);
                UUID genreId = genreIds.get(slug);
                if (genreId == null) {
                    unresolved(errors, rejected, "games", game, "genres[" + i + "]", "genres", "genre", slug);
                    ok = false;
                } else {
                    genreIdList.add(genreId);
                }
            }
            UUID primaryGenreId = null;
            UUID parentGameId = null;
            if (game.extra() != null) {
                String primary = game.extra().primaryGenre();
                if (primary != null) {
                    primaryGenreId = genreIds.get(primary);
                    ok &= primaryGenreId != null || unresolved(errors, rejected, "games", game, "primary_genre", "genres",
                            "genre", primary);
                }
                String parent = game.extra().parentGame();
                if (parent != null) {
                    parentGameId = parentGameIds.get(parent);
                    ok &= parentGameId != null || unresolved(errors, rejected, "games", game, "parent_game", "games",
                            "game", parent);
                    if (game.id().equals(parentGameId)) {
                        errors.record("games", game.index(), game.id().toString(), game.slug(), "parent_game",
                                "must be another game");
                        ok = false;
                    }
                }
            }
            if (ok) {
                gameRows.add(new GameRow(game, franchiseId, genreIdList, parentGameId, primaryGenreId));
            } else {
                gamesLeftOut.add(game.slug());
            }
        }
        gamesLeftOut.forEach(slug -> rejected.add("games", slug));

        // editions: their game, matched by slug only within the same game; igdb ids and Twitch categories unique
        Map<String, UUID> gameIds = games.resolve(h, refs(doc.editions, DatasetRecords.Edition::game));
        Map<String, UUID> libraryEditionGames = editionGames(h, refs(doc.editions, DatasetRecords.Edition::slug));
        Section<DatasetRecords.Edition> editions = Section.check(h, "edition", "editions", doc.editions, errors, rejected,
                Map.of(), (record, owner) -> {
                    UUID gameId = gameIds.get(record.game());
                    return gameId != null && gameId.equals(libraryEditionGames.get(record.slug()));
                });
        List<DatasetRecords.Edition> editionsChecked = unique(h, "edition", "editions", "igdb_id",
                uniqueInDocument(editions.accepted, e -> e.extra() == null ? null : e.extra().igdbId(), "editions",
                        "igdb_id", errors, rejected),
                e -> e.extra() == null ? null : e.extra().igdbId(), errors, rejected);
        editionsChecked = unique(h, "edition", "editions", "twitch_category_id",
                uniqueInDocument(editionsChecked, e -> e.extra() == null ? null : e.extra().twitchCategoryId(), "editions",
                        "twitch_category_id", errors, rejected),
                e -> e.extra() == null ? null : e.extra().twitchCategoryId(), errors, rejected);
        List<EditionRow> editionRows = new ArrayList<>(editionsChecked.size());
        for (DatasetRecords.Edition edition : editionsChecked) {
            UUID gameId = gameIds.get(edition.game());
            if (gameId == null) {
                unresolved(errors, rejected, "editions", edition, "game", "games", "game", edition.game());
            } else {
                editionRows.add(new EditionRow(edition, gameId));
            }
        }

        List<ExternalIdRow> externalIdRows = externalIds(h, doc.externalIds, games, editions, errors, rejected);

        for (Section<?> section : List.of(genres, franchises, games, editions)) {
            existing.put(section.table, section.existingIds);
            matched.put(section.table, section.matched);
        }
        return new DatasetPlan(genreRows, franchises.accepted, gameRows, editionRows, externalIdRows, existing, matched);
    }

    /** The external ids with their game or edition resolved; (source, external_id) unique in the document and the library. */
    private static List<ExternalIdRow> externalIds(Handle h, List<DatasetRecords.ExternalId> records,
                                                   Section<DatasetRecords.Game> games,
                                                   Section<DatasetRecords.Edition> editions,
                                                   DatasetProblems errors, DatasetRejected rejected) {
        if (records.isEmpty()) {
            return List.of();
        }
        Map<String, UUID> gameIds = games.resolve(h, refs(records, DatasetRecords.ExternalId::game));
        Map<String, UUID> editionIds = editions.resolve(h, refs(records, DatasetRecords.ExternalId::edition));
        Map<UUID, DatasetRecords.ExternalId> byId = new HashMap<>();
        Map<String, DatasetRecords.ExternalId> byKey = new HashMap<>();
        Map<String, UUID> owners = new HashMap<>();
        h.createQuery("""
                        SELECT x.id, x.source, x.external_id FROM external_id x
                        JOIN unnest(CAST(:sources AS text[]), CAST(:values AS text[])) AS t(source, value)
                          ON x.source = t.source AND x.external_id = t.value""")
                .bindArray("sources", String.class, records.stream().map(DatasetRecords.ExternalId::source).toList())
                .bindArray("values", String.class, records.stream().map(DatasetRecords.ExternalId::externalId).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("source") + "\n" + rs.getString("external_id"), rs.getObject("id", UUID.class)))
                .forEach(e -> owners.put(e.getKey(), e.getValue()));
        List<ExternalIdRow> rows = new ArrayList<>();
        for (DatasetRecords.ExternalId x : records) {
            String key = x.source() + "\n" + x.externalId();
            DatasetRecords.ExternalId sameId = byId.putIfAbsent(x.id(), x);
            DatasetRecords.ExternalId sameKey = byKey.putIfAbsent(key, x);
            boolean ok = true;
            if (sameId != null) {
                errors.record("external_ids", x.index(), x.id().toString(), null, "id",
                        "is used twice in external_ids: also at external_ids[" + sameId.index() + "]");
                ok = false;
            }
            if (sameKey != null) {
                errors.record("external_ids", x.index(), x.id().toString(), null, "external_id",
                        "is used twice for source " + x.source() + ": also at external_ids[" + sameKey.index() + "]");
                ok = false;
            }
            UUID owner = owners.get(key);
            if (owner != null && !owner.equals(x.id())) {
                errors.record("external_ids", x.index(), x.id().toString(), null, "external_id",
                        "is already the " + x.source() + " id of another record in the library (external id " + owner + ")");
                ok = false;
            }
            UUID gameId = x.game() == null ? null : gameIds.get(x.game());
            UUID editionId = x.edition() == null ? null : editionIds.get(x.edition());
            if (x.game() != null && gameId == null) {
                ok = unresolved(errors, rejected, "external_ids", x, "game", "games", "game", x.game());
            }
            if (x.edition() != null && editionId == null) {
                ok = unresolved(errors, rejected, "external_ids", x, "edition", "editions", "edition", x.edition());
            }
            if (ok) {
                rows.add(new ExternalIdRow(x, gameId, editionId));
            }
        }
        return rows;
    }

    /** The slugs a field of the records refers to (nulls left out). */
    private static <R> Set<String> refs(Collection<R> records, Function<R, String> field) {
        Set<String> slugs = new HashSet<>();
        for (R record : records) {
            String slug = field.apply(record);
            if (slug != null) {
                slugs.add(slug);
            }
        }
        return slugs;
    }

    /** The game of each library edition with one of these slugs, by slug. */
    private static Map<String, UUID> editionGames(Handle h, Set<String> slugs) {
        Map<String, UUID> games = new HashMap<>();
        if (!slugs.isEmpty()) {
            h.createQuery("SELECT slug, game_id FROM edition WHERE slug = ANY(:slugs)")
                    .bindArray("slugs", String.class, slugs)
                    .map((rs, ctx) -> Map.entry(rs.getString("slug"), rs.getObject("game_id", UUID.class)))
                    .forEach(e -> games.put(e.getKey(), e.getValue()));
        }
        return games;
    }

    /**
     * Reports a reference that leads nowhere, unless it names a record of the document that was
     * already rejected (its own error says why). Returns false either way: the record cannot be kept.
     */
    private static boolean unresolved(DatasetProblems errors, DatasetRejected rejected, String section,
                                      Object record, String field, String targetSection, String targetNoun, String slug) {
        if (!rejected.contains(targetSection, slug)) {
            int index;
            String id;
            String ownSlug = null;
            if (record instanceof DatasetRecords.Keyed keyed) {
                index = keyed.index();
                id = keyed.id().toString();
                ownSlug = keyed.slug();
            } else {
                DatasetRecords.ExternalId x = (DatasetRecords.ExternalId) record;
                index = x.index();
                id = x.id().toString();
            }
            errors.record(section, index, id, ownSlug, field, "refers to " + targetNoun + " '" + slug
                    + "', which is neither in the document's " + targetSection + " nor in the library");
        }
        return false;
    }

    /** The records whose {@code value} no earlier record of the section has (nulls never clash); the others are problems. */
    private static <R extends DatasetRecords.Keyed> List<R> uniqueInDocument(List<R> records, Function<R, Object> value,
                                                                             String section, String field,
                                                                             DatasetProblems errors, DatasetRejected rejected) {
        Map<Object, R> first = new HashMap<>();
        List<R> unique = new ArrayList<>(records.size());
        for (R record : records) {
            Object v = value.apply(record);
            R earlier = v == null ? null : first.putIfAbsent(v, record);
            if (earlier != null) {
                errors.record(section, record.index(), record.id().toString(), record.slug(), field,
                        "is used twice in " + section + ": also at " + section + "[" + earlier.index() + "]");
                rejected.add(section, record.slug());
            } else {
                unique.add(record);
            }
        }
        return unique;
    }

    /** The records whose unique {@code column} is not another library record's; the others are problems. */
    private static <R extends DatasetRecords.Keyed> List<R> unique(Handle h, String table, String section, String column,
                                                                   List<R> records, Function<R, Object> value,
                                                                   DatasetProblems errors, DatasetRejected rejected) {
        Set<String> values = new HashSet<>();
        records.forEach(r -> {
            Object v = value.apply(r);
            if (v != null) {
                values.add(v.toString());
            }
        });
        if (values.isEmpty()) {
            return records;
        }
        Map<String, Owner> owners = new HashMap<>();
        // table and column are constants of this class, never input
        h.createQuery("SELECT id, slug, " + column + "::text AS value FROM " + table + " WHERE " + column + "::text = ANY(:values)")
                .bindArray("values", String.class, values)
                .map((rs, ctx) -> new Owner(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("value")))
                .forEach(o -> owners.put(o.value, o));
        List<R> accepted = new ArrayList<>(records.size());
        for (R record : records) {
            Object v = value.apply(record);
            Owner owner = v == null ? null : owners.get(v.toString());
            if (owner != null && !owner.id.equals(record.id())) {
                errors.record(section, record.index(), record.id().toString(), record.slug(), column,
                        "is already the " + column + " of " + table + " '" + owner.slug + "' (id " + owner.id + ") in the library");
                rejected.add(section, record.slug());
            } else {
                accepted.add(record);
            }
        }
        return accepted;
    }

    private record Owner(UUID id, String slug, String value) {}

    /** The library games with the igdb id of a document's game (and another id), by the document's id: matched first. */
    private static Map<UUID, UUID> igdbMatches(Handle h, List<DatasetRecords.Game> games) {
        Map<Long, UUID> byIgdb = new HashMap<>();
        games.forEach(g -> {
            if (g.igdbId() != null) {
                byIgdb.put(g.igdbId(), g.id());
            }
        });
        Map<UUID, UUID> matches = new HashMap<>();
        if (byIgdb.isEmpty()) {
            return matches;
        }
        h.createQuery("SELECT id, igdb_id FROM game WHERE igdb_id = ANY(:ids)")
                .bindArray("ids", Long.class, byIgdb.keySet())
                .map((rs, ctx) -> Map.entry(byIgdb.get(rs.getLong("igdb_id")), rs.getObject("id", UUID.class)))
                .forEach(e -> {
                    if (!e.getKey().equals(e.getValue())) {
                        matches.put(e.getKey(), e.getValue());
                    }
                });
        return matches;
    }

    /**
     * The key checks of one section against itself and its table, the matching of its records
     * onto library records, and how slugs referring to it resolve. {@code table} is one of the
     * catalog tables (never user input).
     */
    private static final class Section<R extends DatasetRecords.Keyed> {
        final String table;
        final List<R> accepted;
        final Set<UUID> existingIds;
        /** Every id the section's records write to, accepted or not: those library rows are being rewritten. */
        final Set<UUID> documentIds;
        final Map<String, UUID> documentSlugs;
        final int matched;

        private Section(String table, List<R> accepted, Set<UUID> existingIds, Set<UUID> documentIds,
                        Map<String, UUID> documentSlugs, int matched) {
            this.table = table;
            this.accepted = accepted;
            this.existingIds = existingIds;
            this.documentIds = documentIds;
            this.documentSlugs = documentSlugs;
            this.matched = matched;
        }

        /**
         * @param preMatched library ids the records match by something else than their slug (games: igdb id), by record id
         * @param matchable  whether a record may be matched onto the library record owning its slug
         */
        @SuppressWarnings("unchecked")
        static <R extends DatasetRecords.Keyed> Section<R> check(Handle h, String table, String section, List<R> records,
                                                                 DatasetProblems errors, DatasetRejected rejected,
                                                                 Map<UUID, UUID> preMatched, BiPredicate<R, UUID> matchable) {
            String noun = table;
            Map<UUID, R> byId = new HashMap<>();
            Map<String, R> bySlug = new HashMap<>();
            List<R> unique = new ArrayList<>(records.size());
            for (R record : records) {
                R sameId = byId.putIfAbsent(record.id(), record);
                R sameSlug = bySlug.putIfAbsent(record.slug(), record);
                if (sameId != null) {
                    errors.record(section, record.index(), record.id().toString(), record.slug(), "id",
                            "is used twice in " + section + ": also at " + section + "[" + sameId.index() + "]");
                    if (sameSlug == null) {
                        rejected.add(section, record.slug());
                    }
                }
                if (sameSlug != null) {
                    errors.record(section, record.index(), record.id().toString(), record.slug(), "slug",
                            "is used twice in " + section + ": also at " + section + "[" + sameSlug.index() + "]");
                }
                if (sameId == null && sameSlug == null) {
                    unique.add(record);
                }
            }
            Set<UUID> existingIds = new HashSet<>(h.createQuery("SELECT id FROM " + table + " WHERE id = ANY(:ids)")
                    .bindArray("ids", UUID.class, byId.keySet())
                    .mapTo(UUID.class)
                    .list());
            Map<String, UUID> owners = slugOwners(h, table, bySlug.keySet());
            List<R> accepted = new ArrayList<>(unique.size());
            Map<String, UUID> documentSlugs = new HashMap<>();
            Map<UUID, R> targets = new HashMap<>();
            for (R record : unique) {
                UUID owner = owners.get(record.slug());
                UUID target = existingIds.contains(record.id()) ? null : preMatched.get(record.id());
                String problemField = null;
                String problem = null;
                if (target == null && preMatched.containsKey(record.id())) {
                    problemField = "igdb_id";
                    problem = "is already the igdb_id of another " + noun + " in the library (id "
                            + preMatched.get(record.id()) + ")";
                } else if (target != null && owner != null && !owner.equals(target)) {
                    problemField = "slug";
                    problem = "is already the slug of another " + noun + " in the library (id " + owner + "), while igdb_id "
                            + "matches " + noun + " " + target + ": the record cannot be matched onto either";
                } else if (target == null && owner != null && !owner.equals(record.id())) {
                    if (byId.containsKey(owner) || existingIds.contains(record.id()) || !matchable.test(record, owner)) {
                        problemField = "slug";
                        problem = "is already the slug of another " + noun + " in the library (id " + owner + ")";
                    } else {
                        target = owner;
                    }
                }
                if (problem == null && target != null) {
                    R other = targets.putIfAbsent(target, record);
                    if (byId.containsKey(target)) {
                        problemField = "id";
                        problem = "matches " + noun + " " + target + " of the library, which the document has as a record of its own";
                    } else if (other != null) {
                        problemField = "id";
                        problem = "matches the same " + noun + " of the library (id " + target + ") as " + section + "["
                                + other.index() + "]";
                    }
                }
                if (problem != null) {
                    errors.record(section, record.index(), record.id().toString(), record.slug(), problemField, problem);
                    rejected.add(section, record.slug());
                    continue;
                }
                R kept = target == null ? record : (R) record.withId(target);
                accepted.add(kept);
                documentSlugs.put(kept.slug(), kept.id());
            }
            Set<UUID> documentIds = new HashSet<>(byId.keySet());
            documentIds.addAll(targets.keySet());
            existingIds.addAll(targets.keySet());
            int matched = (int) accepted.stream().filter(r -> targets.containsKey(r.id())).count();
            return new Section<>(table, accepted, existingIds, documentIds, documentSlugs, matched);
        }

        /**
         * Ids for slugs that refer to this section: the document's records first (a matched
         * record's library id), then library rows the document leaves alone (a row the document
         * rewrites keeps only its new slug).
         */
        Map<String, UUID> resolve(Handle h, Set<String> slugs) {
            Map<String, UUID> ids = new HashMap<>();
            Set<String> missing = new LinkedHashSet<>();
            for (String slug : slugs) {
                UUID id = documentSlugs.get(slug);
                if (id != null) {
                    ids.put(slug, id);
                } else {
                    missing.add(slug);
                }
            }
            slugOwners(h, table, missing).forEach((slug, id) -> {
                if (!documentIds.contains(id)) {
                    ids.put(slug, id);
                }
            });
            return ids;
        }

        private static Map<String, UUID> slugOwners(Handle h, String table, Collection<String> slugs) {
            Map<String, UUID> owners = new HashMap<>();
            if (slugs.isEmpty()) {
                return owners;
            }
            h.createQuery("SELECT id, slug FROM " + table + " WHERE slug = ANY(:slugs)")
                    .bindArray("slugs", String.class, slugs)
                    .map((rs, ctx) -> Map.entry(rs.getString("slug"), rs.getObject("id", UUID.class)))
                    .forEach(e -> owners.put(e.getKey(), e.getValue()));
            return owners;
        }
    }
}
