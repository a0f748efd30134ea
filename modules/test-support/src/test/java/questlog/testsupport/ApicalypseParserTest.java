package questlog.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import questlog.testsupport.ApicalypseQuery.And;
import questlog.testsupport.ApicalypseQuery.Comparison;
import questlog.testsupport.ApicalypseQuery.ListKind;
import questlog.testsupport.ApicalypseQuery.Op;
import questlog.testsupport.ApicalypseQuery.Or;
import questlog.testsupport.ApicalypseQuery.Scalar;
import questlog.testsupport.ApicalypseQuery.Sort;
import questlog.testsupport.ApicalypseQuery.SubQuery;
import questlog.testsupport.ApicalypseQuery.ValueList;

class ApicalypseParserTest {

    @Test
    void parsesEveryStatement() {
        ApicalypseQuery query = ApicalypseParser.parse("""
                search "zelda";
                fields name, cover.image_id, genres.*;
                exclude summary;
                where id = 1;
                sort first_release_date desc;
                limit 50;
                offset 100;
                """);

        assertThat(query.search()).isEqualTo("zelda");
        assertThat(query.fields()).containsExactly("name", "cover.image_id", "genres.*");
        assertThat(query.excludes()).containsExactly("summary");
        assertThat(query.where()).isEqualTo(new Comparison("id", Op.EQ, new Scalar(1L, false, false, "1")));
        assertThat(query.sort()).isEqualTo(new Sort("first_release_date", true));
        assertThat(query.limit()).isEqualTo(50);
        assertThat(query.offset()).isEqualTo(100);
    }

    @Test
    void anEmptyBodyIsAnEmptyQuery() {
        ApicalypseQuery query = ApicalypseParser.parse("");

        assertThat(query.fields()).isEmpty();
        assertThat(query.where()).isNull();
        assertThat(query.limit()).isNull();
    }

    @Test
    void andBindsTighterThanOr() {
        ApicalypseQuery query = ApicalypseParser.parse("where a = 1 | b = 2 & c = 3;");

        assertThat(query.where()).isInstanceOf(Or.class);
        assertThat(((Or) query.where()).right()).isInstanceOf(And.class);
        ApicalypseQuery grouped = ApicalypseParser.parse("where (a = 1 | b = 2) & c = 3;");
        assertThat(grouped.where()).isInstanceOf(And.class);
    }

    @Test
    void readsWildcardsListsAndLiterals() {
        Comparison contains = (Comparison) ApicalypseParser.parse("w name ~ *\"Zelda\"*;").where();
        assertThat(contains.op()).isEqualTo(Op.MATCHES);
        assertThat(contains.value()).isEqualTo(new Scalar("Zelda", true, true, "*\"Zelda\"*"));

        Comparison none = (Comparison) ApicalypseParser.parse("where platforms = !(48, 49);").where();
        ValueList list = (ValueList) none.value();
        assertThat(list.kind()).isEqualTo(ListKind.ANY);
        assertThat(list.negated()).isTrue();
        assertThat(list.items()).extracting(Scalar::value).containsExactly(48L, 49L);

        assertThat(((ValueList) ((Comparison) ApicalypseParser.parse("where genres = [5, 9];").where()).value()).kind())
                .isEqualTo(ListKind.ALL);
        assertThat(((ValueList) ((Comparison) ApicalypseParser.parse("where genres = {5};").where()).value()).kind())
                .isEqualTo(ListKind.EXACT);
        assertThat(((Scalar) ((Comparison) ApicalypseParser.parse("where rating >= 80.5;").where()).value()).value())
                .isEqualTo(80.5);
        assertThat(((Scalar) ((Comparison) ApicalypseParser.parse("where cover = null;").where()).value()).value())
                .isNull();
        assertThat(((Scalar) ((Comparison) ApicalypseParser.parse("where name = \"say \\\"hi\\\"\";").where()).value())
                .value()).isEqualTo("say \"hi\"");
    }

    @Test
    void rejectsMalformedQueries() {
        for (String body : List.of("fields name", "fields ;", "where id = ;", "where id == 1;", "limit -1;",
                "limit ten;", "where name = \"open;", "sort name up;", "where id = 1 &;", "where (id = 1;",
                "where name = zelda;", "fields name; @")) {
            assertThatThrownBy(() -> ApicalypseParser.parse(body)).as(body)
                    .isInstanceOfSatisfying(IgdbQueryException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.body().get(0)).containsEntry("title", "Syntax Error");
                    });
        }
    }

    @Test
    void parsesMultiqueryBlocks() {
        List<SubQuery> queries = ApicalypseParser.parseMulti("""
                query games "byId" { fields name; where id = (1942, 1020); };
                query games/count "total" { where platforms = (6); };
                """);

        assertThat(queries).hasSize(2);
        assertThat(queries.get(0).endpoint()).isEqualTo("games");
        assertThat(queries.get(0).count()).isFalse();
        assertThat(queries.get(0).name()).isEqualTo("byId");
        assertThat(queries.get(0).query().fields()).containsExactly("name");
        assertThat(queries.get(1).count()).isTrue();
        assertThat(queries.get(1).name()).isEqualTo("total");
    }

    @Test
    void aMultiqueryHoldsOneToTenQueries() {
        String one = "query games \"q\" { fields name; };\n";

        assertThat(ApicalypseParser.parseMulti(one.repeat(10))).hasSize(10);
        assertThatThrownBy(() -> ApicalypseParser.parseMulti(one.repeat(11))).isInstanceOf(IgdbQueryException.class);
        assertThatThrownBy(() -> ApicalypseParser.parseMulti("")).isInstanceOf(IgdbQueryException.class);
        assertThatThrownBy(() -> ApicalypseParser.parseMulti("query games \"q\" { fields name; }"))
                .isInstanceOf(IgdbQueryException.class);
    }
}
