package dev.migrate.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * Connects the JDBC driver to a server's Unix-domain socket, as libpq does for a host that is a
 * directory: the socket is {@code DIR/.s.PGSQL.PORT}, the port being the one the driver asks for.
 * Over the socket the server sees the client's operating-system user, so peer authentication works.
 * The driver finds this class through its {@code socketFactory} property and passes the directory
 * as {@code socketFactoryArg}.
 */
public final class UnixSocketFactory extends SocketFactory {
  /** The driver property that names the directory. */
  public static final String DIRECTORY = "socketFactoryArg";

  private final Path directory;

  /** Called by the driver with the connection's properties. */
  public UnixSocketFactory(Properties properties) {
    this.directory = Path.of(properties.getProperty(DIRECTORY));
  }

  /** The socket file of a server on {@code port} whose sockets are in {@code directory}. */
  public static Path socketFile(Path directory, int port) {
    return directory.resolve(".s.PGSQL." + port);
  }

  @Override
  public Socket createSocket() {
    return new UnixSocket(directory);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(port);
  }

  private Socket connected(int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(InetSocketAddress.createUnresolved("localhost", port));
    return socket;
  }

  /** No server listens on the socket file: its message names the file and nothing else. */
  public static final class NoServer extends IOException {
    private static final long serialVersionUID = 1L;

    NoServer(Path file, IOException cause) {
      super(
          "no server answers on the Unix-domain socket " + file + " (" + cause.getMessage() + ")");
    }
  }

  /**
   * A {@link Socket} over a Unix-domain channel, which the JDK does not offer as a Socket. The
   * channel is non-blocking, so a read waits at most the socket timeout: a lock-holding connection
   * whose server stops answering fails instead of hanging, as it does over TCP.
   */
  private static final class UnixSocket extends Socket {
    private final Path directory;
    private SocketChannel channel;
    private Selector selector;
    private int timeoutMillis;
    private boolean closed;

    UnixSocket(Path directory) {
      this.directory = directory;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public synchronized void connect(SocketAddress endpoint, int timeout) throws IOException {
      int port = endpoint instanceof InetSocketAddress inet ? inet.getPort() : 5432;
      Path file = socketFile(directory, port);
      SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        opened.connect(UnixDomainSocketAddress.of(file));
      } catch (IOException e) {
        opened.close();
        throw new NoServer(file, e);
      }
      opened.configureBlocking(false);
      selector = Selector.open();
      channel = opened;
    }

    @Override
    public InputStream getInputStream() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
          if (length == 0) {
            return 0;
          }
          ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
          while (true) {
            int n = channel.read(buffer);
            if (n != 0) {
              return n;
            }
            await(SelectionKey.OP_READ, timeoutMillis);
          }
        }
      };
    }

    @Override
    public OutputStream getOutputStream() {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
          while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
              await(SelectionKey.OP_WRITE, 0);
            }
          }
        }
      };
    }

    // Waits until the channel is ready; 0 waits for ever, as a socket timeout of 0 does.
    private void await(int operation, int millis) throws IOException {
      long deadline = System.nanoTime() + millis * 1_000_000L;
      synchronized (selector) {
        SelectionKey key = channel.register(selector, operation);
        try {
          while (selector.select(millis == 0 ? 0 : Math.max(1, remaining(deadline))) == 0) {
            if (millis > 0 && remaining(deadline) <= 0) {
              throw new SocketTimeoutException("Read timed out after " + millis + " ms");
            }
          }
          selector.selectedKeys().clear();
        } finally {
          key.interestOps(0);
        }
      }
    }

    private static long remaining(long deadline) {
      return (deadline - System.nanoTime()) / 1_000_000L;
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      if (channel != null) {
        channel.close();
        selector.close();
      }
    }

    @Override
    public boolean isConnected() {
      return channel != null && channel.isConnected();
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public void setSoTimeout(int timeout) {
      timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
      return timeoutMillis;
    }

    // TCP options mean nothing on a Unix-domain socket; the driver sets them all the same.
    @Override
    public void setTcpNoDelay(boolean on) {}

    @Override
    public boolean getTcpNoDelay() {
      return true;
    }

    @Override
    public void setKeepAlive(boolean on) {}

    @Override
    public boolean getKeepAlive() {
      return false;
    }

    @Override
    public void setSendBufferSize(int size) {}

    @Override
    public int getSendBufferSize() {
      return 65536;
    }

    @Override
    public void setReceiveBufferSize(int size) {}

    @Override
    public int getReceiveBufferSize() {
      return 65536;
    }

    @Override
    public void bind(SocketAddress local) {}
  }
}
