package dev.iopaint.core.download;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One file to download.
 *
 * @param url          http(s) address to fetch
 * @param target       where the verified file ends up; it is written next to it as {@code <name>.part} first
 * @param md5          lower-case hex MD5 of the complete file, or empty to skip the check
 * @param overrideName prefix of the variables that point elsewhere ({@code <overrideName>_URL}, {@code _MD5}),
 *                     named in every error message so the user knows how to use a mirror or a local copy
 */
public record DownloadRequest(URI url, Path target, String md5, String overrideName) {
    public DownloadRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(overrideName, "overrideName");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("Only http and https URLs can be downloaded, got " + url);
        }
        target = target.toAbsolutePath().normalize();
        if (target.getFileName() == null || target.getParent() == null) {
            throw new IllegalArgumentException("The target must be a file inside a folder, got " + target);
        }
        md5 = md5.toLowerCase(Locale.ROOT);
        if (!md5.isEmpty() && !md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("An MD5 is 32 hex digits, got '" + md5 + "' for " + url);
        }
        if (overrideName.isBlank()) {
            throw new IllegalArgumentException("overrideName is blank for " + url);
        }
    }

    public String fileName() {
        return target.getFileName().toString();
    }

    /** The partial download, kept between attempts and runs so it can be resumed. */
    public Path partFile() {
        return target.resolveSibling(fileName() + ".part");
    }

    public String urlVariable() {
        return overrideName + "_URL";
    }

    public String md5Variable() {
        return overrideName + "_MD5";
    }
}
