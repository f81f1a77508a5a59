package org.oodrunner.framework.data.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on the loopback interface serving fixture files, for download tests. It
 * honours range requests (206 with Content-Range) unless told not to, can cut a response
 * short once (an interrupted download), and records every request's Range header.
 */
public final class FixtureServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile boolean ignoreRanges;

    public FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public FixtureServer serve(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** The next request for {@code path} announces the whole file but sends only {@code bytes}, then drops the connection. */
    public FixtureServer cutOnce(String path, int bytes) {
        cutAfter.put(path, bytes);
        return this;
    }

    public FixtureServer redirect(String from, String to) {
        redirects.put(from, to);
        return this;
    }

    public FixtureServer ignoreRanges() {
        ignoreRanges = true;
        return this;
    }

    public URI url(String path) {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path);
    }

    /** The Range header of every request so far ("" when there was none). */
    public List<String> ranges() {
        return ranges;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        try (ex) {
            if (redirects.containsKey(path)) {
                ex.getResponseHeaders().add("Location", redirects.get(path));
                ex.sendResponseHeaders(302, -1);
                return;
            }
            byte[] content = files.get(path);
            if (content == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            int from = 0;
            if (range != null && !ignoreRanges && range.startsWith("bytes=") && range.endsWith("-")) {
                from = Integer.parseInt(range.substring(6, range.length() - 1));
                if (from >= content.length) {
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
                ex.sendResponseHeaders(206, content.length - from);
            } else {
                ex.sendResponseHeaders(200, content.length);
            }
            Integer cut = cutAfter.remove(path);
            OutputStream out = ex.getResponseBody();
            if (cut != null) {
                out.write(content, from, cut);
                out.flush();
                // Failing the handler makes the server drop the connection with the response unfinished.
                throw new IOException("cut on purpose");
            }
            out.write(content, from, content.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
