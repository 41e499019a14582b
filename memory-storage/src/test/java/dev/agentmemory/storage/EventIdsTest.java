package dev.agentmemory.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.domain.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void shouldAcceptAUlidInEitherCase_andGiveItsCanonicalForm() {
    assertThat(EventIds.isValid("01JDQ6ZK7XW3N2B4C5D6E7F8G9")).isTrue();
    assertThat(EventIds.canonical("01jdq6zk7xw3n2b4c5d6e7f8g9")).isEqualTo("01JDQ6ZK7XW3N2B4C5D6E7F8G9");
  }

  @Test
  void shouldRejectWhatIsNotAUlid() {
    assertThat(EventIds.isValid(null)).isFalse();
    assertThat(EventIds.isValid("01JDQ6ZK7XW3N2B4C5D6E7F8G")).as("25 characters").isFalse();
    assertThat(EventIds.isValid("81JDQ6ZK7XW3N2B4C5D6E7F8G9")).as("beyond 128 bits").isFalse();
    assertThat(EventIds.isValid("01JDQ6ZK7XW3N2B4C5D6E7F8GU")).as("U is not base32").isFalse();
    assertThatThrownBy(() -> EventIds.canonical("grip:1")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("event_id must be a ULID");
  }
}
