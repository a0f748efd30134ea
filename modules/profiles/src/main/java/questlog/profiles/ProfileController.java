package questlog.profiles;

import io.javalin.http.Context;
import org.jdbi.v3.core.Jdbi;
import questlog.common.FieldErrors;
import questlog.common.Page;

/** {@code /api/profiles}: IO only. */
final class ProfileController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 5000;

    private final Jdbi jdbi;

    ProfileController(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void list(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
        int offset = ctx.queryParamAsClass("offset", Integer.class).getOrDefault(0);
        new FieldErrors()
                .check(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT)
                .check(offset >= 0, "offset", "must be 0 or more")
                .throwIfBadRequest();
        var page = jdbi.inTransaction(h -> {
            var dao = h.attach(ProfileDao.class);
            return Page.of(dao.page(limit, offset).stream().map(ProfileResponse::from).toList(), dao.count(), limit,
                    offset, Page.PageLink.sameQuery(ctx));
        });
        ctx.json(page);
    }
}
