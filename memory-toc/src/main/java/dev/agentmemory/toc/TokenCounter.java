package dev.agentmemory.toc;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.concurrent.CompletableFuture;

/**
 * Counts cl100k tokens. Loading the encoding takes about 0.4 s and tens of MB, so it loads in the
 * background (start-up goes on meanwhile) and one instance serves every store of the process.
 */
public final class TokenCounter {
  private static final TokenCounter SHARED = new TokenCounter();

  private final CompletableFuture<Encoding> encoding = new CompletableFuture<>();

  /** Starts loading the encoding; {@link #count} waits for it when it is first needed. */
  public TokenCounter() {
    Thread loader = new Thread(() -> {
      try {
        encoding.complete(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE));
      } catch (RuntimeException | Error e) {
        encoding.completeExceptionally(e);
      }
    }, "memory-tokenizer-load");
    loader.setDaemon(true);
    loader.start();
  }

  /** The process's counter. */
  public static TokenCounter shared() {
    return SHARED;
  }

  /** The cl100k token ids of {@code text} (lower ids are merges of more frequent text). */
  public int[] tokens(String text) {
    return encoding.join().encodeOrdinary(text).toArray();
  }

  /** Tokens of {@code text}; special-token markers in it count as ordinary text. */
  public int count(String text) {
    return text.isEmpty() ? 0 : encoding.join().countTokensOrdinary(text);
  }
}
