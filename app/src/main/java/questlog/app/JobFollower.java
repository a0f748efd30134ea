package questlog.app;

import java.time.Duration;
import java.util.UUID;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import questlog.jobs.JobsModule;
import questlog.jobs.JobView;

/**
 * How a command that works on a job in this process shows it: polls the job until it ends, with a
 * progress bar on a terminal and a line every few seconds otherwise (a log or a pipe).
 */
final class JobFollower {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private JobFollower() {}

    /**
     * @param task  the bar's name ("Syncing")
     * @param units what the job counts, for the plain lines ("games synced")
     */
    static JobView follow(JobsModule jobs, UUID job, boolean terminal, String task, String units)
            throws InterruptedException {
        ProgressBar bar = terminal ? new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(-1).setUnit(" games", 1).continuousUpdate().build() : null;
        long lastLine = 0;
        try {
            while (true) {
                JobView view = jobs.job(job).orElseThrow();
                if (bar != null) {
                    if (view.total() >= 0) {
                        bar.maxHint(view.total());
                    }
                    bar.stepTo(view.done());
                } else if (System.nanoTime() - lastLine > PLAIN_EVERY.toNanos() || view.isFinished()) {
                    System.out.println(view.state() + ": " + view.done()
                            + (view.total() >= 0 ? " of " + view.total() : "") + " " + units);
                    lastLine = System.nanoTime();
                }
                if (view.isFinished()) {
                    return view;
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
