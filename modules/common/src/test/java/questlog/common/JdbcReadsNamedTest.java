package questlog.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JdbcReads#named}: which {@code :name}s are parameters. */
class JdbcReadsNamedTest {

    @Test
    void namesInCodeBecomePositionalInOrderOfAppearance() {
        var named = JdbcReads.named("SELECT * FROM game WHERE id = :id OR parent = :id LIMIT :limit");
        assertThat(named.sql()).isEqualTo("SELECT * FROM game WHERE id = ? OR parent = ? LIMIT ?");
        assertThat(named.params(Map.of("id", 7, "limit", 20))).containsExactly(7, 7, 20);
    }

    @Test
    void castsLiteralsAndCommentsAreLeftAlone() {
        var named = JdbcReads.named("""
                -- the owner's figures: not :these
                SELECT 'a:b', CAST(x AS text), y::int FROM t -- and not :those
                WHERE z = :z""");
        assertThat(named.names()).containsExactly("z");
        assertThat(named.sql()).contains("-- the owner's figures: not :these").contains("'a:b'").contains("y::int")
                .endsWith("WHERE z = ?");
    }

    @Test
    void aMissingValueIsNamed() {
        assertThatThrownBy(() -> JdbcReads.named("SELECT :a, :b").params(Map.of("a", 1)))
                .hasMessageContaining(":b");
    }
}
