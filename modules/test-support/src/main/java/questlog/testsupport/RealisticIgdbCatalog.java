package questlog.testsupport;

import java.time.LocalDate;

/**
 * {@link FakeIgdbCatalog#realistic()}: real games shaped as IGDB serves them. Trust levels differ:
 * the ids and values quoted in the project's fact sheet (Portal 2 = 72 with its cover and Steam
 * row 189310/"620", The Witcher 3 = 1942 with cover co1wyy, Dota 2 = 2963 with row 15244/"570",
 * Steam appid "1145360" for Hades), the genre and platform ids, and the Steam appids are real. The
 * other game ids are IGDB's as best known; cover, franchise, collection and external row ids
 * outside the fact sheet are made up. Tests should assert against this catalog's own values
 * ({@link FakeIgdbCatalog#games()}), not against production IGDB.
 */
final class RealisticIgdbCatalog {
    static final long PORTAL = 71, PORTAL_2 = 72, WITCHER_3 = 1942, WITCHER_3_GOTY = 22439,
            WITCHER_3_HEARTS_OF_STONE = 12503, DOTA_2 = 2963, HADES = 113112, FINAL_FANTASY_VII = 427,
            FINAL_FANTASY_VII_REMAKE = 11169, FF7_REMAKE_INTERMISSION = 144151, RESIDENT_EVIL_1996 = 974,
            RESIDENT_EVIL_2002 = 1131, HALF_LIFE_2 = 233, HOLLOW_KNIGHT = 14593, BREATH_OF_THE_WILD = 7346,
            ELDER_SCROLLS_VI = 112874;

    private RealisticIgdbCatalog() {}

    static FakeIgdbCatalog build() {
        FakeIgdbCatalog.Builder b = FakeIgdbCatalog.builder();
        b.genre(2, "Point-and-click").genre(4, "Fighting").genre(5, "Shooter").genre(8, "Platform")
                .genre(9, "Puzzle").genre(10, "Racing").genre(11, "Real Time Strategy (RTS)")
                .genre(12, "Role-playing (RPG)").genre(13, "Simulator").genre(14, "Sport").genre(15, "Strategy")
                .genre(16, "Turn-based strategy (TBS)").genre(24, "Tactical")
                .genre(25, "Hack and slash/Beat 'em up").genre(31, "Adventure").genre(32, "Indie")
                .genre(33, "Arcade").genre(36, "MOBA");
        b.platform(3, "Linux", "linux", "Linux")
                .platform(6, "PC (Microsoft Windows)", "win", "PC")
                .platform(7, "PlayStation", "ps", "PS1")
                .platform(9, "PlayStation 3", "ps3", "PS3")
                .platform(12, "Xbox 360", "xbox360", "X360")
                .platform(14, "Mac", "mac", "Mac")
                .platform(21, "Nintendo GameCube", "ngc", "NGC")
                .platform(41, "Wii U", "wiiu", "WiiU")
                .platform(48, "PlayStation 4", "ps4--1", "PS4")
                .platform(49, "Xbox One", "xboxone", "XONE")
                .platform(130, "Nintendo Switch", "switch", "Switch")
                .platform(167, "PlayStation 5", "ps5", "PS5")
                .platform(169, "Xbox Series X|S", "series-x-s", "Series X|S");
        b.franchise(1013, "Portal").franchise(452, "The Witcher").franchise(52, "Final Fantasy")
                .franchise(19, "Resident Evil").franchise(18, "Half-Life").franchise(596, "The Legend of Zelda")
                .franchise(1009, "The Elder Scrolls");
        b.collection(248, "Portal").collection(132, "The Witcher").collection(1093, "Final Fantasy VII")
                .collection(27, "Resident Evil").collection(16, "Half-Life");

        b.game(PORTAL, "Portal", g -> g.released(LocalDate.of(2007, 10, 10))
                .summary("A puzzle game of portals and a very polite AI.")
                .cover(82659, "co1x7d", 600, 800).genres(9, 5).platforms(6, 9, 12, 14, 3)
                .franchise(1013).collections(248).rating(89.5, 1804)
                .steam(189309, "400"));
        b.game(PORTAL_2, "Portal 2", g -> g.released(LocalDate.of(2011, 4, 19))
                .summary("Sequel to the acclaimed Portal...")
                .cover(82660, "co1rs4", 600, 800).genres(9, 5).platforms(6, 9, 12, 14, 3)
                .franchise(1013).collections(248).rating(93.7, 2411)
                .steam(189310, "620"));
        b.game(WITCHER_3, "The Witcher 3: Wild Hunt", g -> g.released(LocalDate.of(2015, 5, 19))
                .summary("Geralt of Rivia hunts for his adopted daughter across a war-torn continent.")
                .cover(89386, "co1wyy", 1200, 1600).genres(12, 31).platforms(6, 48, 49, 130, 167, 169)
                .franchise(452).collections(132).rating(92.8, 3642)
                .steam(189420, "292030").gog(190011, "1207664663"));
        // an edition: same Steam appid as the main game, told apart by version_parent
        b.game(WITCHER_3_GOTY, "The Witcher 3: Wild Hunt - Game of the Year Edition", g -> g
                .released(LocalDate.of(2016, 8, 30))
                .cover(89387, "co2f0k", 600, 800).genres(12, 31).platforms(6, 48, 49)
                .franchise(452).collections(132).versionParent(WITCHER_3, "Game of the Year Edition")
                .steam(201337, "292030"));
        b.game(WITCHER_3_HEARTS_OF_STONE, "The Witcher 3: Wild Hunt - Hearts of Stone", g -> g
                .released(LocalDate.of(2015, 10, 13)).gameType("expansion").parentGame(WITCHER_3)
                .cover(89388, "co2f0l", 600, 800).genres(12, 31).platforms(6, 48, 49).franchise(452));
        b.game(DOTA_2, "Dota 2", g -> g.released(LocalDate.of(2013, 7, 9))
                .cover(82661, "co6ene", 600, 800).genres(36, 15).platforms(6, 14, 3).rating(81.9, 987)
                .steam(15244, "570"));
        b.game(HADES, "Hades", g -> g.released(LocalDate.of(2020, 9, 17))
                .summary("Defy the god of the dead as you hack and slash out of the Underworld.")
                .cover(113115, "co39vc", 1050, 1400).genres(12, 25, 32).platforms(6, 14, 130, 48, 49, 167, 169)
                .rating(93.2, 1502)
                .steam(1847360, "1145360"));
        b.game(FINAL_FANTASY_VII, "Final Fantasy VII", g -> g.released(LocalDate.of(1997, 1, 31))
                .cover(82662, "co2u1m", 600, 800).genres(12).platforms(7, 6, 48, 130)
                .franchise(52).collections(1093).rating(91.3, 2011)
                .steam(189550, "39140"));
        b.game(FINAL_FANTASY_VII_REMAKE, "Final Fantasy VII Remake", g -> g.released(LocalDate.of(2020, 4, 10))
                .gameType("remake").cover(82663, "co1qxr", 600, 800).genres(12, 25, 31).platforms(48, 167, 6)
                .franchise(52).collections(1093).rating(88.1, 1123)
                .steam(1850012, "1462040"));
        b.game(FF7_REMAKE_INTERMISSION, "Final Fantasy VII Remake: Episode INTERmission", g -> g
                .released(LocalDate.of(2021, 6, 10)).gameType("dlc_addon").parentGame(FINAL_FANTASY_VII_REMAKE)
                .cover(82664, "co3a7k", 600, 800).genres(12, 25).platforms(167, 6).franchise(52));
        // two games with the same name: a lookup by name alone is ambiguous
        b.game(RESIDENT_EVIL_1996, "Resident Evil", g -> g.released(LocalDate.of(1996, 3, 22))
                .cover(82665, "co1ypq", 600, 800).genres(5, 31).platforms(7, 6)
                .franchise(19).collections(27).rating(84.6, 712));
        b.game(RESIDENT_EVIL_2002, "Resident Evil", g -> g.slug("resident-evil--1")
                .released(LocalDate.of(2002, 3, 22)).gameType("remake")
                .cover(82666, "co1ypr", 600, 800).genres(5, 31).platforms(21, 6, 48, 49)
                .franchise(19).collections(27).rating(88.4, 820)
                .steam(189700, "304240"));
        b.game(HALF_LIFE_2, "Half-Life 2", g -> g.released(LocalDate.of(2004, 11, 16))
                .cover(82667, "co1nmw", 600, 800).genres(5).platforms(6, 14, 3, 12)
                .franchise(18).collections(16).rating(91.9, 2275)
                .steam(189311, "220"));
        b.game(HOLLOW_KNIGHT, "Hollow Knight", g -> g.released(LocalDate.of(2017, 2, 24))
                .cover(82668, "co93cr", 600, 800).genres(8, 31, 32).platforms(6, 14, 3, 130, 48, 49)
                .rating(90.4, 1670)
                .steam(189900, "367520").gog(190012, "1308320804"));
        // console only: no external_games row at all
        b.game(BREATH_OF_THE_WILD, "The Legend of Zelda: Breath of the Wild", g -> g
                .released(LocalDate.of(2017, 3, 3))
                .cover(82669, "co3p2d", 600, 800).genres(31).platforms(130, 41).franchise(596).rating(95.1, 2890));
        // announced, not released: no first_release_date and no cover
        b.game(ELDER_SCROLLS_VI, "The Elder Scrolls VI", g -> g.genres(12, 31).franchise(1009));
        return b.build();
    }
}
