package dev.iopaint.api;

import java.util.Objects;

/**
 * One file a model needs: where it is downloaded from and its MD5. Both can be overridden with the environment
 * variables {@code <overrideName>_URL} and {@code <overrideName>_MD5}, as in IOPaint (e.g. {@code LAMA_MODEL_URL});
 * a local path in place of the URL is used as it is.
 *
 * @param url          where to fetch it; the last path segment is the file name in {@code torch/hub/checkpoints}
 * @param md5          lower-case hex MD5 of the complete file, or empty to skip the check
 * @param overrideName prefix of the override variables, e.g. {@code LAMA_MODEL}
 */
public record ModelFile(String url, String md5, String overrideName) {
    public ModelFile {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(overrideName, "overrideName");
        md5 = md5.toLowerCase(java.util.Locale.ROOT);
        if (!md5.isEmpty() && !md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("An MD5 is 32 hex digits, got '" + md5 + "' for " + url);
        }
    }

    /** The file name IOPaint stores it under: the last segment of the URL, without any query. */
    public String fileName() {
        return fileNameOf(url);
    }

    public static String fileNameOf(String urlOrPath) {
        String path = urlOrPath;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    public String urlVariable() {
        return overrideName + "_URL";
    }

    public String md5Variable() {
        return overrideName + "_MD5";
    }
}
