package dev.iopaint.spark;

import dev.iopaint.api.IopaintException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * Writes a result under a temporary name in the output folder and renames it, so a failed, retried or
 * speculative task never leaves a half-written file under the result's name. The temporary name starts with a
 * dot, which Hadoop and Spark readers skip.
 */
final class ResultWriter {
    private final FileSystem fs;
    private final Path folder;
    private final String attempt;

    /** @param attempt unique per task attempt, so two attempts never share a temporary file */
    ResultWriter(FileSystem fs, Path folder, String attempt) {
        // The local file system would add a .crc file beside each result, which iopaint run does not write.
        this.fs = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
        this.folder = folder;
        this.attempt = attempt;
    }

    boolean exists(String name) throws IOException {
        return fs.exists(new Path(folder, name));
    }

    void write(String name, byte[] bytes) {
        Path target = new Path(folder, name);
        Path temporary = new Path(folder, "." + name + "." + attempt + ".part");
        try {
            try (FSDataOutputStream out = fs.create(temporary, true)) {
                out.write(bytes);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(temporary, target) && !fs.exists(target)) {
                throw new IOException("renaming " + temporary + " failed");
            }
        } catch (IOException e) {
            throw new IopaintException("Could not write " + target + " (" + e.getMessage()
                    + "); check the output folder is writable and has space");
        } finally {
            deleteQuietly(temporary);
        }
    }

    private void deleteQuietly(Path temporary) {
        try {
            fs.delete(temporary, false);
        } catch (IOException ignored) {
            // The result is written or its error reported; a stray temporary file is hidden and harmless.
        }
    }
}
