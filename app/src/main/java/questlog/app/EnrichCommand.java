package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import questlog.common.Jobs;
import questlog.jobs.JobView;
import questlog.library.LibraryModule;

/**
 * {@code questlog enrich}: queues the enrichment job (or follows the one already queued or
 * running, here or on a server) and runs a job worker in this process until the job ends,
 * showing its progress. Stopping the command (Ctrl-C, or the process killed) leaves the job
 * queued with its checkpoint; the next {@code enrich}, or any server, resumes it.
 */
@Command(name = "enrich", description = {
        "Fill IGDB metadata for every game that lacks it: Steam appids first, names second, in batches.",
        "Ambiguous matches are listed, never guessed; a re-run only retries what is left.",
        "Needs IGDB_CLIENT_ID and IGDB_CLIENT_SECRET."})
final class EnrichCommand implements Callable<Integer> {

    @ParentCommand Main main;
    @Option(names = "--detach", description = "Queue the job and exit; a running server does the work.") boolean detach;
    @Option(names = "--dry-run", description = "Match and report, but change no game.") boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = main.config();
        if (config.igdb().isEmpty()) {
            throw new Main.UserError("IGDB is not configured: set IGDB_CLIENT_ID and IGDB_CLIENT_SECRET");
        }
        AppDeps deps = AppDeps.forCommand(config, true);
        Thread closer = new Thread(deps::close, "questlog-enrich-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        try {
            // A dry run is other work than a real one: it gets its own job, never the real one's.
            Jobs.JobRef job = deps.jobs.jobs().submitOnce(LibraryModule.ENRICH_JOB, dryRun ? "dry-run" : "all",
                    LibraryModule.enrichParams(dryRun));
            PrintStream out = System.out;
            out.println((job.existing() ? "Following the enrichment already under way: job " : "Queued enrichment: job ")
                    + job.id() + (dryRun ? " (dry run: nothing will be written)" : ""));
            if (detach) {
                return 0;
            }
            JobView done = JobFollower.follow(deps.jobs, job.id(), System.console() != null, "Enriching",
                    "games examined");
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
            out.println("Enrichment " + job.state() + (job.error() == null ? "" : ": " + job.error()));
            return;
        }
        JsonNode result = job.result();
        out.printf("Examined %d games: %d %s, %d ambiguous, %d not found, %d conflicts%n",
                result.path("examined").asLong(), result.path("matched").asLong(),
                result.path("dry_run").asBoolean() ? "would be filled" : "matched", result.path("ambiguous").asLong(),
                result.path("not_found").asLong(), result.path("conflicts").asLong());
        for (JsonNode report : result.path("reports")) {
            out.println("  " + report.path("outcome").asText() + "  " + report.path("game").asText() + "  "
                    + report.path("detail").asText());
        }
    }
}
