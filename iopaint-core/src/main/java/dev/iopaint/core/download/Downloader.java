package dev.iopaint.core.download;

import dev.iopaint.api.DownloadFailedException;
import dev.iopaint.api.DownloadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Downloads a file over HTTP(S) so that its final name only ever holds a complete, verified file: bytes go to
 * {@code <name>.part} beside it, are checked against the MD5, then renamed. A part left by an earlier attempt or
 * run is resumed with a {@code Range} request; transient failures are retried with exponential backoff.
 */
public final class Downloader {
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);

    // One download per target in this JVM, whichever Downloader runs it; the map only grows by the number of
    // distinct model files, which is small.
    private static final ConcurrentMap<Path, ReentrantLock> TARGET_LOCKS = new ConcurrentHashMap<>();

    private final DownloadSettings settings;
    private HttpClient client;

    public Downloader(DownloadSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Makes {@code request.target()} hold the verified file, downloading it unless it already exists (or a
     * concurrent download of the same target finished it meanwhile).
     *
     * @return the target path
     * @throws DownloadFailedException when offline, on a non-transient HTTP error, when the attempts are used up,
     *                                 on an MD5 mismatch (the download is deleted) or when the disk cannot be written
     */
    public Path download(DownloadRequest request, DownloadListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        Path target = request.target();
        if (settings.offline() && !Files.isRegularFile(target)) {
            throw Failures.offline(request);
        }
        ReentrantLock lock = TARGET_LOCKS.computeIfAbsent(target, path -> new ReentrantLock());
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(request);
        }
        try {
            if (Files.isRegularFile(target)) {
                return target;
            }
            long startNanos = System.nanoTime();
            try {
                createFolder(request);
                String actualMd5 = transferWithRetries(request, listener);
                if (!request.md5().isEmpty() && !request.md5().equals(actualMd5)) {
                    deletePart(request);
                    throw Failures.checksum(request, actualMd5);
                }
                moveIntoPlace(request);
            } catch (DownloadFailedException e) {
                listener.failed(request.fileName(), e.getMessage());
                throw e;
            }
            log.info("Downloaded {} to {} in {} ms", request.url(), target,
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            listener.finished(request.fileName());
            return target;
        } finally {
            lock.unlock();
        }
    }

    private String transferWithRetries(DownloadRequest request, DownloadListener listener) {
        log.info("Downloading {} to {}", request.url(), request.target());
        Transfer transfer = new Transfer(client(), settings, request, listener);
        for (int attempt = 1; ; attempt++) {
            try {
                return transfer.attempt();
            } catch (RetryableFailure failure) {
                if (attempt >= settings.maxAttempts()) {
                    throw Failures.network(request, attempt, failure);
                }
                Duration pause = settings.backoffAfter(attempt);
                log.warn("Downloading {} failed ({}); attempt {} of {} in {}", request.url(), failure.getMessage(),
                        attempt + 1, settings.maxAttempts(), Durations.human(pause));
                sleep(pause, request);
            }
        }
    }

    private synchronized HttpClient client() {
        // Built on first use, so an offline run starts no HTTP machinery at all.
        if (client == null) {
            client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(settings.connectTimeout())
                    // One plain stream per file: HTTP/1.1 resumes and proxies most predictably.
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return client;
    }

    private static void createFolder(DownloadRequest request) {
        Path folder = request.target().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw Failures.disk(request, "creating the folder", folder, e);
        }
    }

    private static void moveIntoPlace(DownloadRequest request) {
        Path part = request.partFile();
        try {
            try {
                Files.move(part, request.target(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, request.target(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw Failures.disk(request, "renaming " + part + " to", request.target(), e);
        }
    }

    private static void deletePart(DownloadRequest request) {
        try {
            Files.deleteIfExists(request.partFile());
        } catch (IOException e) {
            throw Failures.disk(request, "deleting the damaged download", request.partFile(), e);
        }
    }

    private static void sleep(Duration pause, DownloadRequest request) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(request);
        }
    }
}
