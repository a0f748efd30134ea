package questlog.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;
import questlog.common.JobContext;
import questlog.common.JobHandler;

/**
 * A resumable test job of {@code count} steps: each step is recorded (as "instance:step", in
 * {@link #executed}, shared between instances) and committed with the checkpoint that follows
 * it, and {@code checkStop()} is called before each. One instance's handler may be told to hang
 * before a given step, like a process that stops answering.
 */
final class StepHandler implements JobHandler {
    static final String TYPE = "steps";

    record Steps(int count, int stepMillis) {}

    record Cursor(int next) {}

    record Summary(int steps) {}

    private final String instance;
    private final Jdbi jdbi;
    private final List<String> executed;
    private final int hangBefore;
    final CountDownLatch hanging = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    StepHandler(String instance, Jdbi jdbi, List<String> executed) {
        this(instance, jdbi, executed, -1);
    }

    StepHandler(String instance, Jdbi jdbi, List<String> executed, int hangBefore) {
        this.instance = instance;
        this.jdbi = jdbi;
        this.executed = executed;
        this.hangBefore = hangBefore;
    }

    static List<String> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object run(JobContext context) throws Exception {
        Steps steps = context.params(Steps.class);
        int first = context.checkpoint(Cursor.class).map(Cursor::next).orElse(0);
        for (int i = first; i < steps.count(); i++) {
            context.checkStop();
            if (i == hangBefore) {
                hanging.countDown();
                release.await();
                throw new IllegalStateException("released after the test is over");
            }
            executed.add(instance + ":" + i);
            Thread.sleep(steps.stepMillis());
            int next = i + 1;
            jdbi.useTransaction(h -> context.saveCheckpoint(h, new Cursor(next), next, steps.count()));
        }
        return new Summary(steps.count());
    }

    /** The step numbers executed, in order, without the instance names. */
    static List<Integer> stepNumbers(List<String> executed) {
        return executed.stream().map(s -> Integer.parseInt(s.substring(s.indexOf(':') + 1))).toList();
    }
}
