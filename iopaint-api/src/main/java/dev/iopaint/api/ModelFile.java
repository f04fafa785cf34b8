package dev.iopaint.api;

import java.util.Objects;

/**
 * One file a model needs: where it is downloaded from and its MD5. Both can be overridden with the environment
 * variables {@code <overrideName>_URL} and {@code <overrideName>_MD5}, as in IOPaint (e.g. {@code LAMA_MODEL_URL});
 * a local path in place of the URL is used as it is.
 *
 * @param url          where to fetch it; the last path segment is the file name in {@code torch/hub/checkpoints}
 *                     unless {@code storedName} says otherwise
 * @param md5          lower-case hex MD5 of the complete file, or empty to skip the check
 * @param overrideName prefix of the override variables, e.g. {@code LAMA_MODEL}
 * @param storedName   the file name in {@code torch/hub/checkpoints}, or empty for the last segment of the URL (for
 *                     files whose URL ends in a name too generic to share that folder, e.g. {@code encoder.onnx})
 */
public record ModelFile(String url, String md5, String overrideName, String storedName) {
    public ModelFile {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(overrideName, "overrideName");
        Objects.requireNonNull(storedName, "storedName");
        md5 = md5.toLowerCase(java.util.Locale.ROOT);
        if (!md5.isEmpty() && !md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("An MD5 is 32 hex digits, got '" + md5 + "' for " + url);
        }
        if (storedName.contains("/") || storedName.contains("\\") || storedName.equals(".")
                || storedName.equals("..")) {
            throw new IllegalArgumentException("A stored file name is a plain name inside torch/hub/checkpoints, got '"
                    + storedName + "' for " + url);
        }
    }

    /** A file stored under the last segment of its URL, as IOPaint stores every file. */
    public ModelFile(String url, String md5, String overrideName) {
        this(url, md5, overrideName, "");
    }

    /** The same file, stored as {@code name} in {@code torch/hub/checkpoints} whatever its URL ends with. */
    public ModelFile storedAs(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A stored file name must not be empty (for " + url + ")");
        }
        return new ModelFile(url, md5, overrideName, name);
    }

    /** The file name it is stored under: {@code storedName}, else the last segment of the URL, without any query. */
    public String fileName() {
        return storedName.isEmpty() ? fileNameOf(url) : storedName;
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
