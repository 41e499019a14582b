package dev.agentmemory.cli.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.daemon.Version;
import dev.agentmemory.hook.ProjectName;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code memory-daemon mcp}: a Model Context Protocol server on stdin/stdout that a coding agent
 * starts once per session. Its tools search and read the memory of the session's project (the git
 * root of the working directory, or $MEMORY_PROJECT) through the running daemon, over loopback.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the memory to a coding agent over MCP (stdio): tools memory_search, memory_recent, "
          + "memory_browse, memory_expand.",
      "The project is the git root of the working directory ($MEMORY_PROJECT overrides). Claude Code starts "
          + "it itself once `hooks install` registered it."
    })
public final class McpCommand implements Callable<Integer> {
  @ParentCommand MemoryDaemonCommand root;

  @Override
  public Integer call() throws InterruptedException {
    String project = ProjectName.of(root.context().platform().env(), Path.of("").toAbsolutePath());
    CountDownLatch closed = new CountDownLatch(1);
    // stdout carries the protocol only: the raw descriptors, not System.out (nothing else may print there)
    McpOutput out = new McpOutput(new FileOutputStream(FileDescriptor.out));
    InputStream in = new SignalsEnd(new JsonRpcGate(new FileInputStream(FileDescriptor.in), out), closed);
    McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, in, out))
        .serverInfo("agent-memory", Version.describe())
        .jsonMapper(json)
        .instructions(ToolSpecs.INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(new ToolSpecs(new MemoryTools(new RunningDaemon(root, project)), json).all())
        .build();
    closed.await();
    server.closeGracefully();
    return 0;
  }

  /** Counts the latch down when the client closes our stdin: the session is over. */
  private static final class SignalsEnd extends FilterInputStream {
    private final CountDownLatch closed;

    SignalsEnd(InputStream in, CountDownLatch closed) {
      super(in);
      this.closed = closed;
    }

    @Override
    public int read() throws IOException {
      return ended(super.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return ended(super.read(buffer, offset, length));
    }

    private int ended(int result) {
      if (result < 0) {
        closed.countDown();
      }
      return result;
    }
  }
}
