package io.rustyrun.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpperPathsTest {
  private final UpperPaths upper = new UpperPaths();

  @Test
  void knowsWhatWasAddedAndNothingElse() {
    upper.add("usr/bin/tool");

    assertThat(upper.contains("usr/bin/tool")).isTrue();
    assertThat(upper.contains("usr/bin")).isFalse();
    assertThat(upper.contains("usr/bin/tool2")).isFalse();
  }

  @Test
  void everyAncestorOfAnAddedPathHasADescendantAndThePathItselfHasNone() {
    upper.add("opq");
    upper.add("opq/new/deep");

    assertThat(upper.hasDescendant("opq/new")).isTrue();
    assertThat(upper.hasDescendant("opq")).isTrue();
    assertThat(upper.hasDescendant("")).isTrue();
    assertThat(upper.hasDescendant("opq/new/deep")).isFalse();
  }

  @Test
  void aSiblingWithTheSamePrefixIsNoDescendant() {
    upper.add("opq2/file");
    upper.add("opq");

    assertThat(upper.hasDescendant("opq")).isFalse();
    assertThat(upper.hasDescendant("opq2")).isTrue();
  }

  @Test
  void theRootAloneHasNoDescendant() {
    upper.add("");

    assertThat(upper.contains("")).isTrue();
    assertThat(upper.hasDescendant("")).isFalse();
  }

  @Test
  void pathsAddedUnderAKnownAncestorStillMarkTheirOwnParents() {
    upper.add("a/b/c");
    upper.add("a/x/y");

    assertThat(upper.hasDescendant("a/x")).isTrue();
    assertThat(upper.hasDescendant("a/b")).isTrue();
    assertThat(upper.hasDescendant("a")).isTrue();
  }
}
