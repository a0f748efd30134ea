package questlog.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void transliteratesAccentsAndMacronsToAscii() {
        assertThat(Slugs.slugify("Ōkami", "x")).isEqualTo("okami");
        assertThat(Slugs.slugify("Pokémon Black", "x")).isEqualTo("pokemon-black");
        assertThat(Slugs.slugify("Final Fantasy VII: Rebirth", "x")).isEqualTo("final-fantasy-vii-rebirth");
        assertThat(Slugs.slugify("Torna ~ The Golden Country", "x")).isEqualTo("torna-the-golden-country");
        assertThat(Slugs.slugify("Ys VIII: Lacrimosa of DANA", "x")).isEqualTo("ys-viii-lacrimosa-of-dana");
    }

    @Test
    void romanisesOtherScripts() {
        assertThat(Slugs.slugify("ゼルダの伝説", "x")).matches(Slugs.PATTERN).isNotEqualTo("x");
        assertThat(Slugs.slugify("Ведьмак", "x")).isEqualTo("vedmak");
        assertThat(Slugs.slugify("Assassin's Creed", "x")).isEqualTo("assassins-creed");
    }

    @Test
    void fallsBackWhenNothingIsLeft() {
        assertThat(Slugs.slugify("🎮🎮", "game")).isEqualTo("game");
        assertThat(Slugs.slugify("'; DROP TABLE game; --", "game")).isEqualTo("drop-table-game");
    }

    @Test
    void capsLengthLeavingRoomForASuffix() {
        String slug = Slugs.slugify("a".repeat(400), "x");
        assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_LENGTH - 12);
        assertThat(Slugs.isValid(Slugs.withSuffix(slug, 999_999))).isTrue();
    }

    @Test
    void foldIsCaseAndAccentInsensitive() {
        assertThat(Slugs.fold("ŌKAMI")).isEqualTo(Slugs.fold("okami"));
        assertThat(Slugs.fold("  Pokémon   Black ")).isEqualTo("pokemon black");
    }

    @Test
    void validatesTheSlugShape() {
        assertThat(Slugs.isValid("final-fantasy-7")).isTrue();
        assertThat(Slugs.isValid("Final")).isFalse();
        assertThat(Slugs.isValid("a--b")).isFalse();
        assertThat(Slugs.isValid("-a")).isFalse();
        assertThat(Slugs.isValid("")).isFalse();
    }

    @Test
    void asciiShortcutAgreesWithTransliterationForEveryPrintableCharacter() {
        for (char c = 0x20; c <= 0x7E; c++) {
            String name = "A" + c + "b " + c + c + " Z";
            assertThat(Slugs.fold(name)).as("char %d", (int) c).isEqualTo(Slugs.foldByTransliteration(name));
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                name.append(random.nextInt(4) == 0 ? ' ' : (char) (0x20 + random.nextInt(0x5F)));
            }
            assertThat(Slugs.fold(name.toString())).as("'%s'", name).isEqualTo(Slugs.foldByTransliteration(name.toString()));
        }
        for (String name : new String[] {"Ōkami", "Pokémon  Black", "大神", "Tab\there", " Ys\u00A0VIII ", ""}) {
            assertThat(Slugs.fold(name)).isEqualTo(Slugs.foldByTransliteration(name));
        }
    }
}
