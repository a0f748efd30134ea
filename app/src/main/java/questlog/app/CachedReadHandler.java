package questlog.app;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers anonymous cache hits in front of the router: the static site and scripts read the
 * same few pages over and over, and a hit needs none of the routing, auth or handler machinery.
 * It answers only what the router would answer identically from the cache: a GET (or a HEAD,
 * which {@link HeadRequests} hands on as a GET) under /api/ with no credentials, no Origin (CORS
 * answers stay with the router) and reads open to all;
 * everything else, and every miss, goes on to Javalin unchanged.
 *
 * <p>A hit never blocks (the body is in memory and written asynchronously), so the handler
 * declares itself non-blocking and Jetty runs it on the thread that read the request: the
 * hand-over to a worker thread cost a fifth of a cached answer's CPU. The router does block
 * (JDBC, request bodies), so everything this handler does not answer is moved to a worker thread
 * here, as Jetty would otherwise have done before calling any handler.
 */
final class CachedReadHandler extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger("questlog.http");
    private static final HttpField VARY = new HttpField(HttpHeader.VARY, "Origin");

    private final ResponseCache cache;
    private final Metrics metrics;

    CachedReadHandler(ResponseCache cache, Metrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        HttpFields headers = request.getHeaders();
        String path = request.getHttpURI().getPath();
        if (!HttpMethod.GET.is(request.getMethod()) || path == null || !path.startsWith("/api/")
                || headers.contains(HttpHeader.AUTHORIZATION) || headers.contains(HttpHeader.ORIGIN)
                || headers.contains(RequestIds.HEADER)) {
            return dispatch(request, response, callback);
        }
        ResponseCache.Entry entry = cache.freshForAnonymous(path, request.getHttpURI().getQuery());
        if (entry == null) {
            return dispatch(request, response, callback);
        }
        String requestId = RequestIds.newId();
        HttpFields.Mutable out = response.getHeaders();
        out.put(RequestIds.HEADER, requestId);
        out.put(HttpHeader.ETAG, entry.etag());
        out.add(VARY);
        String ifNoneMatch = headers.get(HttpHeader.IF_NONE_MATCH);
        int status;
        if (ifNoneMatch != null && ResponseCache.matches(ifNoneMatch, entry.etag())) {
            status = 304;
            response.setStatus(status);
            callback.succeeded();
        } else {
            status = 200;
            response.setStatus(status);
            out.put(HttpHeader.CONTENT_TYPE, entry.contentType());
            out.put(HttpHeader.CONTENT_LENGTH, entry.body().length);
            response.write(true, ByteBuffer.wrap(entry.body()), callback);
        }
        float millis = (System.nanoTime() - started) / 1_000_000f;
        String method = HeadRequests.isHead(request) ? "HEAD" : "GET";
        metrics.record(method, entry.route(), status, millis);
        MDC.put("request_id", requestId);
        log.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", Math.round(millis * 10) / 10.0)
                .log("{} {} {} {}ms", method, path, status, Math.round(millis));
        MDC.remove("request_id");
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** Hands the request to the router on a worker thread; what the router leaves unanswered is a 404, as Jetty's own. */
    private boolean dispatch(Request request, Response response, Callback callback) {
        request.getContext().execute(() -> {
            try {
                if (!route(request, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        });
        return true;
    }

    private boolean route(Request request, Response response, Callback callback) throws Exception {
        return super.handle(request, response, callback);
    }
}
