package dev.agentmemory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick mode of {@code memory-bench load} against the built daemon: a smoke test, no timing goals. */
class LoadQuickIT {
  @TempDir Path tmp;

  @Test
  void shouldMeasureEveryFigure_againstTheDaemonProcess() throws Exception {
    // given
    Path json = tmp.resolve("load.json");
    String launcher = System.getProperty("memory.dist") + "/bin/memory-daemon";

    // when
    LoadCommand.main(new String[] {"--quick", "--launcher", launcher, "--cache", tmp.resolve("cache").toString(),
        "--json", json.toString()});

    // then: every figure is there and plausible (counts exact, rates and times positive)
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("store_events").asLong()).isEqualTo(4 * report.get("ingest_events_per_level").asLong());
    assertThat(report.get("start_to_serving_ms").asDouble()).isPositive();
    assertThat(report.get("idle_rss_mb").asDouble()).isPositive();
    assertThat(report.get("store_bytes_per_event").asDouble()).isPositive();
    for (String figure : List.of("ingest_1c", "ingest_4c", "ingest_16c", "empty_round_trip_16c", "raw_rocksdb_16c",
        "reads_10000")) {
      assertThat(report.has(figure)).as(figure).isTrue();
    }
    for (String rpc : List.of("GetEvents", "GetTocRoot", "GetNode", "BrowseToc", "ExpandGrip")) {
      assertThat(report.get("reads_10000").get(rpc).get("p99_ms").asDouble()).as(rpc).isPositive();
    }
    assertThat(report.get("ingest_16c").get("per_s").asDouble()).isPositive();
  }
}
