package questlog.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Where a playthrough stands. Written in lowercase, in JSON and in the database. */
public enum PlaythroughStatus {
    @JsonProperty("planned") PLANNED("planned"),
    @JsonProperty("playing") PLAYING("playing"),
    @JsonProperty("paused") PAUSED("paused"),
    @JsonProperty("completed") COMPLETED("completed"),
    @JsonProperty("abandoned") ABANDONED("abandoned");

    private final String value;

    PlaythroughStatus(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static Optional<PlaythroughStatus> parse(String text) {
        for (PlaythroughStatus s : values()) {
            if (s.value.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static PlaythroughStatus of(String stored) {
        return parse(stored).orElseThrow(() -> new IllegalStateException("unknown stored status " + stored));
    }

    @Override
    public String toString() {
        return value;
    }
}
