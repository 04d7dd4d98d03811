package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.config.TableIndex;
import org.junit.jupiter.api.Test;

/** The index projects exactly what the store reads of a desired item. */
class TableIndexTest {

  @Test
  void index_projectsEveryAttributeADesiredItemIsReadFrom() {
    assertThat(TableIndex.PROJECTED).isEqualTo(DesiredItem.projected());
    assertThat(TableSetup.bySortKeyIndex().projection().nonKeyAttributes())
        .isEqualTo(DesiredItem.projected());
    assertThat(TableSetup.bySortKeyIndex().indexName()).isEqualTo(Items.BY_SORT_KEY_INDEX);
  }
}
