package dev.iopaint.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * A model directory laid out like a large IOPaint cache: diffusers snapshots in the Hugging Face hub cache, each
 * with many blob files, and single-file checkpoints in {@code stable_diffusion/}. Every file is a few bytes, so the
 * tree costs the scan its real number of entries and opens without taking seconds to write.
 *
 * @param repos             hub repos, {@code models--org--nameN}
 * @param blobsPerRepo      files in each repo's {@code blobs/}
 * @param singleFileModels  checkpoints in {@code stable_diffusion/}, half with a 4-channel UNet, half with 9
 */
record CacheTree(int repos, int blobsPerRepo, int singleFileModels) {
    private static final List<String> PIPELINES = List.of("StableDiffusionPipeline",
            "StableDiffusionInpaintPipeline", "StableDiffusionXLPipeline", "StableDiffusionXLInpaintPipeline");
    private static final byte[] BLOB = "x".getBytes(StandardCharsets.US_ASCII);

    CacheTree {
        if (repos < 1 || blobsPerRepo < 0 || singleFileModels < 0) {
            throw new IllegalArgumentException("Need at least one repo and no negative counts, got " + repos + ", "
                    + blobsPerRepo + ", " + singleFileModels);
        }
    }

    /** The diffusion models a scan should find: every repo and every checkpoint. */
    int diffusionModels() {
        return repos + singleFileModels;
    }

    /** The regular files once a scan has run: blobs, model_index.json and refs/main, checkpoints, the cache file. */
    long files() {
        return (long) repos * (blobsPerRepo + 2) + singleFileModels + 1;
    }

    void write(Path root) throws IOException {
        Path hub = root.resolve("huggingface").resolve("hub");
        HexFormat hex = HexFormat.of();
        for (int r = 0; r < repos; r++) {
            Path repo = hub.resolve("models--org--name" + r);
            String revision = hex.formatHex(ByteBuffer.allocate(20).putInt(r).putInt(16, r).array());
            Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(revision));
            Files.writeString(snapshot.resolve("model_index.json"), "{\n  \"_class_name\": \""
                    + PIPELINES.get(r % PIPELINES.size()) + "\",\n  \"_diffusers_version\": \"0.27.2\"\n}\n");
            Files.writeString(Files.createDirectories(repo.resolve("refs")).resolve("main"), revision);
            Path blobs = Files.createDirectories(repo.resolve("blobs"));
            for (int b = 0; b < blobsPerRepo; b++) {
                Files.write(blobs.resolve(hex.formatHex(ByteBuffer.allocate(32).putInt(r).putInt(28, b).array())),
                        BLOB);
            }
        }
        Path stableDiffusion = Files.createDirectories(root.resolve("stable_diffusion"));
        for (int m = 0; m < singleFileModels; m++) {
            Files.write(stableDiffusion.resolve("model-" + m + ".safetensors"), safetensors(m % 2 == 0 ? 4 : 9));
        }
    }

    static void delete(Path root) throws IOException {
        Folders.deleteTree(root);
    }

    /**
     * A safetensors file whose header declares the UNet's input convolution with {@code channels} input channels;
     * the data section is 8 bytes, as the scan reads only the header.
     */
    private static byte[] safetensors(int channels) {
        String json = "{\"model.diffusion_model.input_blocks.0.0.weight\":{\"dtype\":\"F16\",\"shape\":[320,"
                + channels + ",3,3],\"data_offsets\":[0,8]}}";
        // The format pads the header with spaces to a multiple of 8 bytes.
        byte[] header = (json + " ".repeat((8 - json.length() % 8) % 8)).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).array();
    }
}
