package questlog.upstream;

import java.time.Duration;

/**
 * What a {@link ResponseCheck} may do to its upstream's limiter, for upstreams that tell their
 * limits in their answers (Path of Exile's {@code X-Rate-Limit-*} headers, Bungie's
 * {@code ThrottleSeconds}). It acts on every request of the client, not just the one answered.
 */
public interface RateControl {

    /** The least time between two request starts now in force. */
    Duration requestInterval();

    /**
     * Spaces request starts at least {@code interval} apart from now on. Never closer than the
     * policy's own interval: an upstream's headers can slow the client down, not speed it up.
     */
    void slowTo(Duration interval);

    /**
     * Starts no request for at least {@code wait} (a ban, or a wait meant for every caller).
     * Pauses do not add up: a second pause only lengthens the first to its own end.
     */
    void pause(Duration wait);
}
