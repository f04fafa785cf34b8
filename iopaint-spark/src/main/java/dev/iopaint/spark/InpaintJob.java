package dev.iopaint.spark;

import dev.iopaint.api.IopaintException;
import dev.iopaint.api.UnsupportedInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code iopaint run} as a Spark job, for collections that outgrow one machine:
 * <pre>
 * spark-submit --class dev.iopaint.spark.InpaintJob iopaint-spark.jar \
 *     --images hdfs:///photos --masks hdfs:///masks --output hdfs:///clean --model lama --model-dir /shared/models
 * </pre>
 * Executors read the images ({@code binaryFile} source), load the model once per JVM, inpaint and write
 * {@code <stem>.png} exactly as {@code iopaint run} does; the driver sees only the status rows, which go to
 * {@value #STATUS_TABLE} in the output folder.
 */
public final class InpaintJob {
    /** The status table's folder inside the output folder; Spark and Hadoop readers skip names starting with _. */
    public static final String STATUS_TABLE = "_iopaint_status";
    /** The files {@code iopaint run} takes from a folder; Hadoop globs are case-sensitive. */
    private static final String IMAGE_GLOB = "*.{[pP][nN][gG],[jJ][pP][gG],[jJ][pP][eE][gG]}";

    private InpaintJob() {
    }

    public static void main(String[] args) {
        JobSettings settings;
        try {
            settings = JobArguments.parse(args);
        } catch (IopaintException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("iopaint " + settings.model()).getOrCreate();
        int code;
        try {
            JobSummary summary = run(spark, settings);
            System.out.println(summary.describe(settings.model(), settings.output()));
            code = 0; // Failed images are in the status table; --fail-fast makes them fail the job instead.
        } catch (IopaintException e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        } finally {
            spark.stop();
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the job on the session's cluster and returns its counts; the status table is in the output folder.
     *
     * @throws IopaintException when the inputs are missing, a model cannot be loaded on an executor, or an image
     *                          fails with {@code --fail-fast}
     */
    public static JobSummary run(SparkSession spark, JobSettings settings) {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        MaskIndex masks = MaskIndex.of(settings.masks(), conf);
        String imageFolder = imageFolder(settings.images(), conf);
        prepareOutput(settings.output(), conf);

        Dataset<Row> images = spark.read().format("binaryFile").option("pathGlobFilter", IMAGE_GLOB)
                .load(settings.images()).select("path", "content");
        if (imageFolder != null) {
            // Spark lists subfolders too; iopaint run takes only the folder's own files.
            images = images.filter((FilterFunction<Row>) row -> imageFolder.equals(
                    new Path(row.getString(0)).getParent().toString()));
        }
        Dataset<Row> statuses = images.mapPartitions(
                new PartitionInpainter(settings, masks, new HadoopConf(conf)), Encoders.row(ImageStatus.SCHEMA));
        String statusTable = new Path(settings.output(), STATUS_TABLE).toString();
        try {
            statuses.write().mode(SaveMode.Overwrite).json(statusTable);
        } catch (Exception e) { // Scala code throws the checked SparkException undeclared.
            throw iopaintCause(e);
        }
        Map<String, Long> counts = new HashMap<>();
        spark.read().schema(ImageStatus.SCHEMA).json(statusTable).groupBy("status").count().collectAsList()
                .forEach(row -> counts.put(row.getString(0), row.getLong(1)));
        return new JobSummary(counts.getOrDefault(ImageStatus.OK, 0L), counts.getOrDefault(ImageStatus.NO_MASK, 0L),
                counts.getOrDefault(ImageStatus.EXISTS, 0L), counts.getOrDefault(ImageStatus.FAILED, 0L),
                Duration.ofNanos(System.nanoTime() - start), statusTable);
    }

    /** The qualified folder of {@code --images}, or null when it names one file. */
    private static String imageFolder(String uri, Configuration conf) {
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw new UnsupportedInputException("--images " + uri + " does not exist; give an image file or a folder");
            }
            return fs.getFileStatus(path).isFile() ? null : fs.makeQualified(path).toString();
        } catch (IOException e) {
            throw new UnsupportedInputException("--images " + uri + " cannot be read: " + e.getMessage());
        }
    }

    private static void prepareOutput(String uri, Configuration conf) {
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (fs.exists(path) && fs.getFileStatus(path).isFile()) {
                throw new UnsupportedInputException("--output " + uri + " is a file; give a folder for the results");
            }
            fs.mkdirs(path);
        } catch (IOException e) {
            throw new IopaintException("The output folder " + uri + " cannot be created (" + e.getMessage()
                    + "); choose a folder you can write to");
        }
    }

    /** A task's own error (a model that cannot load, a broken image with --fail-fast) rather than Spark's wrapper. */
    private static IopaintException iopaintCause(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IopaintException iopaint) {
                return new IopaintException(iopaint.getMessage(), e);
            }
        }
        return new IopaintException("The Spark job failed: " + e.getMessage(), e);
    }
}
