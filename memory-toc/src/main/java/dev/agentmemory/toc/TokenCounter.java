package dev.agentmemory.toc;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Counts cl100k tokens. Loading the encoding is costly, so one instance serves the process. */
public final class TokenCounter {
  private final Encoding encoding =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

  /** Tokens of {@code text}; special-token markers in it count as ordinary text. */
  public int count(String text) {
    return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }
}
