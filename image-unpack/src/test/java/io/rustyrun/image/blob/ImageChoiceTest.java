package io.rustyrun.image.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.image.core.Platform;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageChoiceTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private final List<ImageChoice.Candidate<String>> index = List.of(
      new ImageChoice.Candidate<>("a", List.of("v1"), Optional.of(AMD64)),
      new ImageChoice.Candidate<>("b", List.of("v1"), Optional.of(Platform.parse("linux/arm64/v8"))),
      new ImageChoice.Candidate<>("c", List.of("v2"), Optional.of(AMD64)));

  @Test
  void refAndPlatformTogetherPickOne() {
    assertThat(ImageChoice.select(index, Optional.of("v1"), Platform.parse("linux/arm64"), "img")
        .value()).isEqualTo("b");
  }

  @Test
  void anAmbiguousChoiceListsTheCandidates() {
    assertThatThrownBy(() -> ImageChoice.select(index, Optional.empty(), AMD64, "\"img\""))
        .hasMessage("\"img\": 2 images match, choose one with --ref or --platform; candidates: "
            + "v1 (linux/amd64); v2 (linux/amd64)");
  }

  @Test
  void anUnknownRefListsEveryImage() {
    assertThatThrownBy(() -> ImageChoice.select(index, Optional.of("v3"), AMD64, "img"))
        .hasMessageContaining("no image named \"v3\"")
        .hasMessageContaining("v1 (linux/arm64/v8)");
  }

  @Test
  void aBareNameMatchesItsLatestTag() {
    List<ImageChoice.Candidate<String>> docker = List.of(
        new ImageChoice.Candidate<>("x", List.of("busybox:latest"), Optional.empty()));

    assertThat(ImageChoice.select(docker, Optional.of("busybox"), AMD64, "img").value())
        .isEqualTo("x");
  }
}
