package questlog.app;

import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * HEAD is answered exactly as the GET of the same URL, without the body (RFC 9110 9.3.2): the
 * same status, content type, length and ETag, a 404 where GET is a 404, a 405 (with
 * {@code Allow}) where no GET is routed.
 *
 * <p>Javalin (7.2) answers a HEAD by itself wherever a GET route matches the path: 200, text/plain,
 * no body and no ETag, without running the GET's handler, so a HEAD of an unknown game was a 200.
 * So the router never sees a HEAD: in front of it, this handler hands a HEAD on as a GET, once for
 * every route (the read cache, authentication and CORS treat it as the GET it stands for). Jetty
 * still knows that the request on the wire is a HEAD and sends the answer's status line and
 * headers without its body. The request log and the metrics name it HEAD ({@link #method}).
 */
final class HeadRequests extends Handler.Wrapper {
    /** The request attribute set on a HEAD handed on as a GET. */
    static final String ATTRIBUTE = "questlog.head";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(HttpMethod.HEAD.is(request.getMethod()) ? new AsGet(request) : request, response, callback);
    }

    /** The request's method as the client sent it: HEAD for a HEAD handed on as a GET. */
    static String method(Context ctx) {
        return ctx.attribute(ATTRIBUTE) != null ? "HEAD" : ctx.method().name();
    }

    /** True for a HEAD handed on as a GET. */
    static boolean isHead(Request request) {
        return request.getAttribute(ATTRIBUTE) != null;
    }

    private static final class AsGet extends Request.Wrapper {
        AsGet(Request head) {
            super(head);
        }

        @Override
        public String getMethod() {
            return HttpMethod.GET.asString();
        }

        @Override
        public Object getAttribute(String name) {
            return ATTRIBUTE.equals(name) ? Boolean.TRUE : super.getAttribute(name);
        }
    }
}
