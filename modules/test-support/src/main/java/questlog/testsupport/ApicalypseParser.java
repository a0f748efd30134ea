package questlog.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import questlog.testsupport.ApicalypseQuery.And;
import questlog.testsupport.ApicalypseQuery.Comparison;
import questlog.testsupport.ApicalypseQuery.Expr;
import questlog.testsupport.ApicalypseQuery.ListKind;
import questlog.testsupport.ApicalypseQuery.Op;
import questlog.testsupport.ApicalypseQuery.Or;
import questlog.testsupport.ApicalypseQuery.Scalar;
import questlog.testsupport.ApicalypseQuery.Sort;
import questlog.testsupport.ApicalypseQuery.SubQuery;
import questlog.testsupport.ApicalypseQuery.Value;
import questlog.testsupport.ApicalypseQuery.ValueList;

/**
 * Parses the Apicalypse subset that real IGDB clients send. It is strict where IGDB is: every
 * statement ends with {@code ;} (a missing one is IGDB's "Syntax Error" 400), strings are
 * double-quoted. Whether a literal suits its field (a bare number against the string field
 * {@code uid}) needs the schema, so {@link IgdbQueryEngine} checks that.
 */
final class ApicalypseParser {
    private static final int MAX_SUB_QUERIES = 10;

    private final List<Token> tokens;
    private int next;

    private ApicalypseParser(String body) {
        this.tokens = new Lexer(body).tokens();
    }

    static ApicalypseQuery parse(String body) {
        ApicalypseParser parser = new ApicalypseParser(body);
        ApicalypseQuery query = parser.statements(false);
        parser.expect(Kind.EOF, "end of query");
        return query;
    }

    /** A multiquery body: up to ten {@code query <endpoint>[/count] "<name>" { ... };} blocks. */
    static List<SubQuery> parseMulti(String body) {
        ApicalypseParser parser = new ApicalypseParser(body);
        List<SubQuery> queries = new ArrayList<>();
        while (!parser.at(Kind.EOF)) {
            queries.add(parser.subQuery());
        }
        if (queries.isEmpty()) {
            throw IgdbQueryException.syntax("A multiquery needs at least one query block");
        }
        if (queries.size() > MAX_SUB_QUERIES) {
            throw IgdbQueryException.syntax("A multiquery can hold at most " + MAX_SUB_QUERIES
                    + " queries, got " + queries.size());
        }
        return queries;
    }

    private SubQuery subQuery() {
        Token keyword = expect(Kind.IDENT, "'query'");
        if (!keyword.text.equalsIgnoreCase("query")) {
            throw error("Expected 'query'", keyword);
        }
        String endpoint = expect(Kind.IDENT, "an endpoint name").text;
        boolean count = false;
        if (atSymbol("/")) {
            next++;
            Token suffix = expect(Kind.IDENT, "'count'");
            if (!suffix.text.equals("count")) {
                throw error("Expected 'count'", suffix);
            }
            count = true;
        }
        String name = (String) expect(Kind.STRING, "a quoted query name").value;
        expectSymbol("{");
        ApicalypseQuery query = statements(true);
        expectSymbol("}");
        expectSymbol(";");
        return new SubQuery(endpoint, count, name, query);
    }

    private ApicalypseQuery statements(boolean insideBlock) {
        List<String> fields = List.of();
        List<String> excludes = List.of();
        Expr where = null;
        String search = null;
        Sort sort = null;
        Integer limit = null;
        Integer offset = null;
        while (!at(Kind.EOF) && !(insideBlock && atSymbol("}"))) {
            Token keyword = expect(Kind.IDENT, "a statement (fields, where, sort, limit, offset, search, exclude)");
            switch (keyword.text.toLowerCase(Locale.ROOT)) {
                case "fields", "f" -> fields = fieldList();
                case "exclude", "x" -> excludes = fieldList();
                case "where", "w" -> where = expression();
                case "search" -> search = (String) expect(Kind.STRING, "a quoted search text").value;
                case "sort", "s" -> sort = sort();
                case "limit", "l" -> limit = integer();
                case "offset", "o" -> offset = integer();
                default -> throw error("Unknown statement '" + keyword.text + "'", keyword);
            }
            expectSymbol(";");
        }
        return new ApicalypseQuery(fields, excludes, where, search, sort, limit, offset);
    }

    private List<String> fieldList() {
        List<String> names = new ArrayList<>();
        do {
            names.add(expect(Kind.IDENT, "a field name").text);
        } while (acceptSymbol(","));
        return names;
    }

    private Sort sort() {
        String field = expect(Kind.IDENT, "a field to sort by").text;
        boolean descending = false;
        if (at(Kind.IDENT)) {
            Token direction = tokens.get(next++);
            switch (direction.text.toLowerCase(Locale.ROOT)) {
                case "asc" -> descending = false;
                case "desc" -> descending = true;
                default -> throw error("Expected asc or desc", direction);
            }
        }
        return new Sort(field, descending);
    }

    private int integer() {
        Token token = expect(Kind.NUMBER, "a number");
        if (!(token.value instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw error("Expected a non-negative whole number", token);
        }
        return n.intValue();
    }

    // where: '|' binds looser than '&'; parentheses group.
    private Expr expression() {
        Expr left = conjunction();
        while (acceptSymbol("|")) {
            left = new Or(left, conjunction());
        }
        return left;
    }

    private Expr conjunction() {
        Expr left = factor();
        while (acceptSymbol("&")) {
            left = new And(left, factor());
        }
        return left;
    }

    private Expr factor() {
        if (acceptSymbol("(")) {
            Expr inner = expression();
            expectSymbol(")");
            return inner;
        }
        String field = expect(Kind.IDENT, "a field name").text;
        Token opToken = expect(Kind.SYMBOL, "a comparison operator");
        Op op = switch (opToken.text) {
            case "=" -> Op.EQ;
            case "!=" -> Op.NE;
            case ">" -> Op.GT;
            case "<" -> Op.LT;
            case ">=" -> Op.GE;
            case "<=" -> Op.LE;
            case "~" -> Op.MATCHES;
            case "!~" -> Op.NOT_MATCHES;
            default -> throw error("Expected a comparison operator", opToken);
        };
        return new Comparison(field, op, value());
    }

    private Value value() {
        boolean negated = acceptSymbol("!");
        if (atSymbol("(") || atSymbol("[") || atSymbol("{")) {
            String open = tokens.get(next++).text;
            ListKind kind = switch (open) {
                case "(" -> ListKind.ANY;
                case "[" -> ListKind.ALL;
                default -> ListKind.EXACT;
            };
            String close = switch (open) {
                case "(" -> ")";
                case "[" -> "]";
                default -> "}";
            };
            List<Scalar> items = new ArrayList<>();
            do {
                items.add(scalar());
            } while (acceptSymbol(","));
            expectSymbol(close);
            return new ValueList(kind, negated, items);
        }
        if (negated) {
            throw error("Expected (, [ or { after !", peek());
        }
        return scalar();
    }

    private Scalar scalar() {
        Token token = peek();
        switch (token.kind) {
            case NUMBER, STRING -> {
                next++;
                return new Scalar(token.value, token.prefixWildcard, token.suffixWildcard, token.text);
            }
            case IDENT -> {
                String word = token.text.toLowerCase(Locale.ROOT);
                Object value = switch (word) {
                    case "null" -> null;
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    // IGDB's own message for the classic mistake of an unquoted string
                    default -> throw error("Expecting a STRING as input, surround your input with quotes", token);
                };
                next++;
                return new Scalar(value, false, false, token.text);
            }
            default -> throw error("Expected a value", token);
        }
    }

    private boolean at(Kind kind) {
        return peek().kind == kind;
    }

    private boolean atSymbol(String symbol) {
        Token token = peek();
        return token.kind == Kind.SYMBOL && token.text.equals(symbol);
    }

    private boolean acceptSymbol(String symbol) {
        if (atSymbol(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw error("Expected '" + symbol + "'", peek());
        }
    }

    private Token expect(Kind kind, String what) {
        Token token = peek();
        if (token.kind != kind) {
            throw error("Expected " + what, token);
        }
        next++;
        return token;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private static IgdbQueryException error(String message, Token at) {
        String near = at.kind == Kind.EOF ? "end of input" : "'" + at.text + "'";
        return IgdbQueryException.syntax(message + " starting at " + near + " (position " + at.pos + ")");
    }

    enum Kind { IDENT, NUMBER, STRING, SYMBOL, EOF }

    /** {@code value} is the parsed literal for NUMBER (Long or Double) and STRING tokens. */
    record Token(Kind kind, String text, Object value, int pos, boolean prefixWildcard, boolean suffixWildcard) {}

    private static final class Lexer {
        private final String in;
        private int pos;

        Lexer(String in) {
            this.in = in == null ? "" : in;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipWhitespace();
                if (pos >= in.length()) {
                    out.add(new Token(Kind.EOF, "", null, pos, false, false));
                    return out;
                }
                out.add(token());
            }
        }

        private Token token() {
            int start = pos;
            char c = in.charAt(pos);
            // *"text"* : the wildcards of a string match sit outside the quotes
            if (c == '"' || (c == '*' && pos + 1 < in.length() && in.charAt(pos + 1) == '"')) {
                boolean prefix = c == '*';
                if (prefix) {
                    pos++;
                }
                String text = string();
                boolean suffix = pos < in.length() && in.charAt(pos) == '*';
                if (suffix) {
                    pos++;
                }
                return new Token(Kind.STRING, in.substring(start, pos), text, start, prefix, suffix);
            }
            if (Character.isDigit(c) || (c == '-' && pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1)))) {
                return number();
            }
            if (Character.isLetter(c) || c == '_' || c == '*') {
                while (pos < in.length() && isIdentPart(in.charAt(pos))) {
                    pos++;
                }
                String text = in.substring(start, pos);
                return new Token(Kind.IDENT, text, null, start, false, false);
            }
            String two = pos + 1 < in.length() ? in.substring(pos, pos + 2) : "";
            if (two.equals("!=") || two.equals(">=") || two.equals("<=") || two.equals("!~")) {
                pos += 2;
                return new Token(Kind.SYMBOL, two, null, start, false, false);
            }
            if ("=<>~()[]{},;&|!/".indexOf(c) >= 0) {
                pos++;
                return new Token(Kind.SYMBOL, String.valueOf(c), null, start, false, false);
            }
            throw IgdbQueryException.syntax("Unexpected character '" + c + "' at position " + start);
        }

        private String string() {
            int start = pos;
            pos++; // opening quote
            StringBuilder text = new StringBuilder();
            while (pos < in.length()) {
                char c = in.charAt(pos++);
                if (c == '"') {
                    return text.toString();
                }
                if (c == '\\' && pos < in.length()) {
                    c = in.charAt(pos++);
                }
                text.append(c);
            }
            throw IgdbQueryException.syntax("Unterminated string starting at position " + start);
        }

        private Token number() {
            int start = pos;
            pos++;
            while (pos < in.length() && (Character.isDigit(in.charAt(pos)) || in.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < in.length() && isIdentPart(in.charAt(pos))) {
                throw IgdbQueryException.syntax("Malformed number starting at position " + start);
            }
            String text = in.substring(start, pos);
            try {
                Object value = text.contains(".") ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
                return new Token(Kind.NUMBER, text, value, start, false, false);
            } catch (NumberFormatException e) {
                throw IgdbQueryException.syntax("Malformed number '" + text + "' at position " + start);
            }
        }

        private void skipWhitespace() {
            while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isIdentPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '*';
        }
    }
}
