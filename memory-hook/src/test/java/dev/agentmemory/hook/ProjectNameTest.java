package dev.agentmemory.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One project, one store: names that differ never share a file name. */
class ProjectNameTest {
  @Test
  void shouldKeepPlainNamesAsTheyAre() {
    assertThat(ProjectName.sanitize("shop-api")).isEqualTo("shop-api");
    assertThat(ProjectName.sanitize(" my_app.v2 ")).isEqualTo("my_app.v2");
  }

  @Test
  void shouldKeepNamesThatDifferApart_whenSanitizingLosesSomething() {
    assertThat(ProjectName.sanitize("café")).isNotEqualTo(ProjectName.sanitize("cafè")).startsWith("caf_-");
    assertThat(ProjectName.sanitize("東京")).isNotEqualTo(ProjectName.sanitize("大阪")).startsWith("__-");
    assertThat(ProjectName.sanitize("my app")).isNotEqualTo(ProjectName.sanitize("my_app"));
    String longA = "a".repeat(120) + "x";
    String longB = "a".repeat(120) + "y";
    assertThat(ProjectName.sanitize(longA)).isNotEqualTo(ProjectName.sanitize(longB)).hasSize(100);
  }

  @Test
  void shouldMapItsOwnNamesToThemselves_andStayStable() {
    for (String name : new String[] {"café", "東京", "a".repeat(150), "shop"}) {
      String once = ProjectName.sanitize(name);
      assertThat(ProjectName.sanitize(once)).isEqualTo(once);
      assertThat(ProjectName.sanitize(name)).isEqualTo(once);
    }
    assertThat(ProjectName.sanitize("café")).isEqualTo("caf_-" + ProjectName.sanitize("café").substring(5));
  }

  @Test
  void shouldKnowTheOldNames_andRefuseEmptyOnes() {
    assertThat(ProjectName.legacy("café")).isEqualTo("caf_");
    assertThat(ProjectName.legacy("a".repeat(150))).hasSize(100);
    assertThatThrownBy(() -> ProjectName.sanitize("  ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> ProjectName.sanitize("..")).hasMessageContaining("only dots");
  }
}
