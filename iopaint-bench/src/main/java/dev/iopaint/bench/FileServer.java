package dev.iopaint.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves one file over HTTP/1.1 on loopback with {@link FileChannel#transferTo} (sendfile: no copy through Java),
 * so that the server is not what limits a download. GET of {@link #uri()} only, whole file, keep-alive; anything
 * else gets 404. Connections are served by a fixed pool of threads.
 */
final class FileServer implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;

    private final Path file;
    private final String path;
    private final ServerSocketChannel server;
    private final ExecutorService connections = Executors.newFixedThreadPool(4);
    private final Thread acceptor;

    FileServer(Path file) throws IOException {
        this.file = file;
        this.path = "/" + file.getFileName();
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "file-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() throws IOException {
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                connections.execute(() -> serve(client));
            }
        } catch (ClosedChannelException closed) {
            // close() ends the server.
        } catch (IOException e) {
            System.err.println("The benchmark's file server stopped accepting: " + e);
        }
    }

    /** Answers requests on one connection until the client closes it or asks to. */
    private void serve(SocketChannel client) {
        try (client; FileChannel content = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
            while (true) {
                String request = readHead(client, head);
                if (request == null) {
                    return;
                }
                String lower = request.toLowerCase(Locale.ROOT);
                boolean close = lower.contains("\r\nconnection: close");
                if (!request.startsWith("GET " + path + " ")) {
                    client.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
                } else {
                    long size = content.size();
                    client.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + size + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n"));
                    for (long sent = 0; sent < size; ) {
                        sent += content.transferTo(sent, size - sent, client);
                    }
                }
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away mid-response; nothing to serve any more on this connection.
        }
    }

    /** The request line and headers, or null when the client closed the connection between requests. */
    private static String readHead(SocketChannel client, ByteBuffer head) throws IOException {
        head.clear();
        while (true) {
            if (client.read(head) < 0) {
                return null;
            }
            String text = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                // No request bodies: a GET ends at the blank line.
                return text.substring(0, end + 2);
            }
            if (!head.hasRemaining()) {
                throw new IOException("request head longer than " + MAX_HEAD + " bytes");
            }
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
