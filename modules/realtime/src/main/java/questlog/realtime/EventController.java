package questlog.realtime;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import questlog.common.InvalidInputException;
import questlog.common.Page;

/**
 * {@code GET /api/events?since=&limit=&types=}: the event log for HTTP consumers, oldest first,
 * as the same envelopes the WebSocket sends. {@code next} continues after the last item
 * ({@code since=<its id>}); {@code total} counts every matching event after {@code since}.
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
        // One snapshot for the page and its total.
        record Result(List<Envelope> items, long total) {}
        Result result = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            EventDao dao = h.attach(EventDao.class);
            return new Result(dao.page(since, Long.MAX_VALUE, types, limit).stream().map(renderer::envelope).toList(),
                    dao.countAfter(since, types));
        });
        List<Envelope> items = result.items();
        long total = result.total();
        String next = items.isEmpty() || items.size() >= total ? null
                : Paging.url(ctx, Map.of("since", Long.toString(items.getLast().id()), "limit", Integer.toString(limit)));
        ctx.json(new Page<>(items, total, limit, 0, next));
    }
}
