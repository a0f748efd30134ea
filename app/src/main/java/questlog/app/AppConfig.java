package questlog.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import questlog.common.DatabaseUrl;
import questlog.common.SecretBox;
import questlog.jobs.JobsConfig;
import questlog.library.igdb.IgdbSettings;
import questlog.profiles.steam.SteamSettings;
import questlog.realtime.RealtimeModule;

/**
 * Everything the server reads from its environment, validated once at start. Built by
 * {@link #fromEnv(Map)} from environment variables (or the same keys in an env file); every
 * problem is reported at once, naming the variable.
 */
public record AppConfig(HttpConfig http, DatabaseConfig database, SecurityConfig security, CacheConfig cache,
                        LogFormat logFormat, RealtimeModule.Settings realtime, JobsConfig jobs,
                        Optional<IgdbSettings> igdb, Optional<SteamSettings> steam) {

    public record HttpConfig(String host, int port, List<String> corsOrigins, long maxBodyBytes, long maxImportBytes) {}

    /** {@code url} empty means: run the embedded PostgreSQL with its data under {@code dataDir}. */
    public record DatabaseConfig(Optional<DatabaseUrl> url, Path dataDir, int poolSize) {}

    /**
     * {@code secretBox}: encrypts secrets Questlog stores and must read back (webhook secrets), from
     * QUESTLOG_SECRET_KEY and QUESTLOG_SECRET_KEY_PREVIOUS; empty when no key is set.
     */
    public record SecurityConfig(Optional<String> apiKey, boolean privateReads, Optional<SecretBox> secretBox) {}

    public record CacheConfig(boolean enabled, long maxBytes) {}

    public enum LogFormat { TEXT, JSON }

    public static final int DEFAULT_PORT = 7176;

    /** Thrown when the environment is invalid; the message lists every problem, one per line. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(List<String> problems) {
            super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    public static AppConfig fromEnv(Map<String, String> env) {
        var reader = new Reader(env);
        var http = new HttpConfig(
                reader.string("QUESTLOG_HOST", "0.0.0.0"),
                reader.integer("PORT", DEFAULT_PORT, 0, 65535),
                reader.origins("CORS_ORIGINS"),
                reader.integer("QUESTLOG_MAX_BODY_BYTES", 1 << 20, 1024, Integer.MAX_VALUE),
                reader.integer("QUESTLOG_MAX_IMPORT_BYTES", 256 << 20, 1024, Integer.MAX_VALUE));
        var database = new DatabaseConfig(
                reader.databaseUrl("DATABASE_URL"),
                reader.path("QUESTLOG_DATA_DIR", defaultDataDir(env)),
                reader.integer("DATABASE_POOL_SIZE", 10, 1, 200));
        var security = new SecurityConfig(reader.secret("QUESTLOG_API_KEY"), reader.bool("QUESTLOG_PRIVATE", false),
                secretBox(reader));
        var cache = new CacheConfig(
                reader.bool("QUESTLOG_RESPONSE_CACHE", true),
                reader.integer("QUESTLOG_RESPONSE_CACHE_MB", 128, 1, 65536) * (1L << 20));
        var logFormat = reader.choice("LOG_FORMAT", LogFormat.TEXT, LogFormat.class);
        var realtime = new RealtimeModule.Settings(
                reader.redisUrl("REDIS_URL"),
                reader.string("REDIS_CHANNEL", RealtimeModule.Settings.DEFAULT_CHANNEL),
                Duration.ofSeconds(reader.integer("QUESTLOG_WS_PING_SECONDS", 30, 1, 3600)),
                reader.integer("QUESTLOG_WS_CLIENT_QUEUE", 1000, 10, 1_000_000),
                Duration.ofSeconds(reader.integer("QUESTLOG_WS_SLOW_CLIENT_SECONDS", 30, 1, 3600)),
                Duration.ofMillis(reader.integer("QUESTLOG_EVENT_POLL_MS", 1000, 20, 60_000)),
                reader.integer("QUESTLOG_WEBHOOK_MAX_FAILURES", 10, 1, 1000),
                Duration.ofMillis(reader.integer("QUESTLOG_WEBHOOK_RETRY_MS", 1000, 10, 3_600_000)),
                Duration.ofSeconds(reader.integer("QUESTLOG_WEBHOOK_RETRY_MAX_SECONDS", 600, 1, 86_400)),
                Duration.ofSeconds(reader.integer("QUESTLOG_WEBHOOK_TIMEOUT_SECONDS", 10, 1, 300)),
                reader.bool("QUESTLOG_WEBHOOK_ALLOW_PRIVATE", false));
        var jobDefaults = JobsConfig.defaults();
        var jobs = new JobsConfig(
                reader.integer("JOB_THREADS", jobDefaults.threads(), 1, 64),
                Duration.ofMillis(reader.integer("JOB_POLL_INTERVAL_MS", (int) jobDefaults.pollInterval().toMillis(),
                        50, 600_000)),
                Duration.ofMillis(reader.integer("JOB_HEARTBEAT_MS", (int) jobDefaults.heartbeatInterval().toMillis(),
                        100, 600_000)),
                jobDefaults.missedHeartbeatsLimit(),
                jobDefaults.shutdownMaxWait());
        var igdb = igdb(reader);
        var steam = steam(reader);
        reader.throwIfInvalid();
        return new AppConfig(http, database, security, cache, logFormat, realtime, jobs, igdb, steam);
    }

    /**
     * IGDB when both credentials are set (one without the other is a mistake worth stopping for);
     * the URLs and waits are there for tests and proxies.
     */
    private static Optional<IgdbSettings> igdb(Reader reader) {
        Optional<String> id = reader.raw("IGDB_CLIENT_ID");
        Optional<String> secret = reader.raw("IGDB_CLIENT_SECRET");
        String baseUrl = reader.httpUrl("IGDB_BASE_URL", IgdbSettings.DEFAULT_BASE_URL);
        String tokenUrl = reader.httpUrl("TWITCH_TOKEN_URL", IgdbSettings.DEFAULT_TOKEN_URL);
        int cacheHours = reader.integer("IGDB_CACHE_HOURS", 24, 0, 24 * 365);
        int timeoutMs = reader.integer("IGDB_TIMEOUT_MS", 30_000, 100, 600_000);
        int attempts = reader.integer("IGDB_MAX_ATTEMPTS", 5, 1, 20);
        int backoffMs = reader.integer("IGDB_BACKOFF_MS", 1000, 1, 60_000);
        if (id.isPresent() != secret.isPresent()) {
            reader.problem((id.isPresent() ? "IGDB_CLIENT_SECRET" : "IGDB_CLIENT_ID")
                    + " is missing: IGDB needs both IGDB_CLIENT_ID and IGDB_CLIENT_SECRET");
        }
        if (id.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IgdbSettings.defaults(id.get(), secret.get())
                .withUrls(baseUrl, tokenUrl)
                .withCacheTtl(Duration.ofHours(cacheHours))
                .withCallTimeout(Duration.ofMillis(timeoutMs))
                .withRetries(attempts, Duration.ofMillis(backoffMs), Duration.ofMillis(Math.max(backoffMs, 30_000))));
    }

    /** Steam when STEAM_API_KEY is set; the base URL and waits are there for tests and proxies. */
    private static Optional<SteamSettings> steam(Reader reader) {
        Optional<String> key = reader.raw("STEAM_API_KEY");
        String baseUrl = reader.httpUrl("STEAM_API_BASE_URL", SteamSettings.DEFAULT_BASE_URL);
        int timeoutMs = reader.integer("STEAM_TIMEOUT_MS", 30_000, 100, 600_000);
        int attempts = reader.integer("STEAM_MAX_ATTEMPTS", 5, 1, 20);
        int backoffMs = reader.integer("STEAM_BACKOFF_MS", 1000, 1, 60_000);
        int intervalMs = reader.integer("STEAM_REQUEST_INTERVAL_MS", 250, 1, 60_000);
        return key.map(k -> SteamSettings.defaults(k)
                .withBaseUrl(baseUrl)
                .withRequestInterval(Duration.ofMillis(intervalMs))
                .withCallTimeout(Duration.ofMillis(timeoutMs))
                .withRetries(attempts, Duration.ofMillis(backoffMs), Duration.ofMillis(Math.max(backoffMs, 30_000))));
    }

    /**
     * The box of QUESTLOG_SECRET_KEY (sealing) and QUESTLOG_SECRET_KEY_PREVIOUS (comma-separated,
     * opening only), or empty without a key; previous keys without a current one are a mistake.
     */
    private static Optional<SecretBox> secretBox(Reader reader) {
        Optional<SecretBox.Key> current = reader.raw(SecretBox.KEY_VARIABLE)
                .flatMap(k -> reader.key(SecretBox.KEY_VARIABLE, k));
        List<SecretBox.Key> previous = new ArrayList<>();
        for (String k : reader.list(SecretBox.PREVIOUS_KEYS_VARIABLE, "")) {
            reader.key(SecretBox.PREVIOUS_KEYS_VARIABLE, k).ifPresent(previous::add);
        }
        if (current.isEmpty() && !previous.isEmpty()) {
            reader.problem(SecretBox.PREVIOUS_KEYS_VARIABLE + " is set without " + SecretBox.KEY_VARIABLE
                    + ": set the new key in " + SecretBox.KEY_VARIABLE + " and keep the old ones in "
                    + SecretBox.PREVIOUS_KEYS_VARIABLE);
        }
        return current.map(key -> new SecretBox(key, previous));
    }

    /** The same configuration on another database (tests, benchmarks). */
    public AppConfig withDatabase(DatabaseConfig other) {
        return new AppConfig(http, other, security, cache, logFormat, realtime, jobs, igdb, steam);
    }

    static Path defaultDataDir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "questlog");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "questlog");
    }

    /** Reads typed values and remembers every problem instead of failing on the first. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        private Optional<String> raw(String key) {
            String value = env.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        String string(String key, String fallback) {
            return raw(key).orElse(fallback);
        }

        Optional<String> secret(String key) {
            Optional<String> value = raw(key);
            if (value.isPresent() && value.get().length() < 16) {
                problems.add(key + " is too short: use at least 16 characters (for example `openssl rand -hex 32`)");
            }
            return value;
        }

        int integer(String key, int fallback, int min, int max) {
            Optional<String> value = raw(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.get());
                if (parsed < min || parsed > max) {
                    problems.add(key + " must be between " + min + " and " + max + " (got " + parsed + ")");
                    return fallback;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problems.add(key + " must be a whole number (got '" + value.get() + "')");
                return fallback;
            }
        }

        boolean bool(String key, boolean fallback) {
            Optional<String> value = raw(key);
            if (value.isEmpty()) {
                return fallback;
            }
            switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> { return true; }
                case "false", "0", "no", "off" -> { return false; }
                default -> {
                    problems.add(key + " must be true or false (got '" + value.get() + "')");
                    return fallback;
                }
            }
        }

        <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
            Optional<String> value = raw(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(key + " must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + " (got '" + value.get() + "')");
                return fallback;
            }
        }

        /** {@code *} (any origin) or origins, each checked as {@link Cors} reads it. */
        List<String> origins(String key) {
            List<String> origins = list(key, "*");
            for (String origin : origins) {
                String problem = Cors.problemWith(origin);
                if (problem != null) {
                    problems.add(key + ": " + problem);
                }
            }
            return origins;
        }

        List<String> list(String key, String fallback) {
            return Arrays.stream(string(key, fallback).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        Path path(String key, Path fallback) {
            return raw(key).map(Path::of).orElse(fallback).toAbsolutePath();
        }

        Optional<DatabaseUrl> databaseUrl(String key) {
            Optional<String> value = raw(key);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(DatabaseUrl.parse(value.get()));
            } catch (IllegalArgumentException e) {
                problems.add(key + " " + e.getMessage());
                return Optional.empty();
            }
        }

        /** redis:// or rediss:// (TLS), optionally with user:password and a database number. */
        Optional<String> redisUrl(String key) {
            Optional<String> value = raw(key);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            String url = value.get();
            try {
                java.net.URI uri = java.net.URI.create(url);
                if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                    problems.add(key + " must start with redis:// or rediss:// (got '" + redact(url) + "')");
                    return Optional.empty();
                }
                if (uri.getHost() == null) {
                    problems.add(key + " has no host: " + redact(url));
                    return Optional.empty();
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + " is not a valid URL: " + redact(url));
                return Optional.empty();
            }
            return value;
        }

        /** An http(s) URL, e.g. an upstream's base URL. */
        String httpUrl(String key, String fallback) {
            String url = raw(key).orElse(fallback);
            try {
                java.net.URI uri = java.net.URI.create(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add(key + " must be an http:// or https:// URL (got '" + redact(url) + "')");
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + " is not a valid URL: " + redact(url));
            }
            return url;
        }

        void problem(String message) {
            problems.add(message);
        }

        /** A 32-byte key in base64 or hex; the problem never shows the value. */
        Optional<SecretBox.Key> key(String key, String value) {
            try {
                return Optional.of(SecretBox.Key.parse(value));
            } catch (IllegalArgumentException e) {
                problems.add(key + " " + e.getMessage());
                return Optional.empty();
            }
        }

        private static String redact(String url) {
            return url.replaceAll("//[^@/]*@", "//***@");
        }

        void throwIfInvalid() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
