package questlog.profiles.steam.sync;

import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.ApiResponse;
import questlog.common.JobHandler;
import questlog.common.Jobs;
import questlog.common.SourcedPlaytime;
import questlog.common.StoreGames;
import questlog.profiles.steam.SteamClient;
import questlog.profiles.steam.SteamPlayer;

/**
 * The Steam library sync: {@code POST /api/sync/steam}, {@code questlog sync steam} and the
 * {@value SteamLibrarySync#TYPE} job they queue. The library's games come through
 * {@link StoreGames}, the journal's playthroughs through {@link SourcedPlaytime}; both are passed
 * in by app, since modules never reach into each other.
 */
public final class SteamLibrary {
    public static final String JOB_TYPE = SteamLibrarySync.TYPE;
    static final String NOT_CONFIGURED = "Steam is not configured: set STEAM_API_KEY (a Steam Web API key from "
            + "steamcommunity.com/dev/apikey) and restart Questlog";

    private final Optional<SteamClient> steam;
    private final Jobs jobs;
    private final SteamLibrarySync job;
    private final SteamSyncController controller;

    /** {@code jobs} may be null where no job is queued (a module built for tests). */
    public SteamLibrary(Jdbi jdbi, ObjectMapper json, Optional<SteamClient> steam, StoreGames storeGames,
                        SourcedPlaytime playtime, Jobs jobs) {
        this.steam = steam;
        this.jobs = jobs;
        this.job = new SteamLibrarySync(jdbi, steam, storeGames, playtime);
        this.controller = new SteamSyncController(this, json);
    }

    /** {@code /sync/steam}, relative to {@code /api}. */
    public EndpointGroup routes() {
        return () -> post("sync/steam", controller::create, Access.WRITE);
    }

    public List<ApiOperation> operations() {
        return ApiOperation.tagged("Steam", List.of(
                ApiOperation.post("/api/sync/steam", "Sync a Steam library into the journal (a background job)",
                                ApiResponse.accepted(SteamSyncAccepted.class))
                        .withDescription("Checks the account with Steam first: a custom URL name that does not"
                                + " resolve or an unknown SteamID64 is a 404, a private profile (or private game"
                                + " details) a 403, and nothing is queued or written. Then queues a `"
                                + JOB_TYPE + "` job and answers 202 with its id and a Location header (GET"
                                + " /api/jobs/{id}); while a sync of the same account is queued or running, that"
                                + " job is returned (`existing: true`). The job makes every owned game a library"
                                + " game with a `steam` external id (an existing game holding the appid, else the"
                                + " one holding the IGDB id the appid maps to, else one of exactly that name, else"
                                + " a new one with IGDB's metadata when IGDB is configured: never a duplicate), and"
                                + " records Steam's playtime on one Steam-sourced playthrough per game"
                                + " (`source: steam`, `source_ref: <steamid>:<appid>`, platform PC): never played"
                                + " is `planned` (the backlog), played in the last two weeks `playing`, else"
                                + " `paused`. A re-run changes only what changed (playtime; a `planned` one that"
                                + " has been played since); manual playthroughs, ratings, notes and a status set by"
                                + " hand are never touched. Progress comes as `questlog:sync_progress` events"
                                + " about every 5 %, the end as `questlog:sync_complete` with the counts."
                                + " `dry_run: true` runs it all and keeps nothing. 429 with Retry-After when Steam"
                                + " throttles, 503 when Steam is down or STEAM_API_KEY is not set, 502 when Steam"
                                + " refuses the key or answers something unusable.")
                        .withBody(SteamSyncRequest.class)
                        .withProblems(403, 404, 413, 422, 429, 502, 503)));
    }

    public List<JobHandler> jobHandlers() {
        return List.of(job);
    }

    /**
     * Checks the account ({@code handle}: a SteamID64 or a custom URL name) with Steam and queues
     * its sync, or returns the one already queued or running for it.
     *
     * @throws questlog.profiles.steam.SteamException when the account is unknown, private, or
     *         Steam cannot answer; nothing is queued then
     */
    public SteamSyncAccepted submit(String handle, boolean dryRun) {
        SteamClient client = steam.orElseThrow(() -> new ServiceUnavailableResponse(NOT_CONFIGURED));
        if (jobs == null) {
            throw new ServiceUnavailableResponse("background jobs are not running in this process");
        }
        SteamPlayer player = new SteamAccounts(client).resolveVisible(handle);
        // A dry run is other work than a real one: it gets its own job, never the real one's.
        Jobs.JobRef ref = jobs.submitOnce(JOB_TYPE, (dryRun ? "dry-run:" : "") + player.steamId(),
                new SteamLibrarySync.Params(player.steamId(), dryRun));
        return new SteamSyncAccepted(ref.id().toString(), ref.type(), ref.url(), ref.existing(), player.steamId(),
                player.personaName(), dryRun);
    }

    /** Whether a Steam key is configured. */
    public boolean configured() {
        return steam.isPresent();
    }

    /** The message for a missing Steam key, naming the variable. */
    public static String notConfiguredMessage() {
        return NOT_CONFIGURED;
    }
}
