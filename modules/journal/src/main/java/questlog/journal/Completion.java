package questlog.journal;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How far a playthrough went: the story, everything ("100%"), or something else. */
enum Completion {
    @JsonProperty("story") STORY("story"),
    @JsonProperty("100%") FULL("100%"),
    @JsonProperty("other") OTHER("other");

    private final String value;

    Completion(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static Completion of(String stored) {
        if (stored == null) {
            return null;
        }
        for (Completion c : values()) {
            if (c.value.equals(stored)) {
                return c;
            }
        }
        throw new IllegalStateException("unknown stored completion " + stored);
    }

    @Override
    public String toString() {
        return value;
    }
}
