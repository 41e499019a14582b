package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.proto.ForgetRequest;
import dev.agentmemory.proto.ForgetResponse;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;

/**
 * {@code admin forget} against the packaged daemon, proven by reading every file the daemon keeps
 * (table files decompressed through RocksDB, everything else as bytes) for the forgotten text.
 */
class ForgetIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "ZEBRA7741PAPAYA";

  @TempDir Path tmp;
  /** The root of the daemon under test: its store, data, state and the project's directory. */
  private Path home;
  private DaemonProcess daemon;
  private Path project;

  @BeforeEach
  void sandbox() throws Exception {
    sandboxIn(tmp);
  }

  private void sandboxIn(Path root) throws Exception {
    home = root;
    daemon = new DaemonProcess(home);
    daemon.env.put("MEMORY_SEARCH_VECTORS", "false");
    project = Files.createDirectories(home.resolve("work/ledger/.git")).getParent();
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void shouldForgetASession_leavingNoTraceInAnyFile_andKeepTheRest() throws Exception {
    // given: a session that leaked a secret, another that did not, both taken in and indexed
    daemon.start();
    captureALeakingSessionAndAnother();
    awaitSearchFinds("accounting", "ledger");
    assertThat(filesHolding(SECRET)).as("the scanner sees the secret before").isNotEmpty();

    // when
    DaemonProcess.Result dry = daemon.run("admin", "forget", "--project", "ledger", "--session", "leak", "--dry-run");
    DaemonProcess.Result unconfirmed = daemon.run("admin", "forget", "--project", "ledger", "--session", "leak");
    DaemonProcess.Result forget = daemon.run("admin", "forget", "--project", "ledger", "--session", "leak", "--yes");
    DaemonProcess.Result nothing = daemon.run("admin", "forget", "--project", "ledger", "--session", "leak", "--yes");

    // then
    assertThat(dry.out()).contains("Would forget session leak in project ledger: 3 events of 1 session");
    assertThat(unconfirmed.exitCode()).isEqualTo(2);
    assertThat(unconfirmed.err()).contains("add --yes");
    assertThat(forget.exitCode()).as(forget.toString()).isZero();
    assertThat(forget.out()).contains("Forgot 3 events in project ledger", "Audit:");
    assertThat(nothing.exitCode()).isNotZero();
    assertThat(nothing.err()).contains("Nothing matches session leak");
    assertThat(search(SECRET)).doesNotContain(SECRET);
    assertThat(search("accounting")).contains("accounting");
    assertThat(daemon.run("admin", "verify").exitCode()).isZero();
    String stats = daemon.run("admin", "stats", "--project", "ledger", "--json").out();
    assertThat(JSON.readTree(stats).path("events").asLong()).isEqualTo(1);
    assertThat(JSON.readTree(stats).path("forgotten").toString()).contains("forgot session leak: 3 events of 1 sessions")
        .doesNotContain(SECRET);
    assertThat(daemon.run("status").exitCode()).isZero();
    assertThat(filesHolding(SECRET)).as("files holding the forgotten text").isEmpty();
    Path context = home.resolve("data/agent-memory/context/ledger.md");
    assertThat(context).as("the session-start memory, written again from what remains").exists();
    assertThat(Files.readString(context)).contains("accounting").doesNotContain(SECRET);

    // when: the whole project
    DaemonProcess.Result whole = daemon.run("admin", "forget", "--project", "ledger", "--yes");

    // then
    assertThat(whole.exitCode()).as(whole.toString()).isZero();
    assertThat(daemon.db.resolve("projects/ledger")).doesNotExist();
    assertThat(home.resolve("data/agent-memory/context/ledger.md")).doesNotExist();
    assertThat(daemon.run("admin", "stats", "--json").out()).contains("forgot project ledger: its store of 1 events");
  }

  @Test
  void shouldForgetASessionOverGrpc_alsoFromTheSpoolAndTheSessionStartMemory() throws Exception {
    // given: the session taken in and indexed, and a file of it the spool could not store
    int port = daemon.start();
    captureALeakingSessionAndAnother();
    Path rejected = Files.createDirectories(home.resolve("data/agent-memory/spool/rejected"));
    Files.writeString(rejected.resolve("0000000000001-broken.json"), "{\"session_id\":\"leak\",\"text\":\"" + SECRET);

    // when: a client that is not the CLI forgets it, as MCP or any gRPC client would
    Metadata header = new Metadata();
    header.put(Metadata.Key.of("x-memory-project", Metadata.ASCII_STRING_MARSHALLER), "ledger");
    ManagedChannel channel = daemon.channel(port);
    ForgetResponse forgotten;
    try {
      forgotten = MemoryServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header))
          .forget(ForgetRequest.newBuilder().setSessionId("leak").build());
    } finally {
      channel.shutdownNow();
    }

    // then: no file outside backups holds it, the audit says what went, the rest is there
    assertThat(forgotten.getEvents()).isEqualTo(3);
    assertThat(forgotten.getSpooled()).isEqualTo(1);
    assertThat(forgotten.getAudit()).contains("forgot session leak: 3 events").doesNotContain(SECRET);
    assertThat(search("accounting")).contains("accounting");
    assertThat(filesHolding(SECRET)).as("files holding the forgotten text").isEmpty();
  }

  @Test
  void shouldForgetWithTheDaemonStopped_asTheDaemonDoes_spoolAndSessionStartMemoryIncluded() throws Exception {
    // given: the session stored and summarized, then the daemon stopped, one more event of it
    // waiting in the spool and one the spool could not store
    daemon.start();
    captureALeakingSessionAndAnother();
    Path contextFile = home.resolve("data/agent-memory/context/ledger.md");
    DaemonProcess.await(() -> Files.exists(contextFile) ? Files.readString(contextFile) : "", SECRET);
    assertThat(daemon.run("stop").exitCode()).isZero();
    hook("leak", "UserPromptSubmit", "prompt", "One more step with " + SECRET);
    Path rejected = Files.createDirectories(home.resolve("data/agent-memory/spool/rejected"));
    Files.writeString(rejected.resolve("0000000000001-broken.json"), "{\"session_id\":\"leak\",\"text\":\"" + SECRET);

    // when
    DaemonProcess.Result forget = daemon.run("admin", "forget", "--project", "ledger", "--session", "leak", "--yes",
        "--db-path", daemon.db.toString());

    // then: what the daemon's forget leaves (ForgetIT over gRPC): nothing of it in any file
    assertThat(forget.exitCode()).as(forget.toString()).isZero();
    assertThat(forget.out()).contains("Forgot 3 events in project ledger and 2 waiting in the spool", "Audit:");
    assertThat(contextFile).doesNotExist();
    assertThat(filesHolding(SECRET)).as("files holding the forgotten text").isEmpty();
    daemon.start();
    assertThat(search("accounting")).contains("accounting");
    assertThat(search(SECRET)).doesNotContain(SECRET);
  }

  @Test
  void shouldLeaveTheSameState_whetherTheCliGrpcOrMcpForgets() throws Exception {
    Map<String, ForgottenState> states = new LinkedHashMap<>();
    for (String door : List.of("cli", "grpc", "mcp")) {
      // given: the same two sessions captured by a daemon of its own
      sandboxIn(Files.createDirectories(tmp.resolve(door)));
      int port = daemon.start();
      captureALeakingSessionAndAnother();
      Path context = home.resolve("data/agent-memory/context/ledger.md");
      DaemonProcess.await(() -> Files.exists(context) ? Files.readString(context) : "", SECRET);

      // when: session "leak" is forgotten through this door
      forgetTheLeakThrough(door, port);

      // then (below): every door leaves the same
      states.put(door, forgottenState());
      daemon.stopQuietly();
    }
    assertThat(states.get("cli").events()).as("the other session stays").isEqualTo(List.of(
        "Rename the ledger export to accounting export"));
    assertThat(states.get("cli").holdingTheSecret()).isZero();
    assertThat(states.get("cli").audit()).singleElement().asString().contains("forgot session leak: 3 events");
    assertThat(states.get("grpc")).as("over gRPC").isEqualTo(states.get("cli"));
    assertThat(states.get("mcp")).as("over MCP").isEqualTo(states.get("cli"));
  }

  private void forgetTheLeakThrough(String door, int port) throws Exception {
    switch (door) {
      case "cli" -> assertThat(daemon.run("admin", "forget", "--project", "ledger", "--session", "leak", "--yes")
          .exitCode()).isZero();
      case "grpc" -> {
        ManagedChannel channel = daemon.channel(port);
        try {
          Metadata header = new Metadata();
          header.put(Metadata.Key.of("x-memory-project", Metadata.ASCII_STRING_MARSHALLER), "ledger");
          MemoryServiceGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header))
              .forget(ForgetRequest.newBuilder().setSessionId("leak").build());
        } finally {
          channel.shutdownNow();
        }
      }
      default -> {
        try (McpSession mcp = new McpSession(project, daemon)) {
          assertThat(mcp.text("memory_forget", Map.of("session_id", "leak")))
              .startsWith("Would forget session leak in project ledger: 3 events");
          assertThat(search(SECRET)).as("a dry run forgets nothing").contains(SECRET);
          assertThat(mcp.text("memory_forget", Map.of("session_id", "leak", "confirm", true)))
              .startsWith("Forgot 3 events");
        }
      }
    }
  }

  /**
   * What a forget leaves, without what differs between two daemons anyway (ids made of the time,
   * the time in the audit): the events kept, the TOC's and the search's counts, the audit, what
   * search finds of the secret, how many files hold it, and the session-start memory.
   */
  private record ForgottenState(List<String> events, long tocNodes, long grips, List<String> audit, boolean searchFindsIt,
      int holdingTheSecret, boolean contextHoldsIt) {}

  private ForgottenState forgottenState() throws Exception {
    JsonNode stats = JSON.readTree(daemon.run("admin", "stats", "--project", "ledger",
        "--json").out());
    List<String> events = new ArrayList<>();
    for (String line : daemon.run("admin", "export", "--project", "ledger").out().split("\n")) {
      if (!line.isBlank()) {
        events.add(JSON.readTree(line).path("text").asText());
      }
    }
    List<String> audit = new ArrayList<>();
    stats.path("forgotten").forEach(entry -> audit.add(entry.asText().replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z", "(time)")));
    Path context = home.resolve("data/agent-memory/context/ledger.md");
    return new ForgottenState(events, stats.path("toc_nodes").asLong(), stats.path("grips").asLong(), audit,
        search(SECRET).contains(SECRET), filesHolding(SECRET).size(),
        Files.exists(context) && Files.readString(context).contains(SECRET));
  }

  /** Session "leak" (three prompts holding the secret) and session "keep", stored and indexed. */
  private void captureALeakingSessionAndAnother() throws Exception {
    for (int i = 0; i < 3; i++) {
      hook("leak", "UserPromptSubmit", "prompt", "Deploy with the token " + SECRET + " to the ledger service, step " + i);
    }
    hook("keep", "UserPromptSubmit", "prompt", "Rename the ledger export to accounting export");
    awaitSearchFinds(SECRET, "ledger");
  }

  private void hook(String session, String event, String field, String value) throws Exception {
    String payload = JSON.createObjectNode().put("session_id", session).put("hook_event_name", event)
        .put("cwd", project.toString()).put(field, value).toString();
    Path in = Files.createTempFile(home, "payload", ".json");
    Files.writeString(in, payload);
    assertThat(daemon.runWithInput(in, "hook").exitCode()).isZero();
  }

  private String search(String words) throws Exception {
    return daemon.run("search", words, "--project", "ledger", "--mode", "bm25", "--type", "all").out();
  }

  private void awaitSearchFinds(String words, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!search(words).contains(expected)) {
      assertThat(System.nanoTime()).as("search finds %s", words).isLessThan(deadline);
      Thread.sleep(300);
    }
  }

  /** Every file of the daemon's data (store, projects, index, context, spool, logs) that holds {@code text}. */
  private List<Path> filesHolding(String text) throws Exception {
    RocksDB.loadLibrary();
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    List<Path> holding = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Stream.concat(Stream.concat(Files.walk(daemon.db), Files.walk(home.resolve("data"))),
        Files.walk(home.resolve("state")))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      if (fileHolds(file, needle)) {
        holding.add(file);
      }
    }
    return holding;
  }

  private static boolean fileHolds(Path file, byte[] needle) throws Exception {
    try {
      return file.toString().endsWith(".sst") ? tableHolds(file, needle) : contains(Files.readAllBytes(file), needle);
    } catch (NoSuchFileException e) {
      return false; // a temporary file (an atomic write's) renamed away between the walk and the read
    }
  }

  private static boolean tableHolds(Path sst, byte[] needle) throws Exception {
    try (Options options = new Options(); SstFileReader reader = new SstFileReader(options)) {
      reader.open(sst.toString());
      try (ReadOptions read = new ReadOptions(); SstFileReaderIterator it = reader.newIterator(read)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          if (contains(it.key(), needle) || contains(it.value(), needle)) {
            return true;
          }
        }
      }
    } catch (RocksDBException e) {
      return false; // a table file compacted away while we read
    }
    return false;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
