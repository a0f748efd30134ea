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
import org.jdbi.v3.core.Handle;
import questlog.common.dataset.DatasetProblems;
import questlog.library.catalog.Game;

/**
 * What a dataset import will write, after the checks that need the whole document and the
 * database: ids and slugs unique within each section, slugs (and game igdb ids) not taken by
 * another record in the library, and every reference resolvable, first to a record of the
 * document, else to one already in the library. Run inside the import's transaction, after the
 * import lock, so the library cannot change between the checks and the writes. Problems go to
 * the document's {@link DatasetProblems}; records with problems are left out of the plan.
 */
final class DatasetPlan {
    /** A game with its references resolved to ids. */
    record GameRow(DatasetRecords.Game game, UUID franchiseId, List<UUID> genreIds) {}

    /** An edition with its game resolved to an id. */
    record EditionRow(DatasetRecords.Edition edition, UUID gameId) {}

    final List<DatasetRecords.Genre> genres;
    final List<DatasetRecords.Franchise> franchises;
    final List<GameRow> games;
    final List<EditionRow> editions;
    /** Ids of the document's records that already exist, per table: those are updates, the rest inserts. */
    final Map<String, Set<UUID>> existing;

    private DatasetPlan(List<DatasetRecords.Genre> genres, List<DatasetRecords.Franchise> franchises, List<GameRow> games,
                        List<EditionRow> editions, Map<String, Set<UUID>> existing) {
        this.genres = genres;
        this.franchises = franchises;
        this.games = games;
        this.editions = editions;
        this.existing = existing;
    }

    static DatasetPlan check(Handle h, DatasetReader doc) {
        DatasetProblems errors = doc.errors();
        DatasetRejected rejected = doc.rejected;
        Map<String, Set<UUID>> existing = new HashMap<>();

        Section<DatasetRecords.Genre> genres = Section.check(h, "genre", "genres", doc.genres, errors, rejected);
        existing.put("genre", genres.existingIds);
        Section<DatasetRecords.Franchise> franchises =
                Section.check(h, "franchise", "franchises", doc.franchises, errors, rejected);
        existing.put("franchise", franchises.existingIds);
        Section<DatasetRecords.Game> games = Section.check(h, "game", "games", doc.games, errors, rejected);
        existing.put("game", games.existingIds);
        Section<DatasetRecords.Edition> editions = Section.check(h, "edition", "editions", doc.editions, errors, rejected);
        existing.put("edition", editions.existingIds);

        List<DatasetRecords.Game> gamesWithIgdb = checkIgdbIds(h, games.accepted, errors, rejected);

        Set<String> franchiseRefs = new HashSet<>();
        Set<String> genreRefs = new HashSet<>();
        for (DatasetRecords.Game game : gamesWithIgdb) {
            if (game.franchise() != null) {
                franchiseRefs.add(game.franchise());
            }
            genreRefs.addAll(game.genres());
        }
        Map<String, UUID> franchiseIds = franchises.resolve(h, franchiseRefs);
        Map<String, UUID> genreIds = genres.resolve(h, genreRefs);

        List<GameRow> gameRows = new ArrayList<>(gamesWithIgdb.size());
        Set<String> gamesLeftOut = new HashSet<>();
        for (DatasetRecords.Game game : gamesWithIgdb) {
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
            if (ok) {
                gameRows.add(new GameRow(game, franchiseId, genreIdList));
            } else {
                gamesLeftOut.add(game.slug());
            }
        }
        gamesLeftOut.forEach(slug -> rejected.add("games", slug));

        Set<String> gameRefs = new HashSet<>();
        editions.accepted.forEach(e -> gameRefs.add(e.game()));
        Map<String, UUID> gameIds = games.resolve(h, gameRefs);
        List<EditionRow> editionRows = new ArrayList<>(editions.accepted.size());
        for (DatasetRecords.Edition edition : editions.accepted) {
            UUID gameId = gameIds.get(edition.game());
            if (gameId == null) {
                unresolved(errors, rejected, "editions", edition, "game", "games", "game", edition.game());
            } else {
                editionRows.add(new EditionRow(edition, gameId));
            }
        }
        return new DatasetPlan(genres.accepted, franchises.accepted, gameRows, editionRows, existing);
    }

    /**
     * Reports a reference that leads nowhere, unless it names a record of the document that was
     * already rejected (its own error says why). Returns false either way: the record cannot be kept.
     */
    private static boolean unresolved(DatasetProblems errors, DatasetRejected rejected, String section,
                                      DatasetRecords.Keyed record, String field, String targetSection,
                                      String targetNoun, String slug) {
        if (!rejected.contains(targetSection, slug)) {
            errors.record(section, record.index(), record.id().toString(), record.slug(), field,
                    "refers to " + targetNoun + " '" + slug + "', which is neither in the document's " + targetSection
                            + " nor in the library");
        }
        return false;
    }

    /** Game igdb ids: unique within the document and not used by another game of the library. */
    private static List<DatasetRecords.Game> checkIgdbIds(Handle h, List<DatasetRecords.Game> games, DatasetProblems errors,
                                                          DatasetRejected rejected) {
        Map<Long, DatasetRecords.Game> first = new HashMap<>();
        List<DatasetRecords.Game> unique = new ArrayList<>(games.size());
        for (DatasetRecords.Game game : games) {
            if (game.igdbId() == null) {
                unique.add(game);
                continue;
            }
            DatasetRecords.Game earlier = first.putIfAbsent(game.igdbId(), game);
            if (earlier != null) {
                errors.record("games", game.index(), game.id().toString(), game.slug(), "igdb_id",
                        "is used twice in games: also at games[" + earlier.index() + "]");
                rejected.add("games", game.slug());
            } else {
                unique.add(game);
            }
        }
        Map<Long, Owner> owners = new HashMap<>();
        h.createQuery("SELECT id, slug, igdb_id FROM game WHERE igdb_id = ANY(:ids)")
                .bindArray("ids", Long.class, first.keySet())
                .map((rs, ctx) -> new Owner(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getLong("igdb_id")))
                .forEach(o -> owners.put(o.igdbId, o));
        List<DatasetRecords.Game> accepted = new ArrayList<>(unique.size());
        for (DatasetRecords.Game game : unique) {
            Owner owner = game.igdbId() == null ? null : owners.get(game.igdbId());
            if (owner != null && !owner.id.equals(game.id())) {
                errors.record("games", game.index(), game.id().toString(), game.slug(), "igdb_id",
                        "is already the igdb_id of game '" + owner.slug + "' (id " + owner.id + ") in the library");
                rejected.add("games", game.slug());
            } else {
                accepted.add(game);
            }
        }
        return accepted;
    }

    private record Owner(UUID id, String slug, long igdbId) {}

    /**
     * The key checks of one section against itself and its table, and how slugs referring to it
     * resolve. {@code table} is one of the four catalog tables (never user input).
     */
    private static final class Section<R extends DatasetRecords.Keyed> {
        final String table;
        final List<R> accepted;
        final Set<UUID> existingIds;
        /** Every id of the section's records, accepted or not: their library rows are being rewritten. */
        final Set<UUID> documentIds;
        final Map<String, UUID> documentSlugs;

        private Section(String table, List<R> accepted, Set<UUID> existingIds, Set<UUID> documentIds,
                        Map<String, UUID> documentSlugs) {
            this.table = table;
            this.accepted = accepted;
            this.existingIds = existingIds;
            this.documentIds = documentIds;
            this.documentSlugs = documentSlugs;
        }

        static <R extends DatasetRecords.Keyed> Section<R> check(Handle h, String table, String section, List<R> records,
                                                                 DatasetProblems errors, DatasetRejected rejected) {
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
            for (R record : unique) {
                UUID owner = owners.get(record.slug());
                if (owner != null && !owner.equals(record.id())) {
                    errors.record(section, record.index(), record.id().toString(), record.slug(), "slug",
                            "is already the slug of another " + noun + " in the library (id " + owner + ")");
                    rejected.add(section, record.slug());
                } else {
                    accepted.add(record);
                    documentSlugs.put(record.slug(), record.id());
                }
            }
            return new Section<>(table, accepted, existingIds, new HashSet<>(byId.keySet()), documentSlugs);
        }

        /**
         * Ids for slugs that refer to this section: the document's records first, then library
         * rows the document leaves alone (a row the document rewrites keeps only its new slug).
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
