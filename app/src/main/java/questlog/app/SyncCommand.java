package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import questlog.jobs.JobView;
import questlog.profiles.steam.SteamException;
import questlog.profiles.steam.sync.SteamLibrary;
import questlog.profiles.steam.sync.SteamSyncAccepted;

/** {@code questlog sync}: brings a store's library into the journal. One store so far: Steam. */
@Command(name = "sync", description = "Bring a store's library into the journal.",
        subcommands = {SyncCommand.Steam.class})
final class SyncCommand implements Callable<Integer> {
    @ParentCommand Main main;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /**
     * {@code questlog sync steam STEAMID|VANITY}: checks the account with Steam, queues its sync
     * (or follows the one already queued or running, here or on a server) and runs a job worker in
     * this process until the job ends, with a progress bar. Stopping the command (Ctrl-C, or the
     * process killed) leaves the job queued with its checkpoint; the next {@code sync steam} of the
     * same account, or any server, resumes it.
     */
    @Command(name = "steam", description = {
            "Sync a Steam library: every owned game becomes a library game with its Steam appid (matched on IGDB",
            "when configured, never duplicated), its Steam playtime a Steam-sourced playthrough; never played is",
            "the backlog. A re-run changes only what changed. Needs STEAM_API_KEY."})
    static final class Steam implements Callable<Integer> {

        @ParentCommand SyncCommand sync;
        @Parameters(paramLabel = "STEAMID|VANITY",
                description = "A SteamID64 (17 digits) or the custom URL name of a profile (steamcommunity.com/id/NAME)")
        String account;
        @Option(names = "--dry-run", description = "Do everything, keep nothing: report what would change.") boolean dryRun;
        @Option(names = "--detach", description = "Queue the job and exit; a running server does the work.") boolean detach;

        @Override
        public Integer call() throws InterruptedException {
            AppConfig config = sync.main.config();
            if (config.steam().isEmpty()) {
                throw new Main.UserError(SteamLibrary.notConfiguredMessage());
            }
            String handle = account.strip();
            AppDeps deps = AppDeps.forCommand(config, true);
            Thread closer = new Thread(deps::close, "questlog-sync-shutdown");
            Runtime.getRuntime().addShutdownHook(closer);
            try {
                SteamSyncAccepted job;
                try {
                    job = deps.steamLibrary.submit(handle, dryRun);
                } catch (SteamException e) {
                    throw new Main.UserError(e.getMessage());
                }
                PrintStream out = System.out;
                out.println((job.existing() ? "Following the sync already under way: job " : "Queued the sync of ")
                        + (job.existing() ? job.id() : job.personaName() + " (" + job.steamId() + "): job " + job.id())
                        + (dryRun ? " (dry run: nothing will be kept)" : ""));
                if (detach) {
                    return 0;
                }
                JobView done = JobFollower.follow(deps.jobs, java.util.UUID.fromString(job.id()), System.console() != null,
                        "Syncing", "games synced");
                report(done, out);
                return "succeeded".equals(done.state()) ? 0 : 1;
            } finally {
                if (Runtime.getRuntime().removeShutdownHook(closer)) {
                    deps.close();
                }
            }
        }

        private static void report(JobView job, PrintStream out) {
            if (!"succeeded".equals(job.state())) {
                out.println("Steam sync " + job.state() + (job.error() == null ? "" : ": " + job.error()));
                return;
            }
            JsonNode r = job.result();
            String verb = r.path("dry_run").asBoolean() ? "would be " : "";
            out.printf("%d Steam games: %d games %screated, %d %slinked to existing games, %d already linked;"
                            + " %d playthroughs %screated, %d %supdated, %d unchanged%n",
                    r.path("examined").asLong(), r.path("games_created").asLong(), verb,
                    r.path("games_linked").asLong(), verb, r.path("games_known").asLong(),
                    r.path("playthroughs_created").asLong(), verb, r.path("playthroughs_updated").asLong(), verb,
                    r.path("unchanged").asLong());
        }
    }
}
