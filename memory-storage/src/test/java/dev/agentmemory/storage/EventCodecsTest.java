package dev.agentmemory.storage;

import dev.agentmemory.event.Event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.Ulid;
import dev.agentmemory.storage.rocksdb.EventCodecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventCodecsTest {

  @Test
  void shouldOrderEncodedKeysLikeEventKeys() {
    // given
    Random random = new Random(42);
    List<EventKey> keys = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long timestamp = random.nextInt(4) == 0 ? 1_700_000_000_000L : random.nextLong(1, Long.MAX_VALUE);
      keys.add(new EventKey(timestamp, new Ulid(random.nextLong(), random.nextLong()).toString()));
    }

    // when
    List<EventKey> byKeyOrder = new ArrayList<>(keys);
    byKeyOrder.sort(null);
    List<EventKey> byByteOrder = new ArrayList<>(keys);
    byByteOrder.sort((a, b) -> Arrays.compareUnsigned(EventCodecs.EVENT_KEY.encode(a), EventCodecs.EVENT_KEY.encode(b)));

    // then
    assertThat(byByteOrder).isEqualTo(byKeyOrder);
  }

  @Test
  void shouldRoundTripEvents_withUnicodeUnknownEnumsAndMetadata() {
    // given
    Event event =
        new Event(TestEvents.newId(), "s-ü", 123L, 99, -1, "héllo 🌍\nline", Map.of("b", "2", "a", "1"), "");

    // when
    Event decoded = EventCodecs.EVENT.decode(EventCodecs.EVENT.encode(event));

    // then
    assertThat(decoded).isEqualTo(event);
    assertThat(EventCodecs.EVENT_KEY.decode(EventCodecs.EVENT_KEY.encode(EventKey.of(event)))).isEqualTo(EventKey.of(event));
  }

  @Test
  void shouldRefuseValuesFromANewerFormat() {
    // given
    byte[] encoded = EventCodecs.EVENT.encode(TestEvents.event(1L, "x"));
    encoded[0] = 7;

    // when / then
    assertThatThrownBy(() -> EventCodecs.EVENT.decode(encoded))
        .isInstanceOf(StorageInconsistencyException.class)
        .hasMessageContaining("version 7");
  }

  @Test
  void shouldRefuseTruncatedValues() {
    byte[] encoded = EventCodecs.EVENT.encode(TestEvents.event(1L, "some text"));

    assertThatThrownBy(() -> EventCodecs.EVENT.decode(Arrays.copyOf(encoded, encoded.length - 3)))
        .isInstanceOf(StorageInconsistencyException.class);
  }
}
