package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;

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
  void root_isEmptyAndItsOwnParent() {
    assertThat(FieldPath.ROOT).hasToString("");
    assertThat(FieldPath.ROOT.parent()).isEqualTo(FieldPath.ROOT);
  }
}
