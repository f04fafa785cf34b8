package dev.iopaint.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One row of the status table: an image, what happened to it, why, and how long it took. */
final class ImageStatus {
    static final String OK = "ok";
    static final String FAILED = "failed";
    /** No mask of the image's stem, as {@code iopaint run} skips it. */
    static final String NO_MASK = "skipped-no-mask";
    /** The result exists from an earlier run and {@code --force} was not given. */
    static final String EXISTS = "skipped-exists";

    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, true)
            .add("millis", DataTypes.LongType, false);

    private ImageStatus() {
    }

    static Row of(String path, String status, String message, long millis) {
        return RowFactory.create(path, status, message, millis);
    }
}
