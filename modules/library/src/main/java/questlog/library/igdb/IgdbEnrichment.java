package questlog.library.igdb;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.JobContext;
import questlog.common.JobHandler;
import questlog.library.catalog.Game;
import questlog.library.catalog.GameDao;
import questlog.library.catalog.GameEvent;

/**
 * The {@value #TYPE} job: fills IGDB metadata for every game without an IGDB id, matching by
 * Steam appid first (external_games) and by name second (exact names, then IGDB's search), in
 * chunks of {@value #CHUNK} games by id. Each chunk's IGDB lookups are a few batched requests
 * (one multiquery of appids, one of games, names only for what appids did not settle); its writes
 * commit together with the checkpoint that moves past it, so a job stopped anywhere resumes after
 * the last committed chunk and ends with the same rows as a run that never stopped. Ambiguous
 * matches are reported in the result, never guessed; a re-run finds only those games and changes
 * nothing (with IGDB's answers cached, it asks IGDB only the exact-name lookup of those names).
 */
public final class IgdbEnrichment implements JobHandler {
    public static final String TYPE = "igdb_enrich";
    /**
     * 1,000 games: their appids fit one multiquery (4 × 250) and their games another (2 × 500), so
     * a chunk costs about two requests (10,000 games: 20), and writing it (set-based, about 0.3 s)
     * takes less than the rate-limited requests of the chunks looked up meanwhile: the run is
     * bound by IGDB's rate, not by the database.
     */
    static final int CHUNK = 1000;
    /** Chunks whose IGDB lookups may run ahead of the writes (each is about two requests). */
    static final int LOOKAHEAD = 2;
    /** Reports kept in the result; counts are always complete. */
    static final int MAX_REPORTS = 500;
    private static final int SEARCH_RESULTS = 10;

    private final Jdbi jdbi;
    private final IgdbClient igdb;
    private final IgdbMetadata metadata;
    private final EventLog events;
    private final Clock clock;

    /** The job's parameters: a dry run matches and reports but writes nothing to the library. Absent: false. */
    public record Params(Boolean dryRun) {
        boolean dry() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /**
     * Where a run stands; also the job's result once it ends. In a dry run {@code matched} counts
     * the games that would be filled.
     */
    record Progress(UUID after, long examined, long total, long matched, long ambiguous, long notFound,
                    long conflicts, List<Report> reports, boolean dryRun) {
        static Progress start(long total, boolean dryRun) {
            return new Progress(null, 0, total, 0, 0, 0, 0, List.of(), dryRun);
        }
    }

    /** A game left without IGDB metadata, and why. {@code outcome}: ambiguous, not_found or conflict. */
    record Report(String game, String name, String outcome, String detail, List<Candidate> candidates) {}

    record Candidate(long igdbId, String name, Integer year, String gameType) {
        static Candidate of(IgdbGame g) {
            return new Candidate(g.id(), g.name(), g.releaseYear(), g.gameType());
        }
    }

    private record Pending(UUID id, String slug, String name, Integer year, List<String> appids) {}

    public IgdbEnrichment(Jdbi jdbi, IgdbClient igdb, IgdbMetadata metadata, EventLog events, Clock clock) {
        this.jdbi = jdbi;
        this.igdb = igdb;
        this.metadata = metadata;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Chunk after chunk. The IGDB lookups run up to {@value #LOOKAHEAD} chunks ahead of the writes,
     * on other threads, so IGDB's rate limiter always has the next request waiting and the database
     * work hides in the waits it imposes anyway. Chunks follow one another by id, so the next one can
     * be read before the one before it is written.
     */
    @Override
    public Object run(JobContext context) throws Exception {
        boolean dryRun = context.params(Params.class).dry();
        Progress progress = context.checkpoint(Progress.class).orElseGet(() -> Progress.start(
                jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM game WHERE igdb_id IS NULL")
                        .mapTo(Long.class).one()), dryRun));
        context.progress(progress.examined(), progress.total());
        Deque<Lookup> ahead = new ArrayDeque<>();
        try (ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                List<Pending> unread = load(progress.after());
                while (true) {
                    while (!unread.isEmpty() && ahead.size() < LOOKAHEAD) {
                        List<Pending> chunk = unread;
                        ahead.addLast(new Lookup(chunk, lookups.submit(() -> match(chunk))));
                        unread = load(chunk.getLast().id());
                    }
                    Lookup next = ahead.pollFirst();
                    if (next == null) {
                        return progress;
                    }
                    context.checkStop();
                    progress = write(next.chunk(), await(next.matches()), progress, context);
                }
            } finally {
                // Stopped, cancelled or failed: the lookups running ahead are not needed any more.
                ahead.forEach(lookup -> lookup.matches().cancel(true));
            }
        }
    }

    /** A chunk and its IGDB lookups, under way. */
    private record Lookup(List<Pending> chunk, Future<Map<UUID, IgdbMatcher.Match>> matches) {}

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** One chunk's writes and the checkpoint past it, in one transaction. */
    private Progress write(List<Pending> chunk, Map<UUID, IgdbMatcher.Match> matches, Progress progress,
                           JobContext context) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            long matched = progress.matched();
            long ambiguous = progress.ambiguous();
            long notFound = progress.notFound();
            long conflicts = progress.conflicts();
            List<Report> reports = new ArrayList<>(progress.reports());
            Map<Long, String> holders = holders(h, matches);
            Map<UUID, IgdbGame> accepted = new LinkedHashMap<>();
            Set<UUID> unlinked = unlinked(h, chunk);
            for (Pending game : chunk) {
                IgdbMatcher.Match match = matches.get(game.id());
                Report report = null;
                if (match instanceof IgdbMatcher.Found found) {
                    String holder = holders.get(found.game().id());
                    if (holder != null) {
                        conflicts++;
                        report = new Report(game.slug(), game.name(), "conflict",
                                "IGDB game " + found.game().id() + " is already linked to " + holder,
                                List.of(Candidate.of(found.game())));
                    } else if (unlinked.contains(game.id())) {
                        accepted.put(game.id(), found.game());
                        holders.put(found.game().id(), game.slug());
                        matched++;
                    }
                } else if (match instanceof IgdbMatcher.Ambiguous many) {
                    ambiguous++;
                    report = new Report(game.slug(), game.name(), "ambiguous",
                            "matches several IGDB games: " + many.describe(),
                            many.candidates().stream().map(Candidate::of).toList());
                } else {
                    notFound++;
                    report = new Report(game.slug(), game.name(), "not_found",
                            game.appids().isEmpty() ? "no IGDB game has this name"
                                    : "IGDB knows neither its Steam appid nor its name", List.of());
                }
                if (report != null && reports.size() < MAX_REPORTS) {
                    reports.add(report);
                }
            }
            Map<UUID, List<String>> changed = progress.dryRun() ? Map.of()
                    : metadata.applyAll(h, accepted, IgdbMetadata.Mode.FILL, now);
            List<GameEvent> updated = new ArrayList<>();
            if (!changed.isEmpty()) {
                for (Game after : h.attach(GameDao.class).findByIds(changed.keySet().toArray(UUID[]::new))) {
                    updated.add(GameEvent.updated(after, changed.get(after.id()), after.slug()));
                }
                updated.sort(Comparator.comparing(GameEvent::game));
            }
            events.appendAll(h, EventTypes.GAME_UPDATED, updated);
            Progress next = new Progress(chunk.getLast().id(), progress.examined() + chunk.size(),
                    progress.total(), matched, ambiguous, notFound, conflicts, List.copyOf(reports), progress.dryRun());
            context.saveCheckpoint(h, next, next.examined(), Math.max(next.total(), next.examined()));
            return next;
        });
    }

    /** IGDB lookups for one chunk, no transaction open: appids first, then names for the rest. */
    private Map<UUID, IgdbMatcher.Match> match(List<Pending> chunk) {
        Map<UUID, IgdbMatcher.Match> matches = new LinkedHashMap<>();
        List<String> appids = chunk.stream().flatMap(g -> g.appids().stream()).distinct().toList();
        Map<String, List<Long>> idsByAppid = appids.isEmpty() ? Map.of() : igdb.gameIdsBySteamAppId(appids);
        Set<Long> candidateIds = new HashSet<>();
        idsByAppid.values().forEach(candidateIds::addAll);
        Map<Long, IgdbGame> byId = new HashMap<>();
        if (!candidateIds.isEmpty()) {
            igdb.games(candidateIds, false).forEach(g -> byId.put(g.id(), g));
        }
        List<Pending> byName = new ArrayList<>();
        for (Pending game : chunk) {
            List<IgdbGame> candidates = game.appids().stream()
                    .flatMap(appid -> idsByAppid.getOrDefault(appid, List.of()).stream())
                    .distinct().map(byId::get).filter(g -> g != null).toList();
            IgdbMatcher.Match match = IgdbMatcher.byAppid(game.name(), game.year(), candidates);
            if (match instanceof IgdbMatcher.None) {
                byName.add(game);
            } else {
                matches.put(game.id(), match);
            }
        }
        if (byName.isEmpty()) {
            return matches;
        }
        Map<String, List<IgdbGame>> exact = igdb.gamesByExactName(byName.stream().map(Pending::name).toList());
        List<Pending> toSearch = new ArrayList<>();
        for (Pending game : byName) {
            IgdbMatcher.Match match = IgdbMatcher.byName(game.name(), game.year(), exact.getOrDefault(game.name(), List.of()));
            if (match instanceof IgdbMatcher.None) {
                toSearch.add(game);
            } else {
                matches.put(game.id(), match);
            }
        }
        if (!toSearch.isEmpty()) {
            Map<String, List<IgdbGame>> searched = igdb.searchEach(toSearch.stream().map(Pending::name).toList(),
                    SEARCH_RESULTS);
            for (Pending game : toSearch) {
                matches.put(game.id(), IgdbMatcher.byName(game.name(), game.year(),
                        searched.getOrDefault(game.name(), List.of())));
            }
        }
        return matches;
    }

    /** The next chunk of games without an IGDB id, by id, with their Steam appids (the game's or its editions'). */
    private List<Pending> load(UUID after) {
        return jdbi.withHandle(h -> {
            record Row(UUID id, String slug, String name, Integer year) {}
            List<Row> rows = h.createQuery("""
                            SELECT id, slug, name, original_release_year FROM game
                            WHERE igdb_id IS NULL AND (CAST(:after AS uuid) IS NULL OR id > :after)
                            ORDER BY id LIMIT :limit""")
                    .bind("after", after)
                    .bind("limit", CHUNK)
                    .map((rs, ctx) -> new Row(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                            (Integer) rs.getObject("original_release_year")))
                    .list();
            Map<UUID, List<String>> appids = new HashMap<>();
            if (!rows.isEmpty()) {
                h.createQuery("""
                                SELECT x.game_id, x.external_id FROM external_id x
                                WHERE x.source = 'steam' AND x.game_id = ANY(:ids)
                                UNION
                                SELECT e.game_id, x.external_id FROM external_id x JOIN edition e ON e.id = x.edition_id
                                WHERE x.source = 'steam' AND e.game_id = ANY(:ids)
                                ORDER BY 1, 2""")
                        .bind("ids", rows.stream().map(Row::id).toArray(UUID[]::new))
                        .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                        .forEach(e -> appids.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            }
            return rows.stream()
                    .map(r -> new Pending(r.id(), r.slug(), r.name(), r.year(), appids.getOrDefault(r.id(), List.of())))
                    .toList();
        });
    }

    /** Which library game already holds each matched IGDB id (igdb_id is unique). */
    private static Map<Long, String> holders(Handle h, Map<UUID, IgdbMatcher.Match> matches) {
        return h.attach(GameDao.class).slugsByIgdbId(matches.values().stream()
                .filter(IgdbMatcher.Found.class::isInstance)
                .map(m -> ((IgdbMatcher.Found) m).game().id()).distinct().toList());
    }

    /** Locks the chunk's games and keeps those that nothing linked since the chunk was read. */
    private static Set<UUID> unlinked(Handle h, List<Pending> chunk) {
        return new HashSet<>(h.createQuery("SELECT id FROM game WHERE id = ANY(:ids) AND igdb_id IS NULL FOR UPDATE")
                .bind("ids", chunk.stream().map(Pending::id).toArray(UUID[]::new))
                .mapTo(UUID.class).list());
    }
}
