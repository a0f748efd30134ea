/**
 * The original Questlog's read API over the catalog, in its exact shapes: {@code /api/works},
 * {@code /api/editions} (and {@code by-twitch/{id}}), with the original's {@code {"error": ...}}
 * 404 bodies; also {@code POST /api/games/{slug}/editions}, which shares the edition shape.
 */
package questlog.library.compat;
