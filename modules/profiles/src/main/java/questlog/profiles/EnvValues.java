package questlog.profiles;

import java.util.function.Function;
import okhttp3.HttpUrl;

/** A plugin's few environment variables, read once at start, naming the variable when one is not valid. */
public final class EnvValues {
    private EnvValues() {}

    public static String url(Function<String, String> env, String name, String fallback) {
        String value = value(env, name);
        if (value == null) {
            return fallback;
        }
        if (HttpUrl.parse(value) == null) {
            throw new IllegalArgumentException(name + " is not an http(s) URL: " + value);
        }
        return value;
    }

    public static long number(Function<String, String> env, String name, long fallback, long min, long max) {
        String value = value(env, name);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number: " + value);
        }
    }

    /** A credential: null when unset. */
    public static String secret(Function<String, String> env, String name) {
        return value(env, name);
    }

    private static String value(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
