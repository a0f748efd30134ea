package questlog.common;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as given by users: either a JDBC URL ({@code jdbc:postgresql://host/db?user=u})
 * or the common {@code postgres://user:password@host:port/db} form that docker-compose files and
 * hosting platforms use.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String value = raw.strip();
        if (value.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(value, null, null);
        }
        if (!value.startsWith("postgres://") && !value.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "must start with postgres://, postgresql:// or jdbc:postgresql:// (got '" + redact(value) + "')");
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid URL: " + redact(value));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host: " + redact(value));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db + query, user, password);
    }

    /** The same server, another database (used to create per-test databases). */
    public DatabaseUrl withDatabase(String database) {
        int start = jdbcUrl.indexOf("//") + 2;
        int slash = jdbcUrl.indexOf('/', start);
        int q = jdbcUrl.indexOf('?');
        String head = slash == -1 ? (q == -1 ? jdbcUrl : jdbcUrl.substring(0, q)) : jdbcUrl.substring(0, slash);
        String tail = q == -1 ? "" : jdbcUrl.substring(q);
        return new DatabaseUrl(head + "/" + database + tail, user, password);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String s) {
        return s.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
    }
}
