package questlog.profiles.steam.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import questlog.common.JobContext;
import questlog.common.JobHandler;
import questlog.common.SourcedPlaytime;
import questlog.common.StoreGames;
import questlog.profiles.steam.OwnedGame;
import questlog.profiles.steam.SteamClient;

/**
 * The {@value #TYPE} job: one account's owned games become library games with a {@code steam}
 * external id (through {@link StoreGames}), and their Steam playtime a Steam-sourced playthrough
 * each (through {@link SourcedPlaytime}). Games go by appid order: IGDB lookups for
 * {@value #LOOKUP} at a time (two requests), writes in steps of about 5 % of the library, each
 * step one transaction with the checkpoint past its last appid. So a killed run resumes after the
 * last committed step and ends as an uninterrupted one, a cancel stops between steps, and every
 * step reports progress. A dry run does every step and rolls it back.
 */
final class SteamLibrarySync implements JobHandler {
    static final String TYPE = "steam_library_sync";
    static final String SOURCE = "steam";
    static final String PLATFORM = "PC";
    /** Appids looked up on IGDB together: one external_games and one games request. */
    static final int LOOKUP = 2000;
    /** Steps of about 5 %, between these sizes. */
    static final int MIN_STEP = 25, MAX_STEP = 250;

    private final Jdbi jdbi;
    private final Optional<SteamClient> steam;
    private final StoreGames storeGames;
    private final SourcedPlaytime playtime;

    record Params(String steamId, Boolean dryRun) {
        boolean dry() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /** Where a run stands; also the job's result. Counts are of store games (one per appid). */
    record Progress(String steamId, long afterAppId, long examined, long total, long gamesCreated, long gamesLinked,
                    long gamesKnown, long playthroughsCreated, long playthroughsUpdated, long unchanged,
                    boolean dryRun) {
        static Progress start(String steamId, long total, boolean dryRun) {
            return new Progress(steamId, -1, 0, total, 0, 0, 0, 0, 0, 0, dryRun);
        }
    }

    SteamLibrarySync(Jdbi jdbi, Optional<SteamClient> steam, StoreGames storeGames, SourcedPlaytime playtime) {
        this.jdbi = jdbi;
        this.steam = steam;
        this.storeGames = storeGames;
        this.playtime = playtime;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object run(JobContext context) {
        Params params = context.params(Params.class);
        SteamClient client = steam.orElseThrow(() -> new IllegalStateException(SteamLibrary.NOT_CONFIGURED));
        // Checked again here: the profile may have turned private since the sync was queued.
        new SteamAccounts(client).resolveVisible(params.steamId());
        List<OwnedGame> owned = new ArrayList<>(client.ownedGames(params.steamId()).games());
        owned.sort((a, b) -> Long.compare(a.appId(), b.appId()));
        Progress progress = context.checkpoint(Progress.class)
                .orElseGet(() -> Progress.start(params.steamId(), owned.size(), params.dry()));
        long after = progress.afterAppId();
        List<OwnedGame> left = owned.stream().filter(g -> g.appId() > after).toList();
        long total = progress.examined() + left.size();
        context.progress(progress.examined(), total);
        int step = Math.clamp(owned.size() / 20, MIN_STEP, MAX_STEP);
        for (int from = 0; from < left.size(); from += LOOKUP) {
            List<OwnedGame> group = left.subList(from, Math.min(left.size(), from + LOOKUP));
            context.checkStop();
            StoreGames.Batch batch = storeGames.prepare(SOURCE, group.stream().map(SteamLibrarySync::storeGame).toList());
            for (int i = 0; i < group.size(); i += step) {
                context.checkStop();
                List<OwnedGame> games = group.subList(i, Math.min(group.size(), i + step));
                Progress before = progress;
                long stepTotal = total;
                if (progress.dryRun()) {
                    progress = jdbi.withHandle(h -> {
                        h.begin();
                        try {
                            return write(h, batch, games, before, stepTotal);
                        } finally {
                            h.rollback();
                        }
                    });
                    context.progress(progress.examined(), total);
                } else {
                    progress = jdbi.inTransaction(h -> {
                        Progress next = write(h, batch, games, before, stepTotal);
                        context.saveCheckpoint(h, next, next.examined(), stepTotal);
                        return next;
                    });
                }
            }
        }
        return progress;
    }

    /** One step: games first, then playthroughs, then both modules' events, in {@code h}'s transaction. */
    private Progress write(Handle h, StoreGames.Batch batch, List<OwnedGame> games, Progress p, long total) {
        StoreGames.Written written = batch.findOrCreate(h, games.stream().map(SteamLibrarySync::storeGame).toList());
        List<SourcedPlaytime.Play> plays = new ArrayList<>();
        for (OwnedGame g : games) {
            StoreGames.Found found = written.found().get(String.valueOf(g.appId()));
            plays.add(new SourcedPlaytime.Play(found.game().id(), p.steamId() + ":" + g.appId(), g.playtimeForever(),
                    g.playtime2Weeks() > 0));
        }
        SourcedPlaytime.Recorded recorded = playtime.record(h, SOURCE, PLATFORM, plays);
        written.events().append(h);
        recorded.events().append(h);
        Map<StoreGames.How, Long> how = new LinkedHashMap<>();
        written.found().values().forEach(f -> how.merge(f.how(), 1L, Long::sum));
        Map<SourcedPlaytime.Outcome, Long> outcomes = new LinkedHashMap<>();
        recorded.outcomes().values().forEach(o -> outcomes.merge(o, 1L, Long::sum));
        return new Progress(p.steamId(), games.getLast().appId(), p.examined() + games.size(), total,
                p.gamesCreated() + how.getOrDefault(StoreGames.How.CREATED, 0L),
                p.gamesLinked() + how.getOrDefault(StoreGames.How.IGDB_ID, 0L) + how.getOrDefault(StoreGames.How.NAME, 0L),
                p.gamesKnown() + how.getOrDefault(StoreGames.How.EXTERNAL_ID, 0L),
                p.playthroughsCreated() + outcomes.getOrDefault(SourcedPlaytime.Outcome.CREATED, 0L),
                p.playthroughsUpdated() + outcomes.getOrDefault(SourcedPlaytime.Outcome.UPDATED, 0L),
                p.unchanged() + outcomes.getOrDefault(SourcedPlaytime.Outcome.UNCHANGED, 0L), p.dryRun());
    }

    private static StoreGames.StoreGame storeGame(OwnedGame g) {
        return new StoreGames.StoreGame(String.valueOf(g.appId()), g.name());
    }
}
