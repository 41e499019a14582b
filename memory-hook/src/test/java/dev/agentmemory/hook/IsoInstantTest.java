package dev.agentmemory.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "2026-11-30T10:00:00.000Z", "2026-11-30T10:00:00Z", "2026-11-30T10:00:00.5Z", "2026-11-30T10:00:00.123456789Z",
      "2026-11-30T23:59:59.999+02:00", "2026-01-01T00:30:00-05:30", "2024-02-29T12:00:00Z", "1969-12-31T23:59:59.999Z",
      "2026-11-30t10:00:00z", "2026-11-30T10:00Z", "2026-11-30T10:00:00+02:00:30",
      "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-30T24:00:00Z", "2026-11-30T10:00:00.Z",
      "2026-11-30T10:00:00.1234567891Z", "2026-11-30T10:00:00+19:00", "2026-11-30T10:00:00", "yesterday",
      "2026-1x-30T10:00:00Z", "+12026-11-30T10:00:00Z"})
  void shouldReadTheSameInstant_asJavaTime_orNoneWhereJavaTimeFails(String text) {
    // when
    OptionalLong millis = IsoInstant.millis(text);

    // then
    assertThat(millis).isEqualTo(javaTime(text));
  }

  private static OptionalLong javaTime(String text) {
    try {
      return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }
}
