package questlog.importers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.node.Block;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import questlog.common.CatalogWrites.ExternalKey;
import questlog.common.Slugs;

/**
 * Reads a gist of played games with a CommonMark parser (the same rules GitHub renders it with,
 * bare URLs included) and says what each list item means, without looking at the library:
 * <ul>
 * <li>A heading starts a section. Level 2 and deeper headings name a series (a franchise), unless
 *     they say a status ("Abandoned", "On hold", "Playing", "Backlog", "Completed"), a ranking
 *     ("Top 25", "Favourites", "Best", "Ranking") or nothing in particular ("Other", "Misc");
 *     a level 1 heading is the document's title.</li>
 * <li>A bullet item is one playthrough of one game, with the status of its section (completed
 *     unless a heading says otherwise); a nested item is an expansion of the item above it.</li>
 * <li>A numbered list is a ranked list named by its heading, in that order; a bullet list under a
 *     ranking heading is an unranked list. Their items make list entries, not playthroughs.</li>
 * <li>An item is the game's name, then notes in parentheses or after a spaced dash
 *     ("Final Fantasy IV (SNES, later the DS remake)", "Persona 4 Golden — Vita, NG+"); the
 *     first note that is a platform's name is the platform. A link's text is the name; a Steam
 *     store link also gives the Steam app id. A bare link names no game, only an id.</li>
 * </ul>
 * Anything else (prose, code, an empty item, a task box, a nested item in a ranking) is reported
 * with its line and skipped: the parser never guesses.
 */
final class GistParser {
    static final int MAX_NAME = 255;
    private static final int MAX_SOURCE_REF = 500;

    private static final Pattern STEAM_APP = Pattern.compile("^https?://(?:store\\.steampowered\\.com|steamcommunity\\.com)/app/(\\d+)");
    private static final Pattern URL = Pattern.compile("^(?:https?://|www\\.)\\S+$");
    private static final Pattern DASH = Pattern.compile("\\s[\\u2014\\u2013-]\\s");
    private static final Pattern TASK = Pattern.compile("^\\[[ xX]\\]\\s");
    private static final Pattern NOTE_SPLIT = Pattern.compile("[,;/()]|\\s[\\u2014\\u2013-]\\s|\\s+later\\s+|\\s+then\\s+|\\s+and\\s+");

    private record Keyword(Pattern pattern, String meaning) {}

    private static final List<Keyword> STATUSES = List.of(
            keyword("abandoned|dropped|gave up|given up|unfinished|did not finish|dnf", "abandoned"),
            keyword("on hold|on-hold|paused|shelved|hiatus", "paused"),
            keyword("currently playing|now playing|playing|in progress", "playing"),
            keyword("backlog|planned|to play|wishlist|wish list|up next", "planned"),
            keyword("completed|finished|beaten|cleared|done", "completed"));
    private static final Pattern RANKING = words("top|top \\d+|favourites|favorites|favourite|favorite|best|ranking|ranked|tier list|all-time");
    private static final Pattern GENERIC = words("other|others|misc|miscellaneous|standalone|various|uncategori[sz]ed|replays?|replayed|links");
    /**
     * A heading that is a year or a range of years ("2023", "2019 – 2020:"): when the games were
     * played, not a series. It says no date either (a year is not a day): the completions stay undated.
     */
    private static final Pattern YEARS = Pattern.compile("\\W*(?:19|2[0-2])\\d\\d(?:\\s*[-–—/]\\s*(?:19|2[0-2])\\d\\d)?\\W*");
    /** A name struck through with GitHub's {@code ~~…~~}: the gist takes the game back, so it is not read as played. */
    private static final Pattern STRUCK = Pattern.compile("~~.*~~");

    /** Platform names as people write them, lower case; the gist's own spelling is what is stored. */
    private static final Set<String> PLATFORMS = Set.of(
            "pc", "windows", "mac", "macos", "linux", "steam", "steam deck", "switch", "nintendo switch", "switch 2",
            "wii", "wii u", "gamecube", "gc", "n64", "nintendo 64", "snes", "super nintendo", "super famicom", "sfc",
            "nes", "famicom", "game boy", "gb", "gbc", "game boy color", "gba", "game boy advance", "ds", "nds",
            "nintendo ds", "3ds", "new 3ds", "nintendo 3ds", "ps1", "psx", "ps one", "playstation", "ps2",
            "playstation 2", "ps3", "playstation 3", "ps4", "playstation 4", "ps5", "playstation 5", "psp", "vita",
            "ps vita", "playstation vita", "xbox", "xbox 360", "x360", "360", "xbox one", "xbox series x",
            "xbox series s", "xbox series x|s", "series x", "genesis", "mega drive", "megadrive", "saturn", "dreamcast",
            "sega cd", "master system", "game gear", "turbografx-16", "pc engine", "neo geo", "ios", "android",
            "iphone", "ipad", "mobile", "stadia", "arcade", "dos", "ms-dos", "amiga", "c64", "commodore 64", "msx");

    private final Parser parser = Parser.builder()
            .extensions(List.of(AutolinkExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    /** What a gist says: its understood items in document order (parents before their expansions), and the skipped lines. */
    record Gist(List<GistItem> items, List<SkippedLine> skipped) {}

    Gist parse(String markdown) {
        return new Reading().read(parser.parse(markdown));
    }

    /** One parse: the heading stack and what was found so far. */
    private static final class Reading {
        private final List<Heading> headings = new ArrayList<>();
        private final List<String> headingTexts = new ArrayList<>();
        private final List<GistItem> items = new ArrayList<>();
        private final List<SkippedLine> skipped = new ArrayList<>();
        private final Map<String, Integer> occurrences = new HashMap<>();

        Gist read(Node document) {
            for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
                switch (block) {
                    case Heading heading -> enter(heading);
                    case ListBlock list -> list(list, section(list instanceof OrderedList), -1);
                    case ThematicBreak ignored -> { }
                    default -> skipped.add(new SkippedLine(line(block), excerpt(block), "not a list item"));
                }
            }
            return new Gist(List.copyOf(items), List.copyOf(skipped));
        }

        private void enter(Heading heading) {
            while (!headings.isEmpty() && headings.getLast().getLevel() >= heading.getLevel()) {
                headings.removeLast();
                headingTexts.removeLast();
            }
            headings.add(heading);
            headingTexts.add(inline(heading, new ArrayList<>()));
        }

        private GistSection section(boolean numbered) {
            String path = String.join(" / ", headingTexts);
            String status = null;
            String franchise = null;
            String ranking = null;
            for (int i = headings.size() - 1; i >= 0; i--) {
                String text = headingTexts.get(i);
                String said = statusOf(text);
                boolean rankingHeading = RANKING.matcher(text).find();
                if (said != null && status == null) {
                    status = said; // the deepest heading that says a status wins
                }
                if (rankingHeading && ranking == null) {
                    ranking = text;
                }
                if (franchise == null && said == null && !rankingHeading && headings.get(i).getLevel() >= 2
                        && !GENERIC.matcher(text).matches() && !YEARS.matcher(text).matches() && !text.isBlank()) {
                    franchise = text;
                }
            }
            if (numbered) {
                String name = ranking != null ? ranking : headingTexts.isEmpty() ? "Ranking" : headingTexts.getLast();
                return new GistSection(path, null, null, name.isBlank() ? "Ranking" : name, true);
            }
            if (ranking != null) {
                return new GistSection(path, null, null, ranking, false);
            }
            return new GistSection(path, franchise, status == null ? "completed" : status, null, false);
        }

        /** The items of a list; {@code parent} is the index of the item they are expansions of, or -1. */
        private void list(ListBlock list, GistSection section, int parent) {
            for (Node child = list.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof ListItem item) {
                    item(item, section, parent);
                }
            }
        }

        private void item(ListItem item, GistSection section, int parent) {
            int line = line(item);
            Node first = item.getFirstChild();
            int index = -1;
            if (!(first instanceof Paragraph paragraph)) {
                skipped.add(new SkippedLine(line, "", "an empty list item"));
            } else {
                List<String> links = new ArrayList<>();
                String text = inline(paragraph, links);
                String problem = understood(text, links);
                if (problem != null) {
                    skipped.add(new SkippedLine(line, text, problem));
                } else {
                    index = items.size();
                    items.add(parseItem(line, text, links, section, parent));
                }
            }
            for (Node child = first == null ? null : first.getNext(); child != null; child = child.getNext()) {
                if (!(child instanceof ListBlock nested)) {
                    continue;
                }
                if (section.isList()) {
                    skipAll(nested, "a nested item in a ranking (rankings list games, not expansions)");
                } else if (index < 0) {
                    skipAll(nested, "its parent item (line " + line + ") was skipped");
                } else {
                    list(nested, section, index);
                }
            }
        }

        private void skipAll(ListBlock list, String reason) {
            for (Node child = list.getFirstChild(); child != null; child = child.getNext()) {
                Node first = child.getFirstChild();
                String text = first instanceof Paragraph p ? inline(p, new ArrayList<>()) : "";
                skipped.add(new SkippedLine(line(child), text, reason));
                for (Node inner = first == null ? null : first.getNext(); inner != null; inner = inner.getNext()) {
                    if (inner instanceof ListBlock nested) {
                        skipAll(nested, reason);
                    }
                }
            }
        }

        /** Null when the item's text can be read, else why not. */
        private static String understood(String text, List<String> links) {
            if (text.isBlank()) {
                return "an empty list item";
            }
            if (TASK.matcher(text).find()) {
                return "a task-list box: say the status with a heading instead";
            }
            if (isBareLink(text, links)) {
                return links.isEmpty() || steamApp(links.getFirst()) == null
                        ? "a bare link names no game (only a Steam store link gives an id to match)" : null;
            }
            String name = nameOf(text);
            if (name.isEmpty()) {
                return "no game name before the notes";
            }
            if (STRUCK.matcher(name).matches()) {
                return "struck through (~~…~~): taken back, not read as played";
            }
            if (name.length() > MAX_NAME) {
                return "a game name longer than " + MAX_NAME + " characters";
            }
            return null;
        }

        private GistItem parseItem(int line, String text, List<String> links, GistSection section, int parent) {
            ExternalKey link = links.stream().map(GistParser::steamApp).filter(k -> k != null).findFirst().orElse(null);
            String identity = section.path() + "\n" + text;
            int occurrence = occurrences.merge(identity, 1, Integer::sum);
            String ref = sourceRef(section.path(), text, occurrence);
            if (isBareLink(text, links)) {
                return new GistItem(line, text, null, null, null, link, section, parent, ref);
            }
            String name = nameOf(text);
            String notes = notesOf(text, name);
            return new GistItem(line, text, name, notes, platformOf(notes), link, section, parent, ref);
        }
    }

    private static Keyword keyword(String alternatives, String meaning) {
        return new Keyword(words(alternatives), meaning);
    }

    private static Pattern words(String alternatives) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The status a heading says, by the keyword that comes first in it; null for none. */
    static String statusOf(String heading) {
        String found = null;
        int at = Integer.MAX_VALUE;
        for (Keyword k : STATUSES) {
            Matcher m = k.pattern().matcher(heading);
            if (m.find() && m.start() < at) {
                at = m.start();
                found = k.meaning();
            }
        }
        return found;
    }

    private static boolean isBareLink(String text, List<String> links) {
        return URL.matcher(text).matches() || links.size() == 1 && links.getFirst().equals(text);
    }

    static ExternalKey steamApp(String url) {
        Matcher m = STEAM_APP.matcher(url);
        return m.find() ? new ExternalKey("steam", m.group(1)) : null;
    }

    /** The text before the first note: a parenthesis after a space, or a dash with spaces around it. */
    static String nameOf(String text) {
        int cut = text.length();
        int paren = text.indexOf(" (");
        if (paren >= 0) {
            cut = paren;
        }
        Matcher dash = DASH.matcher(text);
        if (dash.find() && dash.start() < cut) {
            cut = dash.start();
        }
        if (text.startsWith("(")) {
            cut = 0;
        }
        return text.substring(0, cut).strip();
    }

    /** The notes after the name, as written, without the leading dash or one pair of enclosing parentheses; null for none. */
    static String notesOf(String text, String name) {
        String rest = text.substring(text.indexOf(name) + name.length()).strip();
        if (rest.isEmpty()) {
            return null;
        }
        if (rest.startsWith("\u2014") || rest.startsWith("\u2013") || rest.startsWith("-")) {
            rest = rest.substring(1).strip();
        }
        if (rest.startsWith("(") && rest.endsWith(")") && rest.indexOf(')') == rest.length() - 1) {
            rest = rest.substring(1, rest.length() - 1).strip();
        }
        return rest.isEmpty() ? null : rest;
    }

    /** The first note that is a platform's name, as written ("SNES", "Vita"); null for none. */
    static String platformOf(String notes) {
        if (notes == null) {
            return null;
        }
        for (String token : NOTE_SPLIT.split(notes)) {
            String t = token.strip();
            if (t.toLowerCase(Locale.ROOT).startsWith("on ")) {
                t = t.substring(3).strip();
            }
            if (PLATFORMS.contains(t.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        return null;
    }

    /**
     * A line's identity: its section and its text (and which occurrence of that text in the
     * section it is), readable while short enough, else a hash of the same.
     */
    static String sourceRef(String sectionPath, String text, int occurrence) {
        String section = Slugs.slugify(sectionPath, "top");
        String ref = "gist:" + (section.length() > 120 ? section.substring(0, 120) : section) + ":"
                + Slugs.slugify(text, "item") + (occurrence > 1 ? ":" + occurrence : "");
        return ref.length() > MAX_SOURCE_REF ? "gist:" + sha256(sectionPath + "\n" + text + "\n" + occurrence) : ref;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a block's inlines, spaces collapsed; link targets go to {@code links}. */
    static String inline(Node block, List<String> links) {
        StringBuilder out = new StringBuilder();
        appendInline(block, out, links);
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static void appendInline(Node node, StringBuilder out, List<String> links) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            switch (child) {
                case Text text -> out.append(text.getLiteral());
                case Code code -> out.append(code.getLiteral());
                case SoftLineBreak ignored -> out.append(' ');
                case HardLineBreak ignored -> out.append(' ');
                case HtmlInline ignored -> { }
                case Link link -> {
                    links.add(link.getDestination());
                    appendInline(link, out, links);
                }
                default -> appendInline(child, out, links);
            }
        }
    }

    private static int line(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getFirst().getLineIndex() + 1;
    }

    private static String excerpt(Node block) {
        String text = block instanceof Block ? inline(block, new ArrayList<>()) : "";
        if (text.isEmpty() && block instanceof org.commonmark.node.FencedCodeBlock code) {
            text = code.getLiteral().strip();
        }
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
