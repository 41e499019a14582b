package dev.agentmemory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The local summarizer must keep beating the first-three-sentences baseline on LoCoMo. */
class LocomoSummaryEvalTest {
  /** The LoCoMo development conversations, copied into the repository (see its README.md). */
  private static final Path DATA = Path.of("src", "test", "resources", "locomo-dev");

  @Test
  void shouldBeatTheLeadThreeBaseline() throws Exception {
    assertThat(DATA).as("LoCoMo data").isDirectory();

    List<LocomoSummaryEval.Result> results = LocomoSummaryEval.evaluate(DATA);
    LocomoSummaryEval.Score ours = LocomoSummaryEval.mean(results.stream().map(LocomoSummaryEval.Result::ours).toList());
    LocomoSummaryEval.Score baseline =
        LocomoSummaryEval.mean(results.stream().map(LocomoSummaryEval.Result::baseline).toList());

    assertThat(results).hasSizeGreaterThan(100);
    assertThat(ours.rouge1()).isGreaterThan(baseline.rouge1());
    assertThat(ours.rougeL()).isGreaterThan(baseline.rougeL());
    assertThat(ours.keywordRecall()).isGreaterThan(baseline.keywordRecall());
  }

  @Test
  void shouldScoreRougeLikeTheDefinition() {
    assertThat(Rouge.rouge1("the cat sat", "the cat sat")).isEqualTo(1.0);
    assertThat(Rouge.rouge1("the cat", "the dog")).isEqualTo(0.5);
    // LCS of "a b c d" and "a c d" is 3: P = 3/4, R = 1
    assertThat(Rouge.rougeL("a b c d", "a c d")).isCloseTo(2 * 0.75 / 1.75, Offset.offset(1e-9));
    assertThat(Rouge.rouge1("", "x")).isZero();
  }
}
