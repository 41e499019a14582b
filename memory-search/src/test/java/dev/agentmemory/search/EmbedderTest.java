package dev.agentmemory.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbedderTest {
  private static Embedder embedder;

  @BeforeAll
  static void load() {
    embedder = Embedder.load();
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  @Test
  void shouldTokenizeAsBertUncasedDoes() throws Exception {
    try (InputStream json = Embedder.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
      WordPiece tokenizer = WordPiece.load(json);
      // [CLS] hello world [SEP]; "Café" loses its accent; "embeddings" splits into pieces; "!" stands alone
      assertThat(tokenizer.encode("Hello world", 128)).containsExactly(101, 7592, 2088, 102);
      assertThat(tokenizer.encode("Café!", 128)).containsExactly(101, 7668, 999, 102);
      assertThat(tokenizer.encode("embeddings", 128)).hasSizeGreaterThan(3).startsWith(101).endsWith(102);
      assertThat(tokenizer.encode("word ".repeat(500), 128)).hasSize(128).endsWith(102);
    }
  }

  @Test
  void shouldPlaceSimilarSentencesCloserThanUnrelatedOnes() {
    float[] invoice = embedder.embed("The invoice total is rounded wrong when a discount applies");
    float[] billing = embedder.embed("Discounted invoices show an incorrectly rounded amount");
    float[] weather = embedder.embed("It will rain in Lisbon tomorrow afternoon");

    assertThat(invoice).hasSize(Embedder.DIMENSION);
    assertThat(cosine(invoice, invoice)).isCloseTo(1.0, Offset.offset(1e-4));
    assertThat(cosine(invoice, billing)).isGreaterThan(0.5).isGreaterThan(cosine(invoice, weather) + 0.3);
  }
}
