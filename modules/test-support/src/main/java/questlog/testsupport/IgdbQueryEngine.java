package questlog.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import questlog.testsupport.ApicalypseQuery.And;
import questlog.testsupport.ApicalypseQuery.Comparison;
import questlog.testsupport.ApicalypseQuery.Expr;
import questlog.testsupport.ApicalypseQuery.Op;
import questlog.testsupport.ApicalypseQuery.Or;
import questlog.testsupport.ApicalypseQuery.Scalar;
import questlog.testsupport.ApicalypseQuery.ValueList;
import questlog.testsupport.IgdbSchema.Endpoint;
import questlog.testsupport.IgdbSchema.FieldType;
import questlog.testsupport.IgdbSchema.Kind;
import questlog.testsupport.IgdbTables.Table;

/**
 * Runs a parsed Apicalypse query against the catalog's tables, the way IGDB answers: filter
 * ({@code where}, {@code search}), order (relevance for a search, else {@code sort}, else id),
 * page ({@code offset}, {@code limit}: default 10, at most 500), then shape each row to the
 * requested {@code fields} with dot-expansion of references. {@code id} is always returned;
 * fields without a value are left out.
 */
final class IgdbQueryEngine {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 500;
    // stands for "no value" inside an any-of list, so (1,null) also matches an absent field
    private static final Object NULL_KEY = new Object();

    private final IgdbTables tables;

    IgdbQueryEngine(IgdbTables tables) {
        this.tables = tables;
    }

    List<Map<String, Object>> find(String endpointName, ApicalypseQuery query) {
        Endpoint endpoint = endpoint(endpointName);
        int limit = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        if (limit > MAX_LIMIT) {
            // Observed body of real IGDB (its spelling); the status is 400 here, see FakeIgdb's notes
            throw new IgdbQueryException(400, "Request limit to high",
                    "You typed in " + limit + " as limit but your maximum is " + MAX_LIMIT);
        }
        Node fields = fieldTree(endpoint, query.fields());
        List<List<String>> excludes = new ArrayList<>();
        for (String exclude : query.excludes()) {
            resolve(endpoint.name(), exclude, false);
            excludes.add(Arrays.asList(exclude.split("\\.")));
        }
        List<Map<String, Object>> rows = matching(endpoint, query);
        int offset = query.offset() == null ? 0 : query.offset();
        List<Map<String, Object>> page = rows.subList(Math.min(offset, rows.size()),
                Math.min(rows.size(), offset + limit));
        List<Map<String, Object>> out = new ArrayList<>(page.size());
        for (Map<String, Object> row : page) {
            Map<String, Object> shaped = project(row, endpoint.name(), fields);
            for (List<String> exclude : excludes) {
                remove(shaped, exclude, 0);
            }
            out.add(shaped);
        }
        return out;
    }

    long count(String endpointName, ApicalypseQuery query) {
        return matching(endpoint(endpointName), query).size();
    }

    private static Endpoint endpoint(String name) {
        Endpoint endpoint = IgdbSchema.endpoint(name);
        if (endpoint == null) {
            throw IgdbQueryException.syntax("Unknown endpoint '" + name + "'");
        }
        return endpoint;
    }

    // ---- filtering and ordering ----

    private List<Map<String, Object>> matching(Endpoint endpoint, ApicalypseQuery query) {
        Predicate<Map<String, Object>> where = query.where() == null ? row -> true
                : compile(endpoint.name(), query.where());
        Comparator<Map<String, Object>> sort = query.sort() == null ? null : sorter(endpoint.name(), query.sort());
        List<Map<String, Object>> rows = new ArrayList<>();
        if (query.search() == null) {
            for (Map<String, Object> row : tables.table(endpoint.name()).rows()) {
                if (where.test(row)) {
                    rows.add(row);
                }
            }
        } else {
            if (!endpoint.fields().containsKey("name")) {
                throw IgdbQueryException.syntax("search is not available on " + endpoint.name());
            }
            record Ranked(Map<String, Object> row, int rank, int length) {}
            List<Ranked> ranked = new ArrayList<>();
            for (Map<String, Object> row : tables.table(endpoint.name()).rows()) {
                String name = (String) row.get("name");
                int rank = name == null ? -1 : SearchRank.rank(name, query.search());
                if (rank >= 0 && where.test(row)) {
                    ranked.add(new Ranked(row, rank, name.length()));
                }
            }
            // best match first; among equals the shorter name, then the lower id (rows are in id order)
            ranked.sort(Comparator.comparingInt(Ranked::rank).thenComparingInt(Ranked::length));
            for (Ranked r : ranked) {
                rows.add(r.row());
            }
        }
        if (sort != null) {
            rows.sort(sort);
        }
        return rows;
    }

    private Comparator<Map<String, Object>> sorter(String endpoint, ApicalypseQuery.Sort sort) {
        Path path = resolve(endpoint, sort.field(), false);
        return (a, b) -> {
            Object x = first(values(a, endpoint, path));
            Object y = first(values(b, endpoint, path));
            if (x == null || y == null) {
                // rows without a value go last in either direction
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            int c = compare(x, y);
            return sort.descending() ? -c : c;
        };
    }

    private Predicate<Map<String, Object>> compile(String endpoint, Expr expr) {
        return switch (expr) {
            case And and -> {
                Predicate<Map<String, Object>> left = compile(endpoint, and.left());
                Predicate<Map<String, Object>> right = compile(endpoint, and.right());
                yield row -> left.test(row) && right.test(row);
            }
            case Or or -> {
                Predicate<Map<String, Object>> left = compile(endpoint, or.left());
                Predicate<Map<String, Object>> right = compile(endpoint, or.right());
                yield row -> left.test(row) || right.test(row);
            }
            case Comparison comparison -> compile(endpoint, comparison);
        };
    }

    private Predicate<Map<String, Object>> compile(String endpoint, Comparison c) {
        Path path = resolve(endpoint, c.field(), false);
        if (path.deprecated()) {
            // IGDB keeps accepting deprecated fields but newer rows have no value: the filter finds nothing
            return row -> false;
        }
        checkTypes(path.leaf(), c);
        Predicate<List<Object>> test = switch (c.value()) {
            case Scalar s -> scalarTest(c.op(), s);
            case ValueList list -> listTest(c.op(), list);
        };
        return row -> test.test(values(row, endpoint, path));
    }

    private static void checkTypes(FieldType leaf, Comparison c) {
        List<Scalar> literals = switch (c.value()) {
            case Scalar s -> List.of(s);
            case ValueList list -> list.items();
        };
        for (Scalar s : literals) {
            if (c.op() == Op.MATCHES || c.op() == Op.NOT_MATCHES) {
                if (!(s.value() instanceof String)) {
                    throw IgdbQueryException.syntax("Expecting a STRING as input, surround your input with quotes "
                            + "starting at '" + s.raw() + "'");
                }
                continue;
            }
            if (leaf == null || s.value() == null) {
                continue;
            }
            if (leaf.kind() == Kind.STRING && s.value() instanceof Number) {
                // the classic external_games.uid = 620 mistake: IGDB rejects it instead of converting
                throw IgdbQueryException.syntax("Expecting a STRING as input, surround your input with quotes "
                        + "starting at '" + s.raw() + "' for field '" + c.field() + "'");
            }
            if (leaf.isNumeric() && s.value() instanceof String) {
                throw IgdbQueryException.syntax("Expecting a NUMBER as input starting at '" + s.raw()
                        + "' for field '" + c.field() + "'");
            }
        }
    }

    private static Predicate<List<Object>> scalarTest(Op op, Scalar s) {
        Object literal = s.value();
        if (literal == null) {
            return switch (op) {
                case EQ -> List::isEmpty;
                case NE -> values -> !values.isEmpty();
                default -> throw IgdbQueryException.syntax("null can only be compared with = or !=");
            };
        }
        return switch (op) {
            case EQ -> anyMatch(equality(s, false));
            case NE -> anyMatch(equality(s, false)).negate();
            case MATCHES -> anyMatch(equality(s, true));
            case NOT_MATCHES -> anyMatch(equality(s, true)).negate();
            case GT -> anyMatch(v -> comparable(v, literal) && compare(v, literal) > 0);
            case LT -> anyMatch(v -> comparable(v, literal) && compare(v, literal) < 0);
            case GE -> anyMatch(v -> comparable(v, literal) && compare(v, literal) >= 0);
            case LE -> anyMatch(v -> comparable(v, literal) && compare(v, literal) <= 0);
        };
    }

    /** {@code =} is exact (case-sensitive, wildcards only outside the quotes); {@code ~} ignores case. */
    private static Predicate<Object> equality(Scalar s, boolean caseInsensitive) {
        if (s.value() instanceof String text) {
            if (!caseInsensitive && !s.prefixWildcard() && !s.suffixWildcard()) {
                return text::equals;
            }
            Pattern pattern = wildcardPattern(text, s.prefixWildcard(), s.suffixWildcard(), caseInsensitive);
            return v -> v instanceof String str && pattern.matcher(str).matches();
        }
        Object key = key(s.value());
        return v -> key(v).equals(key);
    }

    private static Pattern wildcardPattern(String text, boolean prefix, boolean suffix, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder(prefix ? ".*" : "");
        // with ~ a * inside the quotes is a wildcard too
        String[] parts = caseInsensitive ? text.split("\\*", -1) : new String[] {text};
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        regex.append(suffix ? ".*" : "");
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }

    private static Predicate<List<Object>> listTest(Op op, ValueList list) {
        if (op != Op.EQ && op != Op.NE) {
            throw IgdbQueryException.syntax("A list of values can only be compared with = or !=");
        }
        Set<Object> wanted = new HashSet<>();
        for (Scalar s : list.items()) {
            wanted.add(s.value() == null ? NULL_KEY : key(s.value()));
        }
        Predicate<List<Object>> base = switch (list.kind()) {
            case ANY -> values -> {
                if (values.isEmpty()) {
                    return wanted.contains(NULL_KEY);
                }
                for (Object v : values) {
                    if (wanted.contains(key(v))) {
                        return true;
                    }
                }
                return false;
            };
            case ALL -> values -> keys(values).containsAll(wanted);
            case EXACT -> values -> keys(values).equals(wanted);
        };
        boolean negate = list.negated() ^ (op == Op.NE);
        return negate ? base.negate() : base;
    }

    private static Predicate<List<Object>> anyMatch(Predicate<Object> test) {
        return values -> {
            for (Object v : values) {
                if (test.test(v)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Set<Object> keys(List<Object> values) {
        Set<Object> keys = new HashSet<>();
        for (Object v : values) {
            keys.add(key(v));
        }
        return keys;
    }

    /** Equal numbers get equal keys whatever their Java type (72 and 72.0). */
    private static Object key(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return d.longValue();
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    private static boolean comparable(Object a, Object b) {
        return (a instanceof Number && b instanceof Number) || (a instanceof String && b instanceof String);
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return 0;
    }

    private static Object first(List<Object> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    // ---- field paths ----

    /**
     * A validated dotted field path. {@code leaf} is null when the path ends in {@code *} or runs
     * into a field the catalog does not model (such a path simply has no values).
     */
    private record Path(List<String> segments, FieldType leaf, boolean deprecated, boolean modelled) {}

    private static Path resolve(String endpoint, String dotted, boolean allowStar) {
        List<String> segments = Arrays.asList(dotted.split("\\.", -1));
        String current = endpoint;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.equals("*") && allowStar && last) {
                return new Path(segments, null, false, true);
            }
            Endpoint e = IgdbSchema.endpoint(current);
            if (e.deprecated().contains(segment)) {
                return new Path(segments, null, true, false);
            }
            if (e.unmodelled().contains(segment)) {
                return new Path(segments, null, false, false);
            }
            FieldType type = e.fields().get(segment);
            if (type == null || (!last && !type.isReference())) {
                throw IgdbQueryException.invalidField(dotted);
            }
            if (last) {
                return new Path(segments, type, false, true);
            }
            current = type.target();
        }
        throw IgdbQueryException.invalidField(dotted);
    }

    /** The values a path reaches from one row, following references; lists are flattened. */
    private List<Object> values(Map<String, Object> row, String endpoint, Path path) {
        if (!path.modelled()) {
            return List.of();
        }
        List<Object> out = new ArrayList<>(2);
        collect(row, endpoint, path.segments(), 0, out);
        return out;
    }

    private void collect(Map<String, Object> row, String endpoint, List<String> segments, int i, List<Object> out) {
        String field = segments.get(i);
        Object value = row.get(field);
        if (value == null) {
            return;
        }
        if (i == segments.size() - 1) {
            if (value instanceof List<?> list) {
                out.addAll(list);
            } else {
                out.add(value);
            }
            return;
        }
        String target = IgdbSchema.endpoint(endpoint).fields().get(field).target();
        Table table = tables.table(target);
        if (value instanceof List<?> ids) {
            for (Object id : ids) {
                Map<String, Object> next = table.byId().get(id);
                if (next != null) {
                    collect(next, target, segments, i + 1, out);
                }
            }
        } else {
            Map<String, Object> next = table.byId().get(value);
            if (next != null) {
                collect(next, target, segments, i + 1, out);
            }
        }
    }

    // ---- shaping the answer ----

    /** The requested fields as a tree: {@code cover.image_id} is cover -> image_id. */
    private static final class Node {
        boolean star;
        final Map<String, Node> children = new LinkedHashMap<>();

        boolean expands() {
            return star || !children.isEmpty();
        }
    }

    private static Node fieldTree(Endpoint endpoint, List<String> fields) {
        Node root = new Node();
        for (String field : fields) {
            resolve(endpoint.name(), field, true);
            Node node = root;
            for (String segment : field.split("\\.")) {
                if (segment.equals("*")) {
                    node.star = true;
                } else {
                    node = node.children.computeIfAbsent(segment, s -> new Node());
                }
            }
        }
        return root;
    }

    private Map<String, Object> project(Map<String, Object> row, String endpoint, Node node) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", row.get("id"));
        for (Map.Entry<String, FieldType> field : IgdbSchema.endpoint(endpoint).fields().entrySet()) {
            String name = field.getKey();
            Node child = node.children.get(name);
            Object value = row.get(name);
            if (name.equals("id") || value == null || (!node.star && child == null)) {
                continue;
            }
            FieldType type = field.getValue();
            if (child != null && child.expands() && type.isReference()) {
                if (value instanceof List<?> ids) {
                    List<Object> expanded = new ArrayList<>(ids.size());
                    for (Object id : ids) {
                        expanded.add(expand(type.target(), id, child));
                    }
                    out.put(name, expanded);
                } else {
                    out.put(name, expand(type.target(), value, child));
                }
            } else {
                // without expansion a reference is its id (a list of ids)
                out.put(name, value);
            }
        }
        return out;
    }

    private Map<String, Object> expand(String endpoint, Object id, Node node) {
        Map<String, Object> target = tables.table(endpoint).byId().get(id);
        if (target == null) {
            Map<String, Object> onlyId = new LinkedHashMap<>();
            onlyId.put("id", id);
            return onlyId;
        }
        return project(target, endpoint, node);
    }

    @SuppressWarnings("unchecked")
    private static void remove(Object shaped, List<String> path, int i) {
        if (shaped instanceof List<?> list) {
            for (Object item : list) {
                remove(item, path, i);
            }
        } else if (shaped instanceof Map<?, ?> map) {
            Map<String, Object> fields = (Map<String, Object>) map;
            if (i == path.size() - 1) {
                fields.remove(path.get(i));
            } else if (fields.containsKey(path.get(i))) {
                remove(fields.get(path.get(i)), path, i + 1);
            }
        }
    }

    /** Relevance of a name for a search text, lower is better; -1 when some word is missing. */
    static final class SearchRank {
        private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

        private SearchRank() {}

        static int rank(String name, String search) {
            String n = normalize(name);
            String q = normalize(search);
            if (q.isEmpty()) {
                return 3;
            }
            Set<String> nameWords = new HashSet<>(Arrays.asList(n.split(" ")));
            boolean wholeWords = true;
            for (String word : q.split(" ")) {
                if (!n.contains(word)) {
                    return -1;
                }
                wholeWords &= nameWords.contains(word);
            }
            if (n.equals(q)) {
                return 0;
            }
            if (n.startsWith(q + " ")) {
                return 1;
            }
            return wholeWords ? 2 : 3;
        }

        static String normalize(String s) {
            return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        }
    }
}
