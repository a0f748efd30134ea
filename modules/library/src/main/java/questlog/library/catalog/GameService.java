package questlog.library.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FieldErrors;
import questlog.common.GameDetailSection;
import questlog.common.GameLookup;
import questlog.common.GameRemoval;
import questlog.common.CollectedEvents;
import questlog.common.Slugs;
import questlog.library.catalog.UpdateGameRequest.Patch;
import questlog.library.igdb.IgdbGame;
import questlog.library.igdb.IgdbMetadata;

/**
 * Games and their editions, genres and external ids: listing, reading, creating, changing and
 * removing them. Each call is one transaction; a rule broken on the way (an unknown reference,
 * a taken igdb_id) undoes everything the call wrote. Every change also records its
 * {@code questlog:game_*} event in that transaction, as its last statement.
 */
public final class GameService {

    /** A page of games with the genres of exactly those games, and how many match in all. */
    record Listing(List<Game> games, Map<UUID, List<GameGenre>> genres, long total) {}

    /**
     * One game with everything its detail shows; {@code sections} are the other modules' members
     * of it ({@link GameDetailSection}), by name, in module order.
     */
    record Details(Game game, List<GameGenre> genres, List<Edition> editions, List<ExternalId> externalIds,
                   Map<String, List<?>> sections) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final Supplier<List<GameDetailSection<?>>> sections;
    private final Supplier<List<GameRemoval>> removals;
    private final EventLog events;
    private volatile CatalogReads.DetailReads detailReads;

    public GameService(Jdbi jdbi, Clock clock, EventLog events) {
        this(jdbi, clock, List::of, events);
    }

    public GameService(Jdbi jdbi, Clock clock, Supplier<List<GameDetailSection<?>>> sections, EventLog events) {
        this(jdbi, clock, sections, List::of, events);
    }

    /**
     * {@code sections}: the other modules' members of a game's detail; {@code removals}: what they
     * remove with a game (both known once every module is built).
     */
    public GameService(Jdbi jdbi, Clock clock, Supplier<List<GameDetailSection<?>>> sections,
                       Supplier<List<GameRemoval>> removals, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.sections = sections;
        this.removals = removals;
        this.events = events;
    }

    /**
     * The reads are plain JDBC on one connection ({@link CatalogReads}), in autocommit: each
     * statement sees what was committed when it ran, exactly as in a READ COMMITTED transaction,
     * so a transaction around them would only add a COMMIT round trip.
     */
    Listing list(GameQuery query) {
        return jdbi.withHandle(h -> CatalogReads.list(h, query));
    }

    Optional<Details> get(String slug) {
        return get(slug, false);
    }

    /**
     * The detail; sections show private things (private lists) only when {@code withPrivate}.
     * One round trip in autocommit ({@link CatalogReads.DetailReads}).
     */
    Optional<Details> get(String slug, boolean withPrivate) {
        return jdbi.withHandle(h -> detailReads().bySlug(h, slug, withPrivate).map(GameService::details));
    }

    /**
     * Creates a game with its genre links and external ids. A game always has at least one
     * edition: when the request lists none, an {@code original} edition is made from the game's
     * own name and platforms, whose slug is the game's slug when that is free among editions
     * (the dataset format keeps the same invariant).
     */
    public Details create(CreateGameRequest request) {
        return write(h -> {
            UUID id = insert(h, request, now());
            Details created = details(h, id);
            events.append(h, EventTypes.GAME_ADDED, GameEvent.of(created.game()));
            return created;
        });
    }

    /**
     * Creates a game on the caller's transaction (an import spanning modules): as {@link #create},
     * but the game_added event goes to {@code pending}, for the caller to append last.
     */
    Game createIn(Handle h, CreateGameRequest request, CollectedEvents pending) {
        request.validate();
        UUID id = insert(h, request, now());
        Game created = h.attach(GameDao.class).findById(id).orElseThrow();
        pending.add(EventTypes.GAME_ADDED, GameEvent.of(created));
        return created;
    }

    /**
     * Creates the game {@code igdb} describes, as {@link #create} would with the request's own
     * values, then fills everything left empty from IGDB ({@link IgdbMetadata.Mode#FILL}): the
     * request's fields win over IGDB's. One transaction: a taken slug or igdb_id leaves nothing.
     */
    Details createFromIgdb(CreateGameRequest request, IgdbGame igdb, IgdbMetadata metadata) {
        return write(h -> {
            Instant now = now();
            UUID id = insert(h, request.withIgdb(igdb.name(), igdb.id()), now);
            metadata.apply(h, id, igdb, IgdbMetadata.Mode.FILL, now);
            Details created = details(h, id);
            events.append(h, EventTypes.GAME_ADDED, GameEvent.of(created.game()));
            return created;
        });
    }

    /**
     * Inserts a game as {@code POST /api/games} does (its original edition included) in the
     * caller's transaction, recording no event: for bulk writers that record their events together.
     */
    public UUID insertWithoutEvent(Handle h, CreateGameRequest request, Instant now) {
        return insert(h, request, now);
    }

    private UUID insert(Handle h, CreateGameRequest request, Instant now) {
        var errors = new FieldErrors();
        UUID franchiseId = franchiseId(h, request.franchise(), errors);
        Map<String, UUID> genreIds = genreIds(h, request.genres(), request.primaryGenre(), errors);
        Game parent = parentGame(h, request.parentGame(), errors);
        errors.throwIfUnprocessable();

        var games = h.attach(GameDao.class);
        var values = new GameValues(request.name(), request.slug(), request.sortName(), franchiseId,
                parent == null ? null : parent.id(), request.relationshipType(),
                request.primaryGenre() == null ? null : genreIds.get(request.primaryGenre()),
                request.originalReleaseYear(), request.summary(), request.coverUrl(), request.platforms(),
                request.igdbId());
        GameDao.Key key = request.slug() != null
                ? games.insert(values, now).orElseThrow(() ->
                        new ConflictException("slug", "another game already has this slug"))
                : SlugAllocator.insert(Slugs.slugify(request.name(), "game"), games::slugsLike,
                        slug -> games.insert(values.withSlug(slug), now));
        UUID id = key.id();

        h.attach(GameGenreDao.class).link(id, genreIds.values().toArray(UUID[]::new));
        insertExternalIds(h, id, request.externalIds(), now);
        if (request.editions().isEmpty()) {
            insertEdition(h, id, CreateEditionRequest.originalOf(request.name(), request.platforms()), key.slug(), "", now);
        } else {
            for (int i = 0; i < request.editions().size(); i++) {
                CreateEditionRequest edition = request.editions().get(i);
                insertEdition(h, id, edition, editionSlugBase(key.slug(), edition.name()), "editions[" + i + "].", now);
            }
        }
        return id;
    }

    /**
     * Applies a partial update. Genres: {@code primary_genre} is always one of the game's genres,
     * so setting it adds it, and replacing {@code genres} without naming a primary drops a
     * primary that is no longer listed. Clearing {@code parent_game} clears the relationship too.
     */
    Optional<Details> update(String slug, Patch patch) {
        return write(h -> {
            var games = h.attach(GameDao.class);
            Optional<UUID> locked = games.lockBySlug(slug);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Game game = games.findById(locked.get()).orElseThrow();
            GameValues current = game.values();
            UpdateGameRequest request = patch.values();
            var errors = new FieldErrors();

            UUID franchiseId = patch.has("franchise") ? franchiseId(h, request.franchise(), errors) : current.franchiseId();

            boolean genresChanged = patch.has("genres") || patch.has("primary_genre");
            Map<String, UUID> genreIds = Map.of();
            String primary = patch.has("primary_genre") ? request.primaryGenre() : game.primaryGenreSlug();
            if (genresChanged) {
                List<String> slugs = !patch.has("genres")
                        ? h.attach(GameGenreDao.class).forGames(new UUID[] {game.id()}).stream().map(GameGenre::slug).toList()
                        : request.genres() == null ? List.of() : request.genres();
                if (patch.has("genres") && !patch.has("primary_genre") && !slugs.contains(primary)) {
                    primary = null;
                }
                genreIds = genreIds(h, slugs, primary, errors);
            }

            UUID parentId = current.parentGameId();
            String relationship = patch.has("relationship_type") ? request.relationshipType() : current.relationshipType();
            if (patch.has("parent_game")) {
                Game parent = parentGame(h, request.parentGame(), errors);
                parentId = parent == null ? null : parent.id();
                if (request.parentGame() == null && !patch.has("relationship_type")) {
                    relationship = null;
                }
                if (parent != null && games.ancestryContains(parent.id(), game.id())) {
                    errors.add("parent_game", "would make the game its own ancestor");
                }
            }
            if (errors.isEmpty() && (parentId == null) != (relationship == null)) {
                errors.add(parentId == null ? "parent_game" : "relationship_type",
                        "parent_game and relationship_type are set together or not at all");
            }
            errors.throwIfUnprocessable();

            Instant now = now();
            var values = new GameValues(
                    patch.has("name") ? request.name() : current.name(),
                    patch.has("slug") ? request.slug() : current.slug(),
                    patch.has("sort_name") ? request.sortName() : current.sortName(),
                    franchiseId, parentId, relationship,
                    genresChanged ? (primary == null ? null : genreIds.get(primary)) : current.primaryGenreId(),
                    patch.has("original_release_year") ? request.originalReleaseYear() : current.originalReleaseYear(),
                    patch.has("summary") ? request.summary() : current.summary(),
                    patch.has("cover_url") ? request.coverUrl() : current.coverUrl(),
                    patch.has("platforms") ? (request.platforms() == null ? List.of() : request.platforms())
                            : current.platforms(),
                    patch.has("igdb_id") ? request.igdbId() : current.igdbId());
            games.update(game.id(), values, now);
            if (genresChanged) {
                var links = h.attach(GameGenreDao.class);
                links.unlinkAll(game.id());
                links.link(game.id(), genreIds.values().toArray(UUID[]::new));
            }
            if (patch.has("external_ids")) {
                h.attach(ExternalIdDao.class).deleteForGame(game.id());
                insertExternalIds(h, game.id(), request.externalIds() == null ? List.of() : request.externalIds(), now);
            }
            Details updated = details(h, game.id());
            events.append(h, EventTypes.GAME_UPDATED,
                    GameEvent.updated(updated.game(), patch.fields().stream().sorted().toList(), game.slug()));
            return Optional.of(updated);
        });
    }

    /**
     * Removes a game with its editions, genre links and external ids; its children lose their
     * parent. The game's row is locked first; then every other module removes what it keeps of
     * the game ({@link GameRemoval}). Events, last: {@code game_removed}, a {@code game_updated}
     * for each child that lost its parent, then the other modules' events.
     */
    boolean delete(String slug) {
        return write(h -> {
            var games = h.attach(GameDao.class);
            Optional<UUID> locked = games.lockBySlug(slug);
            if (locked.isEmpty()) {
                return false;
            }
            Game g = games.findById(locked.get()).orElseThrow();
            List<GameRemoval.Event> cascaded = new ArrayList<>();
            GameLookup.GameRef ref = new GameLookup.GameRef(g.id(), g.slug(), g.name());
            for (GameRemoval removal : removals.get()) {
                cascaded.addAll(removal.removeGame(h, ref));
            }
            List<UUID> children = games.detachChildren(g.id(), now());
            games.delete(g.id());
            events.append(h, EventTypes.GAME_REMOVED, GameEvent.of(g));
            for (UUID child : children.stream().sorted().toList()) {
                Game detached = games.findById(child).orElseThrow();
                events.append(h, EventTypes.GAME_UPDATED,
                        GameEvent.updated(detached, List.of("parent_game", "relationship_type"), detached.slug()));
            }
            for (GameRemoval.Event event : cascaded) {
                events.append(h, event.type(), event.payload());
            }
            return true;
        });
    }

    /**
     * Adds an edition to a game. Without a slug it gets one from its name, prefixed with the
     * game's slug unless the name already starts that way ("Ōkami HD" of okami → okami-hd,
     * "Switch" of okami → okami-switch), since edition slugs are unique across all games.
     */
    public Optional<Edition> addEdition(String gameSlug, CreateEditionRequest request) {
        return write(h -> h.attach(GameDao.class).lockBySlug(gameSlug).map(gameId -> {
            Edition edition = insertEdition(h, gameId, request, editionSlugBase(gameSlug, request.name()), "", now());
            Game game = h.attach(GameDao.class).findById(gameId).orElseThrow();
            events.append(h, EventTypes.GAME_UPDATED, GameEvent.updated(game, List.of("editions"), game.slug()));
            return edition;
        }));
    }

    static String editionSlugBase(String gameSlug, String editionName) {
        String own = Slugs.slugify(editionName, "edition");
        if (own.equals(gameSlug) || own.startsWith(gameSlug + "-")) {
            return own;
        }
        return Slugs.slugify(gameSlug + " " + own, "edition");
    }

    /** After a write, the writer (who holds a token) sees the private lists too. */
    private Details details(Handle h, UUID id) {
        return details(detailReads().byId(h, id, true).orElseThrow());
    }

    private static Details details(CatalogReads.Detail d) {
        return new Details(d.game(), d.genres(), d.editions(), d.externalIds(), d.sections());
    }

    /** The detail's statements, composed on first use: the sections are known once every module is built. */
    private CatalogReads.DetailReads detailReads() {
        CatalogReads.DetailReads reads = detailReads;
        if (reads == null) {
            reads = new CatalogReads.DetailReads(sections.get());
            detailReads = reads;
        }
        return reads;
    }

    private static Edition insertEdition(Handle h, UUID gameId, CreateEditionRequest e, String slugBase,
                                         String fieldPrefix, Instant now) {
        var editions = h.attach(EditionDao.class);
        String[] platforms = e.platforms().toArray(String[]::new);
        try {
            if (e.slug() != null) {
                return editions.insert(gameId, e.name(), e.slug(), e.editionType(), platforms, e.releaseDate(),
                                e.coverUrl(), e.summary(), e.igdbId(), e.twitchCategoryId(), now)
                        .orElseThrow(() -> new ConflictException(fieldPrefix + "slug", "another edition already has this slug"));
            }
            return SlugAllocator.insert(slugBase, editions::slugsLike, slug -> editions.insert(gameId, e.name(), slug,
                    e.editionType(), platforms, e.releaseDate(), e.coverUrl(), e.summary(), e.igdbId(),
                    e.twitchCategoryId(), now));
        } catch (RuntimeException failure) {
            throw ConflictException.translate(failure, fieldPrefix);
        }
    }

    private static void insertExternalIds(Handle h, UUID gameId, List<ExternalIdInput> ids, Instant now) {
        var dao = h.attach(ExternalIdDao.class);
        for (int i = 0; i < ids.size(); i++) {
            try {
                dao.insertForGame(gameId, ids.get(i).source(), ids.get(i).externalId(), now);
            } catch (RuntimeException failure) {
                throw ConflictException.translate(failure, "external_ids[" + i + "].");
            }
        }
    }

    private static UUID franchiseId(Handle h, String slug, FieldErrors errors) {
        if (slug == null) {
            return null;
        }
        Optional<Franchise> franchise = h.attach(FranchiseDao.class).findBySlug(slug);
        if (franchise.isEmpty()) {
            errors.add("franchise", "no franchise has the slug '" + slug + "'");
        }
        return franchise.map(Franchise::id).orElse(null);
    }

    /** Ids of the listed genres plus the primary one (added when missing), in that order. */
    private static Map<String, UUID> genreIds(Handle h, List<String> slugs, String primary, FieldErrors errors) {
        List<String> wanted = new ArrayList<>(slugs);
        if (primary != null && !wanted.contains(primary)) {
            wanted.add(primary);
        }
        Map<String, UUID> found = h.attach(GenreDao.class).findBySlugs(wanted.toArray(String[]::new)).stream()
                .collect(Collectors.toMap(Genre::slug, Genre::id));
        List<String> unknown = slugs.stream().filter(s -> !found.containsKey(s)).toList();
        if (!unknown.isEmpty()) {
            errors.add("genres", "no genre has the slug" + (unknown.size() == 1 ? " '" + unknown.getFirst() + "'" : "s " + unknown));
        }
        if (primary != null && !found.containsKey(primary)) {
            errors.add("primary_genre", "no genre has the slug '" + primary + "'");
        }
        Map<String, UUID> ids = new LinkedHashMap<>();
        wanted.stream().filter(found::containsKey).forEach(s -> ids.put(s, found.get(s)));
        return ids;
    }

    private static Game parentGame(Handle h, String slug, FieldErrors errors) {
        if (slug == null) {
            return null;
        }
        Optional<Game> parent = h.attach(GameDao.class).findBySlug(slug);
        if (parent.isEmpty()) {
            errors.add("parent_game", "no game has the slug '" + slug + "'");
        }
        return parent.orElse(null);
    }

    private <T> T write(HandleCallback<T, RuntimeException> work) {
        return ConflictException.inTransaction(jdbi, work);
    }

    /** PostgreSQL keeps microseconds; truncating first makes what we return equal what we stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
