package questlog.realtime;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import questlog.common.InvalidInputException;

/**
 * {@code GET /api/events?since=&limit=&types=}: the event log for HTTP consumers, oldest first,
 * as the same envelopes the WebSocket sends. {@code next} continues after the last item
 * ({@code since=<its id>}); {@code total} counts every matching event after {@code since}.
 * A {@code since} past the end of the log (a restored or reset database) answers an empty page
 * whose {@code reset} says where the log ends ({@link StreamReset.ResetPayload}) and whose {@code next}
 * continues from there, as the socket does with its reset message; {@code reset} is null otherwise.
 */
final class EventController {
    private final Jdbi jdbi;
    private final Renderer renderer;

    EventController(Jdbi jdbi, Renderer renderer) {
        this.jdbi = jdbi;
        this.renderer = renderer;
    }

    void list(Context ctx) {
        StreamRequest request;
        try {
            Long since = StreamRequest.since(ctx.queryParam("since"));
            request = new StreamRequest(since == null ? 0L : since, StreamRequest.types(ctx.queryParams("types")));
        } catch (StreamRequest.InvalidException e) {
            throw InvalidInputException.of(400, e.field(), e.problem());
        }
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100);
        Paging.check(limit, 0);
        String[] types = request.typeArray();
        long since = request.since();
        // One snapshot for the page, its total and the end of the log.
        record Result(List<Envelope> items, long total, long latest) {}
        Result result = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            EventDao dao = h.attach(EventDao.class);
            return new Result(dao.page(since, Long.MAX_VALUE, types, limit).stream().map(renderer::envelope).toList(),
                    dao.countAfter(since, types), dao.latestId());
        });
        if (since > result.latest()) {
            String next = Paging.url(ctx, Map.of("since", Long.toString(result.latest()), "limit", Integer.toString(limit)));
            ctx.json(new EventPage(List.of(), 0, limit, 0, next, new StreamReset.ResetPayload(result.latest(), since)));
            return;
        }
        List<Envelope> items = result.items();
        long total = result.total();
        String next = items.isEmpty() || items.size() >= total ? null
                : Paging.url(ctx, Map.of("since", Long.toString(items.getLast().id()), "limit", Integer.toString(limit)));
        ctx.json(new EventPage(items, total, limit, 0, next, null));
    }
}
