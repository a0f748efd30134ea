package questlog.common.dataset;

/**
 * One problem with an imported dataset document . {@code field}
 * is the full path ({@code playthroughs[12].rating}), so the problem reads like the
 * {@code errors} of any other validation answer; {@code section}, {@code index}, {@code id} and
 * {@code slug} say which record it is (null where unknown or not applicable).
 */
public record DatasetProblem(String section, Integer index, String id, String slug, String field, String message) {}
