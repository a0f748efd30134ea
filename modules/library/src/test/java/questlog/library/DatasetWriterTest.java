package questlog.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import questlog.common.Slugs;

class DatasetWriterTest {

    @Test
    void searchTextIsSlugsFoldForEveryPrintableAsciiCharacter() {
        for (char c = 0x20; c <= 0x7E; c++) {
            String name = "A" + c + "b " + c + c + " Z";
            assertThat(DatasetWriter.searchText(name)).as("char %d", (int) c).isEqualTo(Slugs.fold(name));
        }
    }

    @Test
    void searchTextIsSlugsFoldForRandomAsciiNamesAndForNonAsciiOnes() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                // Spaces are frequent so runs, leading and trailing spaces all occur.
                name.append(random.nextInt(4) == 0 ? ' ' : (char) (0x20 + random.nextInt(0x5F)));
            }
            assertThat(DatasetWriter.searchText(name.toString())).as("'%s'", name).isEqualTo(Slugs.fold(name.toString()));
        }
        for (String name : new String[] {"Ōkami", "Pokémon  Black", "大神", "Tab\there", " Ys\u00A0VIII ", ""}) {
            assertThat(DatasetWriter.searchText(name)).isEqualTo(Slugs.fold(name));
        }
        assertThat(DatasetWriter.searchText("  Final   Fantasy VII ")).isEqualTo("final fantasy vii");
    }
}
