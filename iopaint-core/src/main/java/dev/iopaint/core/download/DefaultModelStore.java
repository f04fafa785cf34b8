package dev.iopaint.core.download;

import dev.iopaint.api.DownloadFailedException;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.spi.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * IOPaint's way of finding and fetching erase-model files: {@code <dir>/torch/hub/checkpoints/<last part of the
 * URL>} (or the file's own {@link ModelFile#storedName}), the URL and MD5 overridable with {@code <NAME>_URL} / {@code <NAME>_MD5}, a local path in the URL slot used
 * as it is, an existing file never checked or fetched again.
 */
public final class DefaultModelStore implements ModelStore {
    private static final Logger log = LoggerFactory.getLogger(DefaultModelStore.class);
    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    private final ModelDirectory dir;
    private final DownloadSettings settings;
    private final Downloader downloader;

    public DefaultModelStore(ModelDirectory dir, DownloadSettings settings) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.downloader = new Downloader(settings);
    }

    @Override
    public ModelDirectory directory() {
        return dir;
    }

    @Override
    public Path pathOf(ModelFile file) {
        String url = url(file);
        Path local = localPath(file, url);
        return local != null ? local : dir.checkpoint(storedName(file, url));
    }

    @Override
    public Path fetch(ModelFile file, DownloadListener listener) {
        Objects.requireNonNull(listener, "listener");
        String url = url(file);
        Path local = localPath(file, url);
        if (local != null) {
            if (!Files.isRegularFile(local)) {
                throw new DownloadFailedException(file.fileName() + " was to be read from " + local + " ("
                        + describeSource(file) + "), but there is no such file. Put the file there, or point "
                        + file.urlVariable() + " at an existing file or an http(s) URL (unset it to use " + file.url()
                        + ").");
            }
            return local;
        }
        Path target = dir.checkpoint(storedName(file, url));
        if (Files.isRegularFile(target)) {
            return target;
        }
        return downloader.download(new DownloadRequest(remote(file, url), target, md5(file), file.overrideName()),
                listener);
    }

    @Override
    public boolean removeIfCorrupt(ModelFile file) {
        String expected = md5(file);
        Path path = pathOf(file);
        if (expected.isEmpty() || !Files.isRegularFile(path)) {
            return false;
        }
        String actual;
        try {
            actual = Md5.of(path);
        } catch (IOException e) {
            log.warn("Could not read {} to check its MD5: {}", path, Failures.describe(e));
            return false;
        }
        if (actual.equals(expected)) {
            return false;
        }
        if (localPath(file, url(file)) != null) {
            // The user's own file, outside our cache: report it, but never delete it.
            log.error("{} has MD5 {} but {} was expected; it is your own file ({}), so it is kept. Replace it, or set {}"
                    + " if it is meant to differ.", path, actual, expected, describeSource(file), file.md5Variable());
            return false;
        }
        try {
            Files.delete(path);
        } catch (IOException e) {
            log.error("{} is damaged (MD5 {} but {} was expected) and could not be deleted: {}. Delete it yourself so"
                    + " it is downloaded again.", path, actual, expected, Failures.describe(e));
            return false;
        }
        log.error("{} was damaged (MD5 {} but {} was expected) and has been deleted; it is downloaded again next time.",
                path, actual, expected);
        return true;
    }

    private String url(ModelFile file) {
        String override = settings.override(file.urlVariable());
        return override != null ? override : file.url();
    }

    /** The file's own stored name wins over the (overridden) URL's last segment, so overriding the URL keeps it. */
    private static String storedName(ModelFile file, String url) {
        return file.storedName().isEmpty() ? ModelFile.fileNameOf(url) : file.storedName();
    }

    private String md5(ModelFile file) {
        String override = settings.override(file.md5Variable());
        if (override == null) {
            return file.md5();
        }
        String md5 = override.toLowerCase(Locale.ROOT);
        if (!md5.matches("[0-9a-f]{32}")) {
            throw new DownloadFailedException(file.md5Variable() + " is '" + override + "', which is not an MD5 (32"
                    + " hex digits). Fix it, or unset it to use " + (file.md5().isEmpty() ? "no check" : file.md5())
                    + ".");
        }
        return md5;
    }

    /** The local file the URL slot names (a path or a file: URI), or null for an http(s) URL. */
    private static Path localPath(ModelFile file, String url) {
        try {
            if (url.regionMatches(true, 0, "file:", 0, 5)) {
                return Path.of(URI.create(url)).toAbsolutePath().normalize();
            }
            if (HAS_SCHEME.matcher(url).matches()) {
                String scheme = url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT);
                if (scheme.equals("http") || scheme.equals("https")) {
                    return null;
                }
                throw new DownloadFailedException(invalidSource(file, url, "only http(s) URLs, file: URIs and local"
                        + " paths are supported"));
            }
            return Path.of(url).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) { // includes InvalidPathException
            throw new DownloadFailedException(invalidSource(file, url, Failures.describe(e)), e);
        }
    }

    private static URI remote(ModelFile file, String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host name");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new DownloadFailedException(invalidSource(file, url, Failures.describe(e)), e);
        }
    }

    private static String invalidSource(ModelFile file, String url, String reason) {
        return "'" + url + "' (for " + file.fileName() + ") is not a usable URL: " + reason + ". Set "
                + file.urlVariable() + " to an http(s) URL or a local file.";
    }

    private String describeSource(ModelFile file) {
        return settings.override(file.urlVariable()) != null ? "set by " + file.urlVariable() : "the model's URL";
    }
}
