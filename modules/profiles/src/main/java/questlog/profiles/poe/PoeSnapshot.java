package questlog.profiles.poe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The owner's Path of Exile account: its name and characters, and the OAuth tokens to read them
 * next time, sealed with {@code QUESTLOG_SECRET_KEY} (never in clear, in the database or anywhere
 * else). Written as JSON by the shared mapper and read back unchanged.
 */
public record PoeSnapshot(String accountName, List<Character> characters, Tokens tokens) {

    public PoeSnapshot {
        Objects.requireNonNull(accountName, "accountName");
        characters = characters == null ? List.of() : List.copyOf(characters);
    }

    /**
     * A character. {@code ascendancy} is the class Path of Exile names when the character ascended
     * (then {@code characterClass} is its base class), else null; {@code league} null for a void league.
     */
    public record Character(String id, String name, String realm, String characterClass, String ascendancy,
                            String league, int level, long experience, boolean expired, boolean deleted) {}

    /** Sealed tokens and when they expire. */
    public record Tokens(String accessToken, String refreshToken, Instant accessExpiresAt, Instant refreshExpiresAt) {
        @Override
        public String toString() {
            return "Tokens[accessExpiresAt=" + accessExpiresAt + "]";
        }
    }

    /** Without the tokens, which change on every refresh and are no history. */
    PoeSnapshot lasting() {
        return new PoeSnapshot(accountName, characters, null);
    }
}
