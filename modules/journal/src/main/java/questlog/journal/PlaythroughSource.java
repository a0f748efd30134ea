package questlog.journal;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a playthrough came from: typed in, a Steam library sync, or an import. */
enum PlaythroughSource {
    @JsonProperty("manual") MANUAL("manual"),
    @JsonProperty("steam") STEAM("steam"),
    @JsonProperty("import") IMPORT("import");

    private final String value;

    PlaythroughSource(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static PlaythroughSource of(String stored) {
        for (PlaythroughSource s : values()) {
            if (s.value.equals(stored)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown stored source " + stored);
    }

    @Override
    public String toString() {
        return value;
    }
}
