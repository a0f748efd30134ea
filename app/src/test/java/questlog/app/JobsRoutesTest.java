package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.JobContext;
import questlog.common.JobHandler;
import questlog.common.Jobs;

/**
 * {@code /api/jobs} over HTTP on the real app, every answer checked against /api/openapi.json.
 * One job thread, so a second job waits in the queue while a first one loops.
 */
class JobsRoutesTest {
    @RegisterExtension
    static final TestApp app = TestApp.withJobHandlers(
            Map.of("JOB_THREADS", "1", "JOB_POLL_INTERVAL_MS", "100", "JOB_HEARTBEAT_MS", "200"),
            new Echo(), new Loop());
    static final SpecChecked api = new SpecChecked(app);

    /** Returns its params, after reporting one unit of one. */
    static final class Echo implements JobHandler {
        @Override
        public String type() {
            return "echo";
        }

        @Override
        public Object run(JobContext context) {
            context.progress(1, 1);
            return context.params(Map.class);
        }
    }

    /** Counts up to 1000 units until stopped. */
    static final class Loop implements JobHandler {
        @Override
        public String type() {
            return "loop";
        }

        @Override
        public Object run(JobContext context) throws Exception {
            for (long i = 1; i <= 1000; i++) {
                context.checkStop();
                context.progress(i, 1000);
                Thread.sleep(20);
            }
            return null;
        }
    }

    private static Jobs jobs() {
        return app.deps().jobs().jobs();
    }

    private static JsonNode await(UUID id, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            var response = app.get("/api/jobs/" + id);
            last = response.json();
            if (response.status() == 200 && condition.test(last)) {
                return last;
            }
            sleep(25);
        }
        throw new AssertionError("job " + id + " never got there; last: " + last);
    }

    private static JsonNode awaitState(UUID id, String state) {
        return await(id, j -> j.get("state").asText().equals(state));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFinishedJobShowsItsResultProgressAndEveryField() {
        Jobs.JobRef ref = jobs().submit("echo", Map.of("game", "terranigma"));
        awaitState(ref.id(), "succeeded");

        var response = api.get(ref.url());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode job = response.json();
        assertThat(job.properties()).extracting(Map.Entry::getKey).containsExactly("id", "type", "state", "progress",
                "params", "result", "error", "cancel_requested", "attempts", "created_at", "started_at", "finished_at",
                "updated_at", "url");
        assertThat(job.get("id").asText()).isEqualTo(ref.id().toString());
        assertThat(job.get("type").asText()).isEqualTo("echo");
        assertThat(job.get("progress").toString()).isEqualTo("{\"done\":1,\"total\":1,\"percent\":100.0}");
        assertThat(job.at("/params/game").asText()).isEqualTo("terranigma");
        assertThat(job.at("/result/game").asText()).isEqualTo("terranigma");
        assertThat(job.get("error").isNull()).isTrue();
        assertThat(job.get("cancel_requested").asBoolean()).isFalse();
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("finished_at").asText()).endsWith("Z");
        assertThat(job.get("url").asText()).isEqualTo("/api/jobs/" + ref.id());
        assertThat(response.header("ETag")).isNotBlank();
        assertThat(app.get(ref.url(), "If-None-Match", response.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void progressIsNeverServedStaleFromTheReadCache() {
        Jobs.JobRef ref = jobs().submit("loop", Map.of());
        long first = await(ref.id(), j -> j.at("/progress/done").asLong() >= 1).at("/progress/done").asLong();
        // No write request in between: a cached answer would repeat the first one.
        JsonNode later = await(ref.id(), j -> j.at("/progress/done").asLong() > first + 5);
        assertThat(later.get("state").asText()).isEqualTo("running");
        assertThat(later.at("/progress/total").asLong()).isEqualTo(1000);
        assertThat(later.at("/progress/percent").isNumber()).isTrue();

        var listed = app.get("/api/jobs?state=running");
        assertThat(listed.json().at("/items/0/progress/done").asLong()).isGreaterThan(first + 5);

        assertThat(api.post(ref.url() + "/cancel", null).status()).isEqualTo(202);
        awaitState(ref.id(), "cancelled");
    }

    @Test
    void listsJobsNewestFirstInPagesWithFilters() {
        UUID older = jobs().submit("echo", Map.of("n", 1)).id();
        awaitState(older, "succeeded");
        UUID newer = jobs().submit("echo", Map.of("n", 2)).id();
        awaitState(newer, "succeeded");

        var page = api.get("/api/jobs?type=echo&limit=1");
        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.get("items")).hasSize(1);
        assertThat(body.at("/items/0/id").asText()).isEqualTo(newer.toString());
        assertThat(body.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(body.get("limit").asInt()).isEqualTo(1);
        assertThat(body.get("next").asText()).isEqualTo("/api/jobs?type=echo&limit=1&offset=1");
        assertThat(api.get(body.get("next").asText()).json().at("/items/0/id").asText()).isNotEqualTo(newer.toString());

        JsonNode succeeded = api.get("/api/jobs?state=succeeded&limit=5000").json();
        assertThat(succeeded.get("items")).extracting(j -> j.get("state").asText()).containsOnly("succeeded");
        assertThat(api.get("/api/jobs?type=no-such-type").json().get("total").asLong()).isZero();

        for (String bad : new String[] {"/api/jobs?state=done", "/api/jobs?limit=0", "/api/jobs?offset=-1",
                "/api/jobs?limit=many"}) {
            var response = api.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
        var tooFar = api.get("/api/jobs?offset=99999999999");
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.json().at("/errors/0/message").asText())
                .isEqualTo("is out of range (got '99999999999'; whole numbers up to 2147483647)");
    }

    @Test
    void cancelAnswers202ForQueuedAndRunningJobsAnd409OnceEnded() {
        Jobs.JobRef running = jobs().submit("loop", Map.of());
        await(running.id(), j -> j.get("state").asText().equals("running"));
        // the only job thread is busy: this one waits
        Jobs.JobRef queued = jobs().submit("echo", Map.of());
        assertThat(api.get(queued.url()).json().get("state").asText()).isEqualTo("queued");

        var cancelQueued = api.post(queued.url() + "/cancel", null);
        assertThat(cancelQueued.status()).isEqualTo(202);
        assertThat(cancelQueued.json().get("state").asText()).isEqualTo("cancelled");

        var cancelRunning = api.post(running.url() + "/cancel", null);
        assertThat(cancelRunning.status()).isEqualTo(202);
        assertThat(cancelRunning.json().get("state").asText()).isEqualTo("running");
        assertThat(cancelRunning.json().get("cancel_requested").asBoolean()).isTrue();
        JsonNode ended = awaitState(running.id(), "cancelled");
        assertThat(ended.get("finished_at").isNull()).isFalse();

        var again = api.post(running.url() + "/cancel", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asText()).contains("already ended");
        assertThat(api.get(queued.url()).json().get("state").asText()).as("never ran").isEqualTo("cancelled");
    }

    @Test
    void unknownAndMalformedIdsAre404And400() {
        String unknown = "/api/jobs/" + UUID.randomUUID();
        for (var response : new TestApp.Response[] {api.get(unknown), api.post(unknown + "/cancel", null)}) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asText()).isEqualTo("Job not found");
        }
        for (var response : new TestApp.Response[] {api.get("/api/jobs/not-a-uuid"),
                api.post("/api/jobs/not-a-uuid/cancel", null), api.get("/api/jobs/1-2-3-4-5")}) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("id");
        }
    }

    @Test
    void cancellingNeedsAWriteToken() {
        UUID id = jobs().submit("echo", Map.of()).id();
        var response = app.send("POST", "/api/jobs/" + id + "/cancel", null);
        assertThat(response.status()).isEqualTo(401);
    }
}
