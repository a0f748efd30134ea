package questlog.common;

import io.javalin.security.RouteRole;

/**
 * What a route needs from its caller. Modules tag routes with one of these as the last route
 * argument; the single access check in app decides what a caller may do. A route without a
 * role is treated as {@link #READ}.
 */
public enum Access implements RouteRole {
    /** Always open, even when reads are private (health, docs). */
    PUBLIC,
    /** Open unless QUESTLOG_PRIVATE=true, then a valid token is needed. */
    READ,
    /** Always needs a valid token. */
    WRITE
}
