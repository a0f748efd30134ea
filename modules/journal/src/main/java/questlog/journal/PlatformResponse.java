package questlog.journal;

/**
 * A platform on the wire: its canonical {@code key}, display {@code name}, whether it is one of
 * the seeded known platforms (else it was registered by the first playthrough that named it),
 * and how many playthroughs are on it.
 */
public record PlatformResponse(String key, String name, boolean known, long playthroughs) {}
