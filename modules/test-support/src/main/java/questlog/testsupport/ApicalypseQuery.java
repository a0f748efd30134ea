package questlog.testsupport;

import java.util.List;

/**
 * One parsed Apicalypse body ({@code fields ...; where ...; sort ...; limit ...;}). Absent
 * statements are null (or empty lists); IGDB's defaults are applied when the query runs.
 */
record ApicalypseQuery(List<String> fields, List<String> excludes, Expr where, String search, Sort sort,
                       Integer limit, Integer offset) {

    record Sort(String field, boolean descending) {}

    /** A {@code where} expression. */
    sealed interface Expr permits And, Or, Comparison {}

    record And(Expr left, Expr right) implements Expr {}

    record Or(Expr left, Expr right) implements Expr {}

    /** {@code field op value}; {@code field} may be dotted ({@code external_games.uid}). */
    record Comparison(String field, Op op, Value value) implements Expr {}

    enum Op {
        EQ("="), NE("!="), GT(">"), LT("<"), GE(">="), LE("<="), MATCHES("~"), NOT_MATCHES("!~");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    sealed interface Value permits Scalar, ValueList {}

    /**
     * A literal: {@code Long}, {@code Double}, {@code String}, {@code Boolean}, or null for
     * {@code null}. Strings carry the {@code *"..."*} wildcards written outside the quotes; {@code raw}
     * is the text as written, for error messages.
     */
    record Scalar(Object value, boolean prefixWildcard, boolean suffixWildcard, String raw) implements Value {}

    /** {@code (a,b)} any of, {@code [a,b]} all of, {@code {a,b}} exactly; {@code !(...)} negates. */
    record ValueList(ListKind kind, boolean negated, List<Scalar> items) implements Value {}

    enum ListKind { ANY, ALL, EXACT }

    /** One named sub-query of a multiquery: {@code query games/count "name" { ... };}. */
    record SubQuery(String endpoint, boolean count, String name, ApicalypseQuery query) {}
}
