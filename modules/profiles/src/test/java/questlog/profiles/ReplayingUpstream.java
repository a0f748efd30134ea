package questlog.profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local HTTP server that replays recorded-shape answers of a plugin's upstream, by path: each
 * path has a queue of answers and a standing answer once the queue is empty; an unknown path gets
 * a 404 page. Every request is recorded (path and query), so a test can say what a plugin asked.
 * Plugins' tests point their real client's base URL at {@link #baseUrl()}.
 */
public final class ReplayingUpstream implements AutoCloseable {
    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    static {
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    }

    /** One answer: status, content type, body and extra headers. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        public static Answer json(String body) {
            return new Answer(200, "application/json; charset=utf-8", body, Map.of());
        }

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json; charset=utf-8", body, Map.of());
        }

        public static Answer html(int status, String body) {
            return new Answer(status, "text/html; charset=utf-8", body, Map.of());
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, body, more);
        }
    }

    /** A request as it arrived: its path, its query parameters (first value of each) and its body as text. */
    public record Request(String path, Map<String, String> query, String body) {}

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<Answer>> queued = new HashMap<>();
    private final Map<String, Answer> standing = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    private ReplayingUpstream() {}

    public static ReplayingUpstream start() {
        ReplayingUpstream upstream = new ReplayingUpstream();
        upstream.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return upstream.answer(request);
            }
        });
        try {
            upstream.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return upstream;
    }

    /** The server's root, with a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/";
    }

    /** Answers {@code path} with these, in order, before its standing answer. */
    public synchronized ReplayingUpstream enqueue(String path, Answer... answers) {
        queued.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Answers {@code path} with this whenever nothing is queued for it. */
    public synchronized ReplayingUpstream always(String path, Answer answer) {
        standing.put(path, answer);
        return this;
    }

    /** Forgets every answer and every recorded request. */
    public synchronized void reset() {
        queued.clear();
        standing.clear();
        requests.clear();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to one path. */
    public synchronized List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private synchronized MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : request.getUrl().queryParameterNames()) {
            query.put(name, request.getUrl().queryParameter(name));
        }
        requests.add(new Request(path, query, request.getBody() == null ? "" : request.getBody().utf8()));
        Deque<Answer> queue = queued.get(path);
        Answer answer = queue != null && !queue.isEmpty() ? queue.poll() : standing.get(path);
        if (answer == null) {
            answer = Answer.html(404, "<html><body><h1>Not Found</h1></body></html>");
        }
        MockResponse.Builder response = new MockResponse.Builder().code(answer.status())
                .setHeader("Content-Type", answer.contentType()).body(answer.body());
        answer.headers().forEach(response::setHeader);
        return response.build();
    }

    @Override
    public void close() {
        server.close();
    }
}
