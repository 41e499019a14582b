package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.proto.BackupRequest;
import dev.agentmemory.proto.CompactStoreRequest;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.ForgetRequest;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.proto.PauseJobRequest;
import dev.agentmemory.proto.SearchRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory is its user's alone, checked against the packaged daemon: other local users (nobody,
 * through setpriv, when the tests run as root) can neither call it nor read its files; secrets
 * never reach the disk; projects never share a store; the MCP server survives any input.
 */
class SecurityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() {
    daemon = new DaemonProcess(tmp);
    daemon.env.put("MEMORY_SEARCH_VECTORS", "false");
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void shouldRefuseEveryCallWithoutTheToken_overTcp_butHealth() throws Exception {
    // given
    int port = daemon.start();
    ManagedChannel anonymous = daemon.channelWithoutToken(port);
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(anonymous);
    List<Function<MemoryServiceGrpc.MemoryServiceBlockingStub, Object>> calls = List.of(
        stub -> stub.getEvents(GetEventsRequest.newBuilder().setToTimestampMs(Long.MAX_VALUE).build()),
        stub -> stub.search(SearchRequest.newBuilder().setQuery("anything").build()),
        stub -> stub.ingestEvent(IngestEventRequest.newBuilder().setEvent(event("injected")).build()),
        stub -> stub.forget(ForgetRequest.newBuilder().setBeforeMs(System.currentTimeMillis()).build()),
        stub -> stub.pauseJob(PauseJobRequest.newBuilder().setJobName("backup").build()),
        stub -> stub.compactStore(CompactStoreRequest.getDefaultInstance()),
        stub -> stub.backup(BackupRequest.newBuilder().setDest(tmp.resolve("loot").toString()).build()));
    try {
      // when / then
      for (Function<MemoryServiceGrpc.MemoryServiceBlockingStub, Object> call : calls) {
        assertThatThrownBy(() -> call.apply(memory)).isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      }
      assertThat(HealthGrpc.newBlockingStub(anonymous).check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(ServingStatus.SERVING);
    } finally {
      anonymous.shutdownNow();
    }
    assertThat(tmp.resolve("loot")).doesNotExist();
    ManagedChannel owner = daemon.channel(port);
    try {
      assertThat(MemoryServiceGrpc.newBlockingStub(owner).getEvents(GetEventsRequest.newBuilder()
          .setToTimestampMs(Long.MAX_VALUE).build()).getEventsCount()).isZero();
    } finally {
      owner.shutdownNow();
    }
  }

  @Test
  void shouldRefuseAnotherLocalUser_onTheSocketAndOnTcp() throws Exception {
    // given: the daemon of this user, and the stranger's own home (the sandbox is opened up only so
    // far that the stranger reaches what it would on a real machine: the runtime directory's parent)
    int port = daemon.start();
    Path strangerHome = Files.createDirectories(tmp.resolve("stranger"));
    openUp(tmp);
    openUp(strangerHome);
    openUp(tmp.resolve("run"));
    Path socket = Path.of(daemon.info().get("socket").asText());
    Map<String, String> stranger = Map.of("HOME", strangerHome.toString(), "XDG_RUNTIME_DIR",
        strangerHome.resolve("run").toString(), "XDG_DATA_HOME", strangerHome.resolve("data").toString(),
        "XDG_STATE_HOME", strangerHome.resolve("state").toString(), "XDG_CONFIG_HOME", strangerHome.resolve("config").toString());

    // when
    DaemonProcess.Result overTcp = daemon.runAsStranger(stranger, "query", "events", "--from", "0", "--endpoint",
        "127.0.0.1:" + port);
    DaemonProcess.Result overSocket = daemon.runAsStranger(stranger, "query", "events", "--from", "0", "--endpoint",
        "unix:" + socket);
    DaemonProcess.Result token = daemon.runAsStranger(stranger, "auth", "token");
    DaemonProcess.Result mine = daemon.run("auth", "token");

    // then
    assertThat(overTcp.exitCode()).as(overTcp.toString()).isNotZero();
    assertThat(overTcp.err()).contains("refused the call", "No token sent", "authorization: Bearer");
    assertThat(overSocket.exitCode()).as(overSocket.toString()).isNotZero();
    assertThat(overSocket.err()).contains("Permission denied");
    assertThat(token.exitCode()).isNotZero();
    assertThat(mine.exitCode()).as(mine.toString()).isZero();
    assertThat(mine.out().strip()).isEqualTo(daemon.token());
    assertThat(mode(socket)).isEqualTo("rw-------");
    assertThat(mode(socket.getParent())).isEqualTo("rwx------");
  }

  @Test
  void shouldLeaveNothingReadableByOthers_afterCaptureSearchBackupRestoreAndExport() throws Exception {
    // given: a session captured, searched, backed up twice, exported, restored
    daemon.start();
    Path project = Files.createDirectories(tmp.resolve("work/ledger/.git")).getParent();
    hook(project, Map.of(), "s1", "Why does the ledger export drop quarantined rows?");
    DaemonProcess.await(() -> daemon.run("search", "quarantined", "--project", "ledger", "--mode", "bm25").out(),
        "quarantined");
    Path elsewhere = tmp.resolve("backups-elsewhere");
    assertThat(daemon.run("admin", "backup").exitCode()).isZero();
    DaemonProcess.Result moved = daemon.run("admin", "backup", "--dest", elsewhere.toString());
    Path export = tmp.resolve("export.jsonl");
    assertThat(daemon.run("admin", "export", "--all-projects", "--output", export.toString()).exitCode()).isZero();
    assertThat(daemon.run("stop").exitCode()).isZero();
    DaemonProcess.Result restored = daemon.run("admin", "restore", "--from", elsewhere.toString(), "--db-path",
        tmp.resolve("restored").toString());

    // then
    assertThat(moved.exitCode()).as(moved.toString()).isZero();
    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    List<Path> readable = new ArrayList<>();
    for (Path root : List.of(daemon.db, tmp.resolve("data/agent-memory"), tmp.resolve("state/agent-memory"),
        tmp.resolve("run/agent-memory"), elsewhere, export, tmp.resolve("restored"))) {
      assertThat(root).exists();
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(path -> !permissions(path).stream().filter(OTHERS::contains).toList().isEmpty()).forEach(readable::add);
      }
    }
    assertThat(readable).as("files and directories others can use").isEmpty();
  }

  @Test
  void shouldWriteNoSecretToDisk_inAnyFormTheIssueListed() throws Exception {
    // given: the daemon stopped, so the hook's spool file is what reaches the disk first
    Path project = Files.createDirectories(tmp.resolve("work/vault/.git")).getParent();
    Map<String, String> secrets = Map.of(
        "bearer", "curl -H 'Authorization: Bearer Qz81ghTokenValue77' https://api.example.com",
        "url", "psql postgres://app:pa/ss@w0rd%x@db.internal:5432/shop",
        "assignment", "DB_PASS=Hunter2Secret MYSQL_PWD=Tr0ub4dorPwd ./migrate.sh",
        "option", "pg_dump --password=OptPassw0rdX shop",
        "header", "curl -H 'X-Api-Key: ApiKeyValue9911' https://api.example.com",
        "key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowKeyMaterialCutShort");
    int n = 0;
    for (String text : secrets.values()) {
      hook(project, Map.of(), "s" + n++, text);
    }
    hook(project, Map.of(), "private", "remember <private>my PIN is 8812</private> nothing");

    // when
    String spooled = readAll(tmp.resolve("data/agent-memory/spool"));
    daemon.start();
    String stored = DaemonProcess.await(() -> daemon.run("query", "events", "--from", "0", "--project", "vault",
        "--limit", "50").out(), "nothing");

    // then
    for (String value : List.of("Qz81ghTokenValue77", "pa/ss@w0rd%x", "Hunter2Secret", "Tr0ub4dorPwd", "OptPassw0rdX",
        "ApiKeyValue9911", "MIIEowKeyMaterialCutShort", "8812")) {
      assertThat(spooled).as("spool").doesNotContain(value);
      assertThat(stored).as("store").doesNotContain(value);
    }
    assertThat(stored).contains("[REDACTED:authorization]", "[REDACTED:password]", "[REDACTED:private-key]", "[private]");
  }

  @Test
  void shouldKeepProjectsWhoseNamesCollidedApart() throws Exception {
    // given: pairs of projects an older version put in one store
    daemon.start();
    List<String> names = List.of("café", "cafè", "東京", "大阪", "p".repeat(120) + "1", "p".repeat(120) + "2");
    for (String name : names) {
      hook(tmp, Map.of("MEMORY_PROJECT", name), "s-" + names.indexOf(name), "note of project number " + names.indexOf(name));
    }

    // when / then: each project reads its own event, and only it
    for (String name : names) {
      String own = "number " + names.indexOf(name);
      String events = DaemonProcess.await(() -> daemon.run("query", "events", "--from", "0", "--project", name).out(), own);
      assertThat(events).as(name).contains("1 found").contains(own);
    }
    assertThat(daemon.db.resolve("projects")).isDirectoryNotContaining("glob:**/caf_");
  }

  @Test
  void shouldAnswerEveryLaterMcpRequest_afterMalformedInput() throws Exception {
    // given
    daemon.start();
    String deep = "[".repeat(100_000);
    List<String> lines = List.of(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{not json",
        "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]",
        "{\"jsonrpc\":\"2.0\",\"id\":3}",
        deep,
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}");
    Path input = tmp.resolve("mcp-input.jsonl");
    Files.writeString(input, String.join("\n", lines) + "\n");

    // when
    DaemonProcess.Result mcp = daemon.runWithInput(input, "mcp");

    // then
    List<JsonNode> answers = new ArrayList<>();
    for (String line : mcp.out().split("\n")) {
      if (!line.isBlank()) {
        answers.add(JSON.readTree(line));
      }
    }
    assertThat(answers).filteredOn(answer -> answer.path("error").path("code").asInt() == -32700).hasSize(2);
    assertThat(answers).filteredOn(answer -> answer.path("error").path("code").asInt() == -32600).hasSize(2);
    assertThat(answers).filteredOn(answer -> answer.path("id").asInt() == 4 && answer.has("result")).hasSize(1);
    assertThat(answers).filteredOn(answer -> answer.path("id").asInt() == 5 && answer.has("result")).hasSize(1);
  }

  private void hook(Path cwd, Map<String, String> env, String session, String prompt) throws Exception {
    String payload = JSON.createObjectNode().put("session_id", session).put("hook_event_name", "UserPromptSubmit")
        .put("cwd", cwd.toString()).put("prompt", prompt).toString();
    Path in = Files.createTempFile(tmp, "payload", ".json");
    Files.writeString(in, payload);
    assertThat(daemon.runWithInput(in, env, "hook").exitCode()).isZero();
  }

  private static Event event(String text) {
    return Event.newBuilder().setEventId("01JAAAAAAAAAAAAAAAAAAAAAAA").setSessionId("s").setTimestampMs(1_767_225_600_000L)
        .setEventType(EventType.EVENT_TYPE_USER_MESSAGE).setRole(EventRole.EVENT_ROLE_USER).setText(text).build();
  }

  private static String readAll(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(file)).append('\n');
      }
    }
    return all.toString();
  }

  private static Set<PosixFilePermission> permissions(Path path) {
    try {
      return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String mode(Path path) {
    return PosixFilePermissions.toString(permissions(path));
  }

  private static void openUp(Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
  }
}
