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
}
