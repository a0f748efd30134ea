package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin (a path with an encoded NUL or an
 * ambiguous segment, a malformed request line) get the same problem+json body as every other
 * error, instead of Jetty's HTML page.
 */
final class JettyProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper json;

    JettyProblemErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String title = HttpStatus.getMessage(code);
        String detail = code == 400 ? "The request is malformed (for example an invalid character in the path)" : title;
        var problem = new ProblemDetail("about:blank", title, code, detail, request.getHttpURI().getPath(), null, Map.of());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemDetail.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(json.writeValueAsBytes(problem)), callback);
    }
}
