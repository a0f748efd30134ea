package questlog.profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local upstream for rate-limit tests: answers every request with {@code answers} after holding
 * it for {@code hold} (so overlapping requests would show), and records when each arrived and how
 * many were open at once. A plugin's rate-limit test fires a burst of syncs at it, then checks the
 * arrivals against the upstream's advertised limit.
 */
public final class TimedUpstream implements AutoCloseable {
    /** One request: its path and when it arrived (nanoTime). */
    public record Arrival(String path, long nanos) {}

    private final MockWebServer server = new MockWebServer();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    private TimedUpstream() {}

    public static TimedUpstream start(Duration hold, Function<RecordedRequest, MockResponse> answers) {
        TimedUpstream upstream = new TimedUpstream();
        upstream.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                upstream.arrived(request.getUrl().encodedPath());
                try {
                    Thread.sleep(hold.toMillis());
                    return answers.apply(request);
                } finally {
                    upstream.open.decrementAndGet();
                }
            }
        });
        try {
            upstream.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return upstream;
    }

    private void arrived(String path) {
        int now = open.incrementAndGet();
        mostOpen.accumulateAndGet(now, Math::max);
        synchronized (arrivals) {
            arrivals.add(new Arrival(path, System.nanoTime()));
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/";
    }

    /** The arrivals whose path matches, in order. */
    public List<Arrival> arrivals(Predicate<String> path) {
        synchronized (arrivals) {
            return arrivals.stream().filter(a -> path.test(a.path())).toList();
        }
    }

    /** The most requests open at the same time. */
    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    /** The most arrivals among {@code of} within any span of {@code window} (both ends included). */
    public static int mostWithin(List<Arrival> of, Duration window) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < of.size(); to++) {
            while (of.get(to).nanos() - of.get(from).nanos() > window.toNanos()) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    @Override
    public void close() {
        server.close();
    }
}
