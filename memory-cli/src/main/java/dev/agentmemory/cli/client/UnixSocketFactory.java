package dev.agentmemory.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Sockets to the daemon's Unix socket for gRPC's OkHttp transport, which asks a {@link
 * SocketFactory} for a {@link Socket} (gRPC's Android UDS support works the same way). The JDK
 * has Unix domain sockets only as channels since Java 16, so each socket here is a channel behind
 * the stream interface OkHttp reads and writes; whatever address OkHttp asks for, it connects to
 * {@code path}.
 */
final class UnixSocketFactory extends SocketFactory {
  private final Path path;

  UnixSocketFactory(Path path) {
    this.path = path;
  }

  @Override
  public Socket createSocket() {
    return new UnixSocket(path);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return connected();
  }

  private Socket connected() throws IOException {
    UnixSocket socket = new UnixSocket(path);
    socket.connect(null);
    return socket;
  }

  /** A connected Unix domain socket channel, as a {@link Socket}. Reads and writes may run at once. */
  private static final class UnixSocket extends Socket {
    private final Path path;
    private volatile SocketChannel channel;
    private volatile boolean closed;

    UnixSocket(Path path) {
      this.path = path;
    }

    @Override
    public void connect(SocketAddress ignored) throws IOException {
      connect(ignored, 0);
    }

    @Override
    public void connect(SocketAddress ignored, int timeout) throws IOException {
      SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        opened.connect(UnixDomainSocketAddress.of(path));
      } catch (IOException e) {
        opened.close();
        throw new SocketException(e.getMessage() + ": " + path);
      }
      channel = opened;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      SocketChannel open = open();
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
          return length == 0 ? 0 : open.read(ByteBuffer.wrap(bytes, offset, length));
        }
      };
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      SocketChannel open = open();
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
          while (buffer.hasRemaining()) {
            open.write(buffer);
          }
        }
      };
    }

    private SocketChannel open() throws SocketException {
      if (channel == null || closed) {
        throw new SocketException(closed ? "Socket is closed" : "Socket is not connected");
      }
      return channel;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return UnixDomainSocketAddress.of(path);
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
      return null;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
      // no Nagle on a Unix socket
    }

    @Override
    public void setSoTimeout(int timeout) {
      // OkHttp times out by closing the socket (Okio's AsyncTimeout), never by SO_TIMEOUT here
    }

    @Override
    public boolean isConnected() {
      return channel != null;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public void shutdownInput() throws IOException {
      open().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      open().shutdownOutput();
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      if (channel != null) {
        channel.close();
      }
    }

    @Override
    public String toString() {
      return "UnixSocket[" + path + "]";
    }
  }
}
