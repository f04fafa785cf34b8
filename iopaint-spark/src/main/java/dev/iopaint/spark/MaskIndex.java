package dev.iopaint.spark;

import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.batch.BatchInpainter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Optional;

/**
 * Which mask goes with which image, as {@code iopaint run} matches them: one mask file for every image, or the
 * .png/.jpg/.jpeg files of a folder by stem. Built on the driver from file names only; executors read the bytes.
 */
final class MaskIndex implements Serializable {
    private final String location;
    private final String single;
    private final HashMap<String, String> byStem;

    private MaskIndex(String location, String single, HashMap<String, String> byStem) {
        this.location = location;
        this.single = single;
        this.byStem = byStem;
    }

    static MaskIndex of(String uri, Configuration conf) {
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw new UnsupportedInputException("--masks " + uri + " does not exist; give a mask file or a folder");
            }
            if (fs.getFileStatus(path).isFile()) {
                return new MaskIndex(uri, fs.makeQualified(path).toString(), new HashMap<>());
            }
            HashMap<String, String> byStem = new HashMap<>();
            for (FileStatus file : fs.listStatus(path)) {
                String name = file.getPath().getName();
                if (file.isFile() && BatchInpainter.isImageName(name)) {
                    byStem.put(BatchInpainter.stem(name), file.getPath().toString());
                }
            }
            if (byStem.isEmpty()) {
                throw new UnsupportedInputException("--masks " + uri + " has no .png, .jpg or .jpeg files");
            }
            return new MaskIndex(uri, null, byStem);
        } catch (IOException e) {
            throw new UnsupportedInputException("--masks " + uri + " cannot be read: " + e.getMessage());
        }
    }

    /** The mask file of an image's stem, if the masks have one. */
    Optional<String> maskFor(String stem) {
        return single != null ? Optional.of(single) : Optional.ofNullable(byStem.get(stem));
    }

    String location() {
        return location;
    }
}
