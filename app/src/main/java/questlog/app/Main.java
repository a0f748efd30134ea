package questlog.app;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import questlog.common.Json;
import questlog.common.SecretBox;
import questlog.common.dataset.ImportConflictException;
import questlog.realtime.RealtimeModule;

/**
 * The {@code questlog} executable. Subcommands: serve (default), migrate, token, secrets, import, export,
 * events, enrich, mcp, sync.
 * Configuration comes from the environment, optionally merged over an env file
 * ({@code --env-file}, or QUESTLOG_ENV_FILE): environment variables win.
 */
@Command(name = "questlog", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "questlog 0.1.0",
        description = "Self-hosted personal gaming journal.",
        subcommands = {Main.Serve.class, Main.Migrate.class, Main.Token.class, Main.Secrets.class, Main.Import.class,
                Main.Export.class, Main.Events.class, EnrichCommand.class, Main.Mcp.class, SyncCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--env-file", description = "KEY=VALUE file read before the environment (default: $QUESTLOG_ENV_FILE)")
    Path envFile;

    public static void main(String[] args) {
        if (args.length == 0 || args.length == 1 && "serve".equals(args[0])) {
            serveWithoutParsing();
            return;
        }
        int code = commandLine().execute(args);
        if (code != 0 || !(args.length == 0 || "serve".equals(args[0]))) {
            System.exit(code);
        }
    }

    /**
     * {@code questlog} and {@code questlog serve} alone, the server's usual start: there is
     * nothing to parse, so the server starts without picocli building its model of every command
     * (about 0.15 s of CPU, a fifth of the main thread's start). The same failures as through
     * {@link #commandLine} end the same way: one line and exit code 2.
     */
    private static void serveWithoutParsing() {
        Serve serve = new Serve();
        serve.main = new Main();
        try {
            serve.call();
        } catch (AppConfig.ConfigException | UserError | StartupException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            e.printStackTrace(); // as picocli does; the exit ends the pool's and other threads too
            System.exit(1);
        }
    }

    /**
     * The command line, with user errors (bad configuration, bad arguments) and start-up failures
     * (port taken, data directory in use or unusable, database unreachable) printed plainly with
     * exit code 2; an import that collided with a concurrent write, plainly with exit code 1.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof AppConfig.ConfigException || e instanceof UserError || e instanceof StartupException) {
                cmd.getErr().println(e.getMessage());
                return 2;
            }
            if (e instanceof ImportConflictException) {
                // Nothing was written and trying again may succeed: the message says so, no stack trace.
                cmd.getErr().println(e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    /** No subcommand means serve. */
    @Override
    public Integer call() throws Exception {
        Serve serve = new Serve();
        serve.main = this;
        return serve.call();
    }

    /** An error the user can fix; printed without a stack trace. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }

    AppConfig config() {
        Map<String, String> env = new HashMap<>();
        Path file = envFile != null ? envFile
                : System.getenv("QUESTLOG_ENV_FILE") != null ? Path.of(System.getenv("QUESTLOG_ENV_FILE")) : null;
        if (file != null) {
            env.putAll(readEnvFile(file));
        }
        env.putAll(System.getenv());
        AppConfig config = AppConfig.fromEnv(env);
        Logging.configure(config.logFormat());
        return config;
    }

    static Map<String, String> readEnvFile(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (l.startsWith("export ")) {
                    l = l.substring(7).strip();
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw new UserError(file + ": expected KEY=VALUE, got '" + line + "'");
                }
                String value = l.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(l.substring(0, eq).strip(), value);
            }
        } catch (IOException e) {
            throw new UserError("Cannot read env file " + file + ": " + e.getMessage());
        }
        return values;
    }

    @Command(name = "serve", description = "Run the HTTP server (the default command).")
    static final class Serve implements Callable<Integer> {
        private static final Logger log = LoggerFactory.getLogger(Serve.class);
        @ParentCommand Main main;

        @Override
        public Integer call() {
            long started = System.nanoTime();
            AppConfig config = main.config();
            // Before anything starts: a taken port is known at once, without starting a database first.
            requireFreePort(config.http());
            AppDeps deps = AppDeps.buildForServe(config);
            // The job runner and the modules' background work start beside the HTTP server, on the
            // other core; /health/ready answers 503 until the job runner runs (and Redis, when set).
            var background = java.util.concurrent.CompletableFuture.runAsync(deps::startBackgroundWork,
                    task -> Thread.ofPlatform().name("questlog-start").start(task));
            Javalin app = App.create(deps);
            CountDownLatch stopped = new CountDownLatch(1);
            // Stops in order: requests in flight finish, then the database (an embedded one too) stops.
            Thread shutdown = new Thread(() -> {
                log.info("Shutting down: finishing in-flight requests");
                app.stop();
                deps.close();
                stopped.countDown();
            }, "questlog-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            try {
                app.start(config.http().host(), config.http().port());
            } catch (JavalinBindException e) { // taken since the check
                background.exceptionally(failure -> null).join();
                if (Runtime.getRuntime().removeShutdownHook(shutdown)) {
                    app.stop();
                    deps.close();
                }
                throw cannotListen(config.http(), new java.net.BindException("Address already in use"));
            }
            try {
                background.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (Runtime.getRuntime().removeShutdownHook(shutdown)) {
                    app.stop();
                    deps.close();
                }
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
            log.info("Questlog ready on http://{}:{} ({} database) in {} ms", config.http().host(), app.port(),
                    deps.database.isEmbedded() ? "embedded" : "external", (System.nanoTime() - started) / 1_000_000);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        private static void requireFreePort(AppConfig.HttpConfig http) {
            if (http.port() == 0) {
                return;
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(http.host(), http.port()));
            } catch (IOException e) {
                throw cannotListen(http, e);
            }
        }

        private static StartupException cannotListen(AppConfig.HttpConfig http, IOException why) {
            return new StartupException("Cannot listen on " + http.host() + ":" + http.port() + ": " + why.getMessage()
                    + (why instanceof java.net.BindException ? " (another questlog running?)" : "")
                    + "; set PORT to a free port, or QUESTLOG_HOST");
        }
    }

    @Command(name = "migrate", description = "Apply pending database migrations and exit.")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand Main main;

        @Override
        public Integer call() {
            AppConfig config = main.config();
            try (Database database = Database.open(config.database(), Database.Role.COMMAND, null)) {
                int applied = database.migrate();
                System.out.println(applied == 0 ? "Database is up to date." : "Applied " + applied + " migration(s).");
            }
            return 0;
        }
    }

    @Command(name = "token", description = "Manage API tokens.",
            subcommands = {Token.Create.class, Token.ListTokens.class, Token.Revoke.class})
    static final class Token implements Callable<Integer> {
        @ParentCommand Main main;

        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 0;
        }

        static <T> T withTokens(Main main, java.util.function.Function<ApiTokens, T> action) {
            AppConfig config = main.config();
            try (Database database = Database.open(config.database(), Database.Role.COMMAND, null)) {
                database.migrate();
                var tokens = new ApiTokens(database.jdbi(Json.objectMapper()), java.time.Clock.systemUTC(), java.util.Optional.empty());
                return action.apply(tokens);
            }
        }

        @Command(name = "create", description = "Create a token and print it once.")
        static final class Create implements Callable<Integer> {
            @ParentCommand Token token;
            @Parameters(paramLabel = "NAME", description = "A name to recognise the token by (unique).") String name;
            @Option(names = "--scopes", split = ",", defaultValue = "read,write", description = "read, write (default: both)")
            List<String> scopes;

            @Override
            public Integer call() {
                for (String scope : scopes) {
                    if (!ApiTokens.ALL_SCOPES.contains(scope)) {
                        throw new UserError("Unknown scope '" + scope + "'; use " + ApiTokens.ALL_SCOPES);
                    }
                }
                ApiTokens.Issued issued = withTokens(token.main, tokens -> {
                    try {
                        return tokens.create(name, scopes);
                    } catch (ApiTokens.DuplicateNameException e) {
                        throw new UserError(e.getMessage());
                    }
                });
                System.out.println(issued.secret());
                System.err.println("Token '" + name + "' created with scopes " + scopes + ". It is shown only once.");
                return 0;
            }
        }

        @Command(name = "list", description = "List tokens (never their secrets).")
        static final class ListTokens implements Callable<Integer> {
            @ParentCommand Token token;

            @Override
            public Integer call() {
                List<ApiToken> all = withTokens(token.main, ApiTokens::list);
                PrintWriter out = new PrintWriter(System.out, true);
                out.printf("%-24s %-12s %-22s %-22s %s%n", "NAME", "SCOPES", "CREATED", "LAST USED", "REVOKED");
                for (ApiToken t : all) {
                    out.printf("%-24s %-12s %-22s %-22s %s%n", t.name(), String.join(",", t.scopes()),
                            t.createdAt().toString().substring(0, 19) + "Z",
                            t.lastUsedAt() == null ? "-" : t.lastUsedAt().toString().substring(0, 19) + "Z",
                            t.revokedAt() == null ? "-" : t.revokedAt().toString().substring(0, 19) + "Z");
                }
                return 0;
            }
        }

        @Command(name = "revoke", description = "Revoke a token by name.")
        static final class Revoke implements Callable<Integer> {
            @ParentCommand Token token;
            @Parameters(paramLabel = "NAME") String name;

            @Override
            public Integer call() {
                boolean revoked = withTokens(token.main, tokens -> tokens.revoke(name));
                if (!revoked) {
                    throw new UserError("No active token named '" + name + "'");
                }
                System.out.println("Revoked '" + name + "'.");
                return 0;
            }
        }
    }

    @Command(name = "secrets", description = "Encryption of stored secrets (QUESTLOG_SECRET_KEY).",
            subcommands = {Secrets.Rotate.class, Secrets.NewKey.class})
    static final class Secrets implements Callable<Integer> {
        @ParentCommand Main main;

        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 0;
        }

        @Command(name = "rotate", description = {
                "Encrypt every stored secret with QUESTLOG_SECRET_KEY: plain-text ones from before encryption,",
                "and ones encrypted with a key of QUESTLOG_SECRET_KEY_PREVIOUS. The server does the same at start."})
        static final class Rotate implements Callable<Integer> {
            @ParentCommand Secrets secrets;

            @Override
            public Integer call() {
                AppConfig config = secrets.main.config();
                var box = config.security().secretBox().orElseThrow(() -> new UserError(
                        SecretBox.KEY_VARIABLE + " is not set: there is no key to encrypt with (make one with "
                                + SecretBox.HOW_TO_MAKE_A_KEY + ")"));
                try (Database database = Database.open(config.database(), Database.Role.COMMAND, null)) {
                    database.migrate();
                    var realtime = new RealtimeModule(database.jdbi(Json.objectMapper()), database.url(),
                            Json.objectMapper(), config.realtime().withoutRedis(), Optional.of(box));
                    RealtimeModule.SecretsResealed done;
                    try {
                        done = realtime.resealSecrets();
                    } finally {
                        realtime.close();
                    }
                    System.out.println("Webhook secrets: " + done.encrypted() + " encrypted, " + done.rotated()
                            + " re-encrypted with key " + box.currentKeyId() + ", " + done.unreadable()
                            + " that no configured key decrypts.");
                    if (done.unreadable() > 0) {
                        System.err.println("Add the key those were encrypted with to "
                                + SecretBox.PREVIOUS_KEYS_VARIABLE + " and run this again.");
                        return 1;
                    }
                    return 0;
                }
            }
        }

        @Command(name = "new-key", description = "Print a new random key for QUESTLOG_SECRET_KEY.")
        static final class NewKey implements Callable<Integer> {
            @Override
            public Integer call() {
                System.out.println(SecretBox.newKey());
                return 0;
            }
        }
    }

    @Command(name = "import", description = "Import data.", subcommands = {Import.JsonFile.class, Import.Gist.class, Import.Questlog.class})
    static final class Import implements Callable<Integer> {
        @ParentCommand Main main;

        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 0;
        }

        @Command(name = "json", description = "Import a dataset file (format questlog-export or questlog-bench-dataset) in one transaction.")
        static final class JsonFile implements Callable<Integer> {
            @ParentCommand Import parent;
            @Parameters(paramLabel = "FILE") Path file;
            @Option(names = "--dry-run", description = "Validate and count, then roll back.") boolean dryRun;

            @Override
            public Integer call() throws IOException {
                if (!Files.isReadable(file)) {
                    throw new UserError("Cannot read " + file);
                }
                AppConfig config = parent.main.config();
                try (AppDeps deps = AppDeps.forCommand(config, false); var in = Files.newInputStream(file)) {
                    var report = deps.importer.importStream(in, dryRun);
                    // The migrations ran while the document was read: a database that cannot be
                    // reached is the command's failure, even when the document was refused unread.
                    deps.database.awaitMigrations();
                    System.out.println(deps.json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
                    return report.ok() ? 0 : 1;
                }
            }
        }

        @Command(name = "gist", description = {
                "Import a Markdown gist of played games through a server's POST /api/import/gist:",
                "series headings become franchises, items games with a playthrough, numbered lists ranked lists.",
                "Importing the same gist again creates nothing."})
        static final class Gist implements Callable<Integer> {
            @ParentCommand Import parent;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;
            @Parameters(paramLabel = "FILE|URL|-", description = "The gist: a file, a URL (a gist.github.com page is read raw), or - for standard input")
            String source;
            @Option(names = "--dry-run", description = "Print what would be created, matched or skipped, line by line; write nothing") boolean dryRun;
            @Option(names = "--json", description = "Print the server's report as JSON") boolean asJson;
            @Option(names = "--api", description = "The server (default: http://127.0.0.1:$PORT)") String api;
            @Option(names = "--token", description = "A token with write access (default: $QUESTLOG_TOKEN, then $QUESTLOG_API_KEY)") String token;

            @Override
            public Integer call() throws IOException {
                AppConfig config = parent.main.config();
                ApiTarget target = ApiTarget.of(api, token, config.http().port());
                return new GistImportCommand(target, questlog.common.Json.objectMapper(), System.out, System.err,
                        System.console() != null).run(source, dryRun, asJson);
            }
        }

        @Command(name = "questlog", description = {
                "Copy a running original Questlog (its read API at URL) into a server: franchises, genres, works with",
                "editions, lists with entries and activity, keeping their ids. Running it again changes nothing."})
        static final class Questlog implements Callable<Integer> {
            @ParentCommand Import parent;
            @Parameters(paramLabel = "URL", description = "The original Questlog, e.g. https://old.example (its /api/... routes)")
            String url;
            @Option(names = "--dry-run", description = "Check and count what would be written; write nothing") boolean dryRun;
            @Option(names = "--api", description = "The server to copy into (default: http://127.0.0.1:$PORT)") String api;
            @Option(names = "--token", description = "A token with write access (default: $QUESTLOG_TOKEN, then $QUESTLOG_API_KEY)") String token;

            @Override
            public Integer call() throws IOException {
                AppConfig config = parent.main.config();
                ApiTarget target = ApiTarget.of(api, token, config.http().port());
                return new QuestlogMigrationCommand(url, target, questlog.common.Json.objectMapper(), System.out, System.err,
                        System.console() != null).run(dryRun);
            }
        }
    }

    @Command(name = "events", description = "The live event stream.", subcommands = {Events.Tail.class})
    static final class Events implements Callable<Integer> {
        @ParentCommand Main main;

        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 0;
        }

        @Command(name = "tail", description = {
                "Print events as they happen, one JSON envelope per line (logs go to stderr).",
                "Reconnects after a drop and resumes after the last event printed; says on stderr why and when.",
                "When the server's log ends before the position asked for (a restored or reset database), it says so",
                "on stderr and continues with the events after the log's end."})
        static final class Tail implements Callable<Integer> {
            @ParentCommand Events events;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;
            @Option(names = "--url", description = "WebSocket URL (default: ws://127.0.0.1:$PORT/ws/questlog/)") String url;
            @Option(names = "--since", description = "First replay every event after this id") Long since;
            @Option(names = "--types", split = ",", description = "Only these event types, by full or short name, "
                    + "e.g. questlog:playthrough_complete or playthrough_complete")
            List<String> types;
            @Option(names = "--token", description = "API token, needed when reads are private "
                    + "(default: $QUESTLOG_TOKEN, then $QUESTLOG_API_KEY)") String token;
            @Option(names = "--count", description = "Exit after printing this many events") Long count;

            @Override
            public Integer call() throws InterruptedException {
                if (since != null && since < 0) {
                    throw new UserError("--since must be 0 or more");
                }
                if (count != null && count < 1) {
                    throw new UserError("--count must be 1 or more");
                }
                String target = url;
                if (target == null) {
                    target = "ws://127.0.0.1:" + events.main.config().http().port() + App.EVENTS_SOCKET + "/";
                }
                String secret = token;
                if (secret == null) {
                    secret = System.getenv("QUESTLOG_TOKEN") != null ? System.getenv("QUESTLOG_TOKEN") : System.getenv("QUESTLOG_API_KEY");
                }
                return new EventTail(target, since, types, secret, count,
                        spec.commandLine().getOut(), spec.commandLine().getErr()).run();
            }
        }
    }

    @Command(name = "mcp", description = {
            "Serve the MCP tools over stdio for a desktop AI client, as a client of a Questlog server's HTTP API.",
            "Standard output carries only MCP messages; logs go to stderr. Stops when standard input ends."})
    static final class Mcp implements Callable<Integer> {
        @ParentCommand Main main;
        @Option(names = "--api", description = "The server's base URL (default: http://127.0.0.1:$PORT)") String api;
        @Option(names = "--token", description = "API token; write tools need the write scope "
                + "(default: $QUESTLOG_TOKEN, then $QUESTLOG_API_KEY)") String token;

        @Override
        public Integer call() throws InterruptedException {
            String target = api != null ? api : "http://127.0.0.1:" + main.config().http().port();
            if (!target.matches("(?i)https?://.+")) {
                throw new UserError("--api must be an http:// or https:// URL, not " + target);
            }
            String secret = token;
            if (secret == null) {
                secret = System.getenv("QUESTLOG_TOKEN") != null ? System.getenv("QUESTLOG_TOKEN") : System.getenv("QUESTLOG_API_KEY");
            }
            questlog.mcp.McpStdio.serve(target, secret, Json.objectMapper(), OpenApi.build().getProperty("version"),
                    System.in, System.out);
            return 0;
        }
    }

    @Command(name = "export", description = "Write the whole library to FILE as a dataset document (format questlog-export, version 1, unless --format says otherwise).")
    static final class Export implements Callable<Integer> {
        @ParentCommand Main main;
        @Parameters(paramLabel = "FILE", description = "Where to write it; - for standard output.") Path file;
        @Option(names = "--format", description = "questlog-export (default: everything, losslessly) or questlog-bench-dataset (export or bench for short)")
        String format;

        @Override
        public Integer call() throws IOException {
            var chosen = formatOption();
            AppConfig config = main.config();
            if (!file.toString().equals("-")) {
                // Said before anything is read: a folder that is not there is the user's to fix.
                Path folder = file.toAbsolutePath().getParent();
                if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
                    throw new UserError("Cannot write " + file + ": " + folder
                            + (Files.isDirectory(folder) ? " is not writable" : " is not a directory"));
                }
            }
            try (AppDeps deps = AppDeps.forCommand(config, false)) {
                if (file.toString().equals("-")) {
                    deps.exporter.export(System.out, chosen);
                    System.out.flush();
                    return 0;
                }
                Path target = file.toAbsolutePath();
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                java.util.Map<String, Long> counts;
                try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                    counts = deps.exporter.export(out, chosen);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
                Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                System.err.println("Exported " + counts + " to " + target);
                return 0;
            }
        }

        private questlog.common.dataset.DatasetFormat formatOption() {
            try {
                return ExportRoute.format(format);
            } catch (questlog.common.InvalidInputException e) {
                throw new UserError("--format " + e.errors().getFirst().message());
            }
        }
    }
}
