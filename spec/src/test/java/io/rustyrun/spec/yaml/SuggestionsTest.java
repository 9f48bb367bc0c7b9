package io.rustyrun.spec.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void suggestsTheNearestNameWithinTwoEdits() {
    assertThat(Suggestions.closest("hostnmae", List.of("hostname", "domainname"))).contains("hostname");
  }

  @Test
  void ignoresCase() {
    assertThat(Suggestions.closest("HostName", List.of("hostname"))).contains("hostname");
  }

  @Test
  void suggestsNothingForAFarName() {
    assertThat(Suggestions.closest("volumes", List.of("hostname", "mounts"))).isEmpty();
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Suggestions.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.editDistance("", "abc")).isEqualTo(3);
  }
}
