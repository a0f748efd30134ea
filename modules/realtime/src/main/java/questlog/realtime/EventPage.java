package questlog.realtime;

import java.util.List;

/**
 * A page of {@code GET /api/events}: the page envelope of every list endpoint plus {@code reset},
 * which is null unless {@code since} was past the end of the log ({@link StreamReset}).
 */
record EventPage(List<Envelope> items, long total, int limit, int offset, String next, StreamReset.ResetPayload reset) {}
