/**
 * The stream overlay: a static page served at {@code /overlay/} that shows the live event stream
 * as animated cards, for an OBS browser source. Owns no table; the page reads the event socket.
 */
package questlog.overlay;
