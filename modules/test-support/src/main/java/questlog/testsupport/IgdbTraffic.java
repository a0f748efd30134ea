package questlog.testsupport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * What {@link FakeIgdb} saw of the IGDB traffic (arrivals, requests in flight, finished requests)
 * and IGDB's rate limit: at most 4 requests per second and 8 open at once. The limiter counts
 * only admitted requests against the per-second budget, as a token bucket would, so a client that
 * backs off gets through again; every request counts while it is open.
 */
final class IgdbTraffic {
    static final int PER_SECOND = 4;
    static final int MAX_IN_FLIGHT = 8;
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final List<Long> arrivals = new ArrayList<>();
    private final List<FakeIgdb.Recorded> finished = new ArrayList<>();
    private final Deque<Long> admittedLastSecond = new ArrayDeque<>();
    private int inFlight;
    private int maxInFlight;
    private int violations;

    /**
     * Notes an arrival and opens it; answers whether the rate limit lets it through. With
     * {@code enforce} false every request is admitted and nothing counts as a violation.
     */
    synchronized boolean arrive(long now, boolean enforce) {
        arrivals.add(now);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        while (!admittedLastSecond.isEmpty() && now - admittedLastSecond.peekFirst() >= SECOND) {
            admittedLastSecond.pollFirst();
        }
        if (enforce && (inFlight > MAX_IN_FLIGHT || admittedLastSecond.size() >= PER_SECOND)) {
            violations++;
            return false;
        }
        admittedLastSecond.addLast(now);
        return true;
    }

    synchronized void finish(FakeIgdb.Recorded request) {
        inFlight--;
        finished.add(request);
        notifyAll();
    }

    /** Waits until every open request was answered, at most {@code max}; answers whether none is open. */
    synchronized boolean awaitNoneInFlight(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized List<FakeIgdb.Recorded> requests() {
        List<FakeIgdb.Recorded> sorted = new ArrayList<>(finished);
        sorted.sort(Comparator.comparingLong(FakeIgdb.Recorded::arrivedNanos));
        return List.copyOf(sorted);
    }

    synchronized int arrivals() {
        return arrivals.size();
    }

    synchronized int maxInFlight() {
        return maxInFlight;
    }

    synchronized int violations() {
        return violations;
    }

    /** The most arrivals within any span shorter than {@code window} (a sliding window). */
    synchronized int maxInAnyWindow(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        long span = window.toNanos();
        List<Long> times = new ArrayList<>(arrivals);
        times.sort(null);
        int best = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= span) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    /** Forgets what was recorded; requests still open stay open, and the limiter keeps its budget. */
    synchronized void reset() {
        arrivals.clear();
        finished.clear();
        maxInFlight = inFlight;
        violations = 0;
    }
}
