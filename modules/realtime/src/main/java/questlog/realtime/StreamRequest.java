package questlog.realtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import questlog.common.EventTypes;

/**
 * What a stream consumer asked for: events after {@code since} (or only new ones when absent)
 * of the given {@code types} (all when empty). Shared by the WebSocket and GET /api/events.
 */
record StreamRequest(Long since, Set<String> types) {

    /** Input that cannot be honoured; the message names the parameter. */
    static final class InvalidException extends Exception {
        private final String field;

        InvalidException(String field, String message) {
            super(field + ": " + message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }

        String problem() {
            return getMessage().substring(field.length() + 2);
        }
    }

    static Long since(String raw) throws InvalidException {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value < 0) {
                throw new InvalidException("since", "must be an event id, 0 or more (got " + value + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidException("since", "must be an event id, 0 or more (got '" + abbreviate(raw) + "')");
        }
    }

    /**
     * Comma-separated, possibly repeated; every name must be a known event type, by its full
     * ({@code questlog:game_added}) or short ({@code game_added}) name. Kept as full names.
     */
    static Set<String> types(List<String> raw) throws InvalidException {
        Set<String> types = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                String type = part.strip();
                if (type.isEmpty()) {
                    continue;
                }
                EventTypes.fullName(type).ifPresentOrElse(types::add, () -> unknown.add(abbreviate(type)));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidException("types", "unknown event type(s) " + String.join(", ", unknown));
        }
        return Set.copyOf(types);
    }

    String[] typeArray() {
        return types.toArray(String[]::new);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
