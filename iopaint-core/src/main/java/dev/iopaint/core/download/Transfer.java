package dev.iopaint.core.download;

import dev.iopaint.api.DownloadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings one request's {@code .part} file up to the complete body, one attempt at a time, resuming whatever an
 * earlier attempt or an earlier run left on disk. Network trouble is a {@link RetryableFailure}; a local disk
 * problem or a definite HTTP refusal is a {@link dev.iopaint.api.DownloadFailedException} at once.
 */
final class Transfer {
    private static final Logger log = LoggerFactory.getLogger(Transfer.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient client;
    private final DownloadSettings settings;
    private final DownloadRequest request;
    private final DownloadListener listener;
    private boolean announced;

    Transfer(HttpClient client, DownloadSettings settings, DownloadRequest request, DownloadListener listener) {
        this.client = client;
        this.settings = settings;
        this.request = request;
        this.listener = listener;
    }

    /** One attempt; on success the part file holds the whole body and its MD5 is returned. */
    String attempt() throws RetryableFailure {
        Path part = request.partFile();
        long offset = sizeOf(part);
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(offset);
        if (response.statusCode() == 416 && offset > 0) {
            // The part is no prefix of what the server has (often: a different file); start clean.
            discard(response);
            log.info("{} refused to resume {} at byte {}; starting over", request.url(), part, offset);
            delete(part);
            offset = 0;
            response = send(0);
        }
        int status = response.statusCode();
        if (status == 206 && offset > 0) {
            Matcher range = contentRange(response);
            if (range == null || Long.parseLong(range.group(1)) != offset) {
                discard(response);
                delete(part);
                throw new RetryableFailure("the server resumed at the wrong place (Content-Range: "
                        + response.headers().firstValue("Content-Range").orElse("none") + " for byte " + offset + ")");
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long total = !range.group(3).equals("*") ? Long.parseLong(range.group(3))
                    : length >= 0 ? offset + length : -1;
            return receive(response, offset, total);
        }
        if (status == 200) {
            if (offset > 0) {
                log.info("{} ignored the request to resume at byte {}; downloading from the start", request.url(),
                        offset);
            }
            return receive(response, 0, response.headers().firstValueAsLong("Content-Length").orElse(-1));
        }
        discard(response);
        if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
            throw new RetryableFailure("the server answered HTTP " + status);
        }
        throw Failures.http(request, status);
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(long offset) throws RetryableFailure {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                // Covers connecting and waiting for the headers; the body has its own stall limit.
                .timeout(settings.connectTimeout().plus(settings.stallTimeout()))
                .GET();
        if (offset > 0) {
            builder.header("Range", "bytes=" + offset + "-");
        }
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofPublisher());
        } catch (IOException e) {
            throw new RetryableFailure(Failures.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(request);
        }
    }

    /**
     * Streams the body into the part file from {@code offset} (appending, or truncating at 0), hashing it and
     * flushing it to the disk on threads of their own meanwhile.
     */
    private String receive(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, long offset, long total)
            throws RetryableFailure {
        Path part = request.partFile();
        BodyQueue body = new BodyQueue();
        response.body().subscribe(body);
        FileChannel out = null;
        try {
            MessageDigest digest = Md5.newDigest();
            if (offset > 0) {
                hashExisting(digest, part);
            }
            out = open(part, offset > 0);
            try (BackgroundDigest hashing = new BackgroundDigest(digest, "iopaint-md5 " + request.fileName());
                 BackgroundFlush flushing = new BackgroundFlush(out, "iopaint-flush " + request.fileName())) {
                announce(offset, total);
                long done = offset;
                for (List<ByteBuffer> buffers; (buffers = body.next(settings.stallTimeout())) != null; ) {
                    hashing.update(buffers);
                    long written = write(out, buffers);
                    flushing.written(written);
                    done += written;
                    listener.progressed(request.fileName(), done, total);
                }
                if (total >= 0 && done != total) {
                    throw new RetryableFailure("the connection ended after " + done + " of " + total + " bytes");
                }
                finish(flushing);
                return hashing.hex();
            }
        } catch (IOException e) {
            // Only the body throws IOException here; local file errors are reported as such where they happen.
            throw new RetryableFailure(Failures.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(request);
        } finally {
            body.cancel();
            close(out);
        }
    }

    private void announce(long offset, long total) {
        if (!announced) {
            listener.started(request.fileName(), total);
            announced = true;
        }
        listener.progressed(request.fileName(), offset, total);
    }

    /** Writes the buffers with one gathering write: a system call per batch, not per 16 KiB buffer. */
    private long write(FileChannel out, List<ByteBuffer> buffers) {
        ByteBuffer[] array = buffers.toArray(ByteBuffer[]::new);
        long length = 0;
        for (ByteBuffer buffer : array) {
            length += buffer.remaining();
        }
        try {
            for (long written = 0; written < length; ) {
                written += out.write(array);
            }
        } catch (IOException e) {
            throw Failures.disk(request, "writing", request.partFile(), e);
        }
        return length;
    }

    private FileChannel open(Path part, boolean append) {
        try {
            return append
                    ? FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw Failures.disk(request, "opening", part, e);
        }
    }

    private void hashExisting(MessageDigest digest, Path part) {
        try {
            Md5.update(digest, part);
        } catch (IOException e) {
            throw Failures.disk(request, "reading", part, e);
        }
    }

    /** Flushed to the disk before it is renamed, so a crash can never leave a complete-looking damaged file. */
    private void finish(BackgroundFlush flushing) throws InterruptedException {
        try {
            flushing.finish();
        } catch (IOException e) {
            throw Failures.disk(request, "writing", request.partFile(), e);
        }
    }

    private void close(FileChannel out) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // The bytes were already forced to disk or the attempt is failing anyway; the next attempt re-reads the part.
            log.warn("Could not close {}: {}", request.partFile(), Failures.describe(e));
        }
    }

    private long sizeOf(Path part) {
        try {
            return Files.isRegularFile(part) ? Files.size(part) : 0;
        } catch (IOException e) {
            throw Failures.disk(request, "reading", part, e);
        }
    }

    private void delete(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw Failures.disk(request, "deleting", part, e);
        }
    }

    private static Matcher contentRange(HttpResponse<?> response) {
        Matcher matcher = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse("").trim());
        return matcher.matches() ? matcher : null;
    }

    /** Releases the connection of a response whose body is not wanted. */
    private static void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        BodyQueue body = new BodyQueue();
        response.body().subscribe(body);
        body.cancel();
    }
}
