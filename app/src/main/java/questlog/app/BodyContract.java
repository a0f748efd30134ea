package questlog.app;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.Bodies;

/**
 * Keeps the OpenAPI document honest about request bodies: after each request whose handler read
 * a body (through {@link Bodies}, which remembers the type), the type read must be the one the
 * route's operation documents. A difference is a programming error: it is logged once per route
 * and kept in {@link #violations()}, which the contract tests check after walking every route.
 */
final class BodyContract {
    private static final Logger log = LoggerFactory.getLogger(BodyContract.class);

    private final Map<String, Class<?>> documented;
    private final Set<String> violations = ConcurrentHashMap.newKeySet();

    BodyContract(List<ApiOperation> operations) {
        this.documented = operations.stream().filter(op -> op.requestBody() != null)
                .collect(Collectors.toMap(op -> op.method() + " " + op.path(), op -> op.requestBody().shape()
                        == ApiBody.Shape.ARRAY ? op.requestBody().type().arrayType() : op.requestBody().type()));
    }

    /** After a matched request: compares what the handler read with what the document says. */
    void check(Context ctx) {
        Class<?> read = ctx.attribute(Bodies.READ_TYPE_ATTRIBUTE);
        if (read == null) {
            return;
        }
        String route = ctx.method().name() + " " + Routes.template(ctx);
        Class<?> expected = documented.get(route);
        if (expected != read && violations.add(route + " reads " + read.getSimpleName() + " but documents "
                + (expected == null ? "no body" : expected.getSimpleName()))) {
            log.warn("OpenAPI drift: {} reads {} but its operation documents {}", route, read.getSimpleName(),
                    expected == null ? "no body" : expected.getSimpleName());
        }
    }

    /** Routes whose handler read another body type than the one documented. */
    Set<String> violations() {
        return Set.copyOf(violations);
    }
}
