package questlog.app;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.ws;

import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.Access;

/**
 * The HTTP application, unstarted: {@code App.create(deps).start(host, port)}. Reads as the
 * table of contents of the server: cross-cutting handlers first, then every route.
 */
public final class App {
    private static final Logger log = LoggerFactory.getLogger("questlog.http");
    /** The event stream socket (DESIGN.md section 6); also answers with a trailing slash. */
    public static final String EVENTS_SOCKET = "/ws/questlog";

    private App() {}

    public static Javalin create(AppDeps deps) {
        var problems = new ProblemMappers(deps.json);
        var auth = new Auth(deps.tokens, deps.config.security().privateReads(), problems);
        var cors = new Cors(deps.config.http().corsOrigins(), problems);
        var cache = new ResponseCache(deps.changes, deps.config.cache(), deps.uncachedPaths());
        var health = new Health(deps.database, deps.healthChecks(), problems);
        var metrics = deps.metrics;
        FunctionCounter.builder("questlog_read_cache_hits", cache, ResponseCache::hits)
                .description("Reads answered from the read cache").register(metrics.registry());
        FunctionCounter.builder("questlog_read_cache_misses", cache, ResponseCache::misses)
                .description("Cacheable reads that were computed").register(metrics.registry());
        Gauge.builder("questlog_read_cache_bytes", cache, ResponseCache::size)
                .description("Bytes of rendered answers the read cache holds").register(metrics.registry());
        var http = deps.config.http();
        var docs = new ApiDocs(deps.json, () -> OpenApi.document(deps.json, deps.moduleOperations()));
        var export = new ExportRoute(deps.exporter);
        var imports = new ImportRoute(deps.importer, deps.library, deps.json, http.maxImportBytes());

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(deps.json, false));
            config.http.maxRequestSize = http.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            // Cache hits are answered on the selector threads (CachedReadHandler), so one per core
            // (Jetty's default is half the cores). Host and port are read when the server starts.
            var jetty = config.jetty;
            config.jetty.addConnector((server, httpConfiguration) -> {
                var connector = new ServerConnector(server, -1, Runtime.getRuntime().availableProcessors(),
                        new HttpConnectionFactory(httpConfiguration));
                connector.setHost(jetty.host);
                connector.setPort(jetty.port);
                return connector;
            });
            // Graceful shutdown: stop accepting, let in-flight requests finish (up to 15 s).
            config.jetty.modifyServer(server -> {
                // Outermost last: graceful shutdown also waits for requests answered from the cache.
                server.insertHandler(new CachedReadHandler(cache, metrics));
                // A HEAD goes on as a GET (cache hits included), answered without the body.
                server.insertHandler(new HeadRequests());
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(15_000);
                server.setErrorHandler(new JettyProblemErrorHandler(deps.json));
            });
            config.requestLogger.http((ctx, ms) -> {
                cache.requestDone(ctx);
                metrics.record(ctx, ms);
                // The message reads well as text; the key/value pairs are fields in JSON logs.
                String method = HeadRequests.method(ctx);
                log.atInfo()
                        .addKeyValue("method", method)
                        .addKeyValue("path", ctx.path())
                        .addKeyValue("status", ctx.statusCode())
                        .addKeyValue("duration_ms", Math.round(ms * 10) / 10.0)
                        .log("{} {} {} {}ms", method, ctx.path(), ctx.statusCode(), Math.round(ms));
            });
            problems.register(config);

            // Pings, dead-peer detection and the idle timeout of the event socket.
            config.jetty.modifyWebSocketServletFactory(deps.realtime.websocketFactory(EVENTS_SOCKET));
            // Socket clients hear "restarting" (1012) before Jetty closes connections its own way.
            config.events.serverStopping(deps.realtime::closeSockets);

            config.routes.before(RequestIds::assign);
            // CORS for pages on other origins: our own handler, see Cors for why not the bundled plugin.
            config.routes.before("/api/*", cors);
            config.routes.beforeMatched(auth);
            // Query and path parameters PostgreSQL could not keep exactly: a 400 before any handler reads them.
            config.routes.beforeMatched(RequestTexts::check);
            config.routes.wsBeforeUpgrade(ctx -> {
                if (cors.allowsUpgrade(ctx)) {
                    auth.upgrade(ctx);
                }
            });
            config.routes.beforeMatched(cache::serveCached);
            config.routes.afterMatched(cache::afterHandler);
            config.routes.afterMatched(deps.bodyContract::check);

            config.routes.apiBuilder(() -> {
                path("health", () -> {
                    get(health::live, Access.PUBLIC);
                    get("ready", health::ready, Access.PUBLIC);
                });
                get("metrics", metrics::scrape, Access.PUBLIC);
                path("api", () -> {
                    deps.modules.forEach(module -> module.routes().addEndpoints());
                    docs.routes().addEndpoints();
                    post("import", imports::create, Access.WRITE);
                    get("export", export::get, Access.WRITE);
                });
                deps.modules.forEach(module -> module.rootRoutes().addEndpoints());
                ws(EVENTS_SOCKET, deps.realtime.websocket(), Access.READ);
            });
        });
    }
}
