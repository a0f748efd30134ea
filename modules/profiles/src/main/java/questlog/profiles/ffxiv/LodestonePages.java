package questlog.profiles.ffxiv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;

/**
 * Reads the Lodestone's English character pages with jsoup, using the selectors of the community's
 * shared definitions (xivapi/lodestone-css-selectors) and the nesting of real pages (see the test
 * fixtures' README). A page is read whole or not at all: a maintenance notice is
 * {@code UPSTREAM_DOWN}, a privacy notice {@code PRIVATE}, and a page without the elements every
 * character page has (a redesign) is {@code BAD_RESPONSE}, so a changed layout never becomes a
 * half-empty snapshot. The column beside the content ({@code ldst__side}) is dropped first: it
 * carries a feed of other players' faces and free companies that loose selectors would read.
 */
final class LodestonePages {
    private static final Pattern WORLD = Pattern.compile("^(?<world>.+?)\\s*\\[(?<dc>.*?)\\]$");
    private static final Pattern LEVEL = Pattern.compile("(\\d+)");
    private static final Pattern JOB_NAME = Pattern.compile("^([^\\[(]+)");
    private static final Pattern EXP = Pattern.compile("^([\\d,]+)\\s*/\\s*([\\d,]+)$");
    private static final Pattern CHARACTER_LINK = Pattern.compile("/lodestone/character/(\\d+)/");
    private static final Pattern FREE_COMPANY_LINK = Pattern.compile("lodestone/freecompany/(\\d+)/");

    private LodestonePages() {}

    /** The head of a character's profile page. */
    record Profile(String name, String title, String world, String dataCenter, String activeJobIcon,
                   int activeJobLevel, FfxivSnapshot.FreeCompany freeCompany) {}

    /** One row of the class/job page, with the icon that names it on the profile page. */
    record JobRow(FfxivSnapshot.Job job, String icon) {}

    /** One search result. */
    record SearchEntry(String id, String name, String world, String dataCenter) {}

    static Profile profile(String html, String characterId) {
        Document page = parse(html);
        refuseNotices(page, characterId);
        String name = text(page, "div.frame__chara__box p.frame__chara__name");
        String server = text(page, "div.frame__chara__box p.frame__chara__world");
        if (name == null || server == null) {
            throw layoutChanged("character " + characterId + " has no name or world");
        }
        Matcher world = WORLD.matcher(server);
        if (!world.matches()) {
            throw layoutChanged("the world of character " + characterId + " reads '" + server + "'");
        }
        Element icon = page.selectFirst("div.character__class_icon > img");
        Matcher level = LEVEL.matcher(orEmpty(text(page, "div.character__class__data > p")));
        if (icon == null || !level.find()) {
            throw layoutChanged("character " + characterId + " shows no active class");
        }
        return new Profile(name, text(page, "div.frame__chara__box p.frame__chara__title"), world.group("world"),
                world.group("dc"), icon.attr("src"), Integer.parseInt(level.group(1)), freeCompany(page));
    }

    static List<JobRow> classJobs(String html, String characterId) {
        Document page = parse(html);
        refuseNotices(page, characterId);
        List<JobRow> rows = new ArrayList<>();
        // Each role block holds one or two ul.character__job lists (the ranged block has both its
        // physical and magical list); the special zones (Bozja, Eureka, Occult Crescent) are
        // div.character__job__list rows with their own levels, not jobs, and are left out.
        for (Element li : page.select("div.character__content div.character__job__role ul.character__job > li")) {
            Matcher name = JOB_NAME.matcher(orEmpty(text(li, "div.character__job__name")));
            String levelText = orEmpty(text(li, "div.character__job__level"));
            if (!name.find()) {
                throw layoutChanged("a class of character " + characterId + " has no name");
            }
            int level = levelText.matches("\\d+") ? Integer.parseInt(levelText) : 0;
            Matcher exp = EXP.matcher(orEmpty(text(li, "div.character__job__exp")));
            Long current = null;
            Long needed = null;
            if (exp.matches()) {
                current = Long.parseLong(exp.group(1).replace(",", ""));
                needed = Long.parseLong(exp.group(2).replace(",", ""));
            }
            Element icon = li.selectFirst("img");
            rows.add(new JobRow(new FfxivSnapshot.Job(name.group(1).strip(), level, current, needed),
                    icon == null ? null : icon.attr("src")));
        }
        if (rows.isEmpty()) {
            throw layoutChanged("the class/job page of character " + characterId + " lists no classes");
        }
        return rows;
    }

    /** The results of a character search; empty when the Lodestone says it found none. */
    static List<SearchEntry> search(String html) {
        Document page = parse(html);
        refuseMaintenance(page);
        Element window = page.selectFirst("div.ldst__main div.ldst__window");
        if (window == null) {
            throw layoutChanged("the character search page has no result list");
        }
        List<SearchEntry> entries = new ArrayList<>();
        for (Element entry : window.select("div.entry")) {
            Element link = entry.selectFirst("a.entry__link");
            Matcher id = CHARACTER_LINK.matcher(link == null ? "" : link.attr("href"));
            String name = text(entry, "p.entry__name");
            Matcher world = WORLD.matcher(orEmpty(text(entry, "p.entry__world")));
            if (!id.find() || name == null || !world.matches()) {
                throw layoutChanged("a character search result has no id, name or world");
            }
            entries.add(new SearchEntry(id.group(1), name, world.group("world"), world.group("dc")));
        }
        return entries;
    }

    private static FfxivSnapshot.FreeCompany freeCompany(Document page) {
        Element link = page.selectFirst("div.character__freecompany__name > h4 > a");
        if (link == null) {
            return null;
        }
        Matcher id = FREE_COMPANY_LINK.matcher(link.attr("href"));
        if (!id.find()) {
            throw layoutChanged("the free company link reads '" + link.attr("href") + "'");
        }
        return new FfxivSnapshot.FreeCompany(id.group(1), link.text().strip());
    }

    /** The page without its side column (other players' activity), which no reading may reach. */
    private static Document parse(String html) {
        Document page = Jsoup.parse(html);
        page.select("div.ldst__side").remove();
        return page;
    }

    private static void refuseNotices(Document page, String characterId) {
        refuseMaintenance(page);
        String notice = orEmpty(text(page, "div.ldst__contents p.parts__zero")).toLowerCase(Locale.ROOT);
        if (notice.contains("private")) {
            throw new ProfileException(Reason.PRIVATE, "The Lodestone profile of character " + characterId
                    + " is private");
        }
    }

    /** The Lodestone's maintenance page, which it may serve with a 200 as well as a 503. */
    static void refuseMaintenance(Document page) {
        if (isMaintenance(page)) {
            throw maintenance();
        }
    }

    static boolean isMaintenance(Document page) {
        return page.selectFirst("div.maintenance, div.ldst__maintenance") != null
                || page.title().toLowerCase(Locale.ROOT).contains("maintenance");
    }

    static ProfileException maintenance() {
        return new ProfileException(Reason.UPSTREAM_DOWN, "The Lodestone is down for maintenance; "
                + "the character will be synced again after it");
    }

    private static ProfileException layoutChanged(String what) {
        return new ProfileException(Reason.BAD_RESPONSE, "The Lodestone page could not be read (its layout may "
                + "have changed): " + what);
    }

    private static String text(Element root, String selector) {
        Element element = root.selectFirst(selector);
        if (element == null) {
            return null;
        }
        String text = element.text().strip();
        return text.isEmpty() ? null : text;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
