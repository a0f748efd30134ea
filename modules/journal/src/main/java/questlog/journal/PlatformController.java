package questlog.journal;

import io.javalin.http.Context;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import questlog.common.FieldErrors;
import questlog.common.Page;

/** {@code GET /api/platforms}: every platform, by name, so that a client can offer them and learn their keys. */
final class PlatformController {
    private final Jdbi jdbi;

    PlatformController(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void list(Context ctx) {
        FieldErrors errors = new FieldErrors();
        int limit = PlaythroughController.integer(ctx, errors, "limit", PlaythroughQuery.DEFAULT_LIMIT, 1,
                PlaythroughQuery.MAX_LIMIT);
        int offset = PlaythroughController.integer(ctx, errors, "offset", 0, 0, Integer.MAX_VALUE);
        errors.throwIfBadRequest();
        record Listing(List<PlatformResponse> items, long total) {}
        Listing listing = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            PlatformDao dao = h.attach(PlatformDao.class);
            return new Listing(dao.page(limit, offset), dao.count());
        });
        ctx.json(Page.of(listing.items(), listing.total(), limit, offset, Page.PageLink.sameQuery(ctx)));
    }
}
