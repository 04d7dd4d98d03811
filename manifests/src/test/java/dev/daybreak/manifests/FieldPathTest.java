package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  @Test
  void toString_writesKeysWithDotsAndIndexesInBrackets() {
    FieldPath path = FieldPath.ROOT.child("spec").child("services").index(1).child("dependsOn");

    assertThat(path.index(0)).hasToString("spec.services[1].dependsOn[0]");
    assertThat(path.depth()).isEqualTo(4);
    assertThat(path.parent()).hasToString("spec.services[1]");
  }

  @Test
  void toString_quotesKeysThatAreNotPlainNames() {
    FieldPath path = FieldPath.ROOT.child("metadata").child("labels").child("example.com/\"x\"");

    assertThat(path).hasToString("metadata.labels[\"example.com/\\\"x\\\"\"]");
    assertThat(FieldPath.ROOT.child("x-a").child("<<")).hasToString("x-a[\"<<\"]");
  }

  @Test
  void parse_readsBackWhatToStringWrites() {
    for (FieldPath path :
        List.of(
            FieldPath.ROOT,
            FieldPath.ROOT
                .child("spec")
                .child("schedule")
                .child("windows")
                .index(12)
                .child("wakeBy"),
            FieldPath.ROOT.child("metadata").child("labels").child("example.com/\"x\\y\""),
            FieldPath.ROOT.index(0).child("x-a").child("<<").index(3))) {
      assertThat(FieldPath.parse(path.toString())).isEqualTo(path);
    }
  }

  @Test
  void parse_rejectsWhatIsNotAFieldPath() {
    for (String text : List.of(".spec", "spec..a", "spec[x]", "spec[01]", "spec[\"a", "a b")) {
      assertThatThrownBy(() -> FieldPath.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(text);
    }
  }

  @Test
  void startsWith_holdsForTheSamePathAndItsAncestorsOnly() {
    FieldPath window = FieldPath.ROOT.child("spec").child("windows").index(1);

    assertThat(window.child("days").startsWith(window)).isTrue();
    assertThat(window.startsWith(window)).isTrue();
    assertThat(window.startsWith(FieldPath.ROOT)).isTrue();
    assertThat(window.parent().index(10).startsWith(window)).isFalse();
    assertThat(window.parent().startsWith(window)).isFalse();
  }

  @Test
  void root_isEmptyAndItsOwnParent() {
    assertThat(FieldPath.ROOT).hasToString("");
    assertThat(FieldPath.ROOT.parent()).isEqualTo(FieldPath.ROOT);
  }
}
