package dev.agentmemory.search;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Sentence vectors from all-MiniLM-L6-v2 (quantized, 384 dimensions), run in this process by
 * onnxruntime on the calling thread with one intra-op thread (its default threading was 4x slower
 * on 2 cores). The model and its vocabulary are read from the model's jar on the class path:
 * nothing is downloaded, ever.
 */
final class Embedder implements AutoCloseable {
  /** Length of every vector. */
  static final int DIMENSION = 384;
  /** The model's input limit: longer texts are cut, so callers embed chunks of about this size. */
  static final int MAX_TOKENS = 128;
  private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final WordPiece tokenizer;
  private final boolean takesTokenTypes;

  private Embedder(OrtEnvironment environment, OrtSession session, WordPiece tokenizer) {
    this.environment = environment;
    this.session = session;
    this.tokenizer = tokenizer;
    this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
  }

  /**
   * Loads the model (about a second).
   *
   * @throws IllegalStateException when it cannot load here (no native library for this platform,
   *     model missing); the message says why
   */
  static Embedder load() {
    try (InputStream model = Embedder.class.getResourceAsStream(MODEL);
        InputStream vocabulary = Embedder.class.getResourceAsStream(TOKENIZER)) {
      if (model == null || vocabulary == null) {
        throw new IllegalStateException("the embedding model is not on the class path (" + MODEL + ")");
      }
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      // no arena and no memory patterns: texts vary in length, and both keep their largest
      // allocation for good (tens of MB of resident memory in an idle daemon)
      options.setCPUArenaAllocator(false);
      options.setMemoryPatternOptimization(false);
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      return new Embedder(environment, session, WordPiece.load(vocabulary));
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to read the embedding model, but " + e.getMessage(), e);
    } catch (OrtException | UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
      throw new IllegalStateException("the embedding model cannot run on this platform: " + e, e);
    }
  }

  /** The unit-length vector of {@code text} (its first {@value #MAX_TOKENS} tokens). */
  float[] embed(String text) {
    int[] ids = tokenizer.encode(text, MAX_TOKENS);
    long[][] inputIds = new long[1][ids.length];
    long[][] mask = new long[1][ids.length];
    long[][] types = new long[1][ids.length];
    for (int i = 0; i < ids.length; i++) {
      inputIds[0][i] = ids[i];
      mask[0][i] = 1;
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(environment, inputIds));
      inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
      if (takesTokenTypes) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
        return meanNormalized(hidden);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("Expected to embed a text, but the model failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** Mean of the token vectors, scaled to length 1 (the sentence-transformers pooling). */
  private static float[] meanNormalized(float[][] tokens) {
    float[] mean = new float[DIMENSION];
    for (float[] token : tokens) {
      for (int i = 0; i < DIMENSION; i++) {
        mean[i] += token[i];
      }
    }
    double norm = 0;
    for (int i = 0; i < DIMENSION; i++) {
      mean[i] /= tokens.length;
      norm += mean[i] * mean[i];
    }
    float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < DIMENSION; i++) {
      mean[i] *= scale;
    }
    return mean;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // closing at shutdown: nothing left to do with the error
    }
  }
}
