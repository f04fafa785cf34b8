package dev.iopaint.core.scan;

import static dev.iopaint.api.ModelType.DIFFUSERS_OTHER;
import static dev.iopaint.api.ModelType.DIFFUSERS_SD;
import static dev.iopaint.api.ModelType.DIFFUSERS_SDXL;
import static dev.iopaint.api.ModelType.DIFFUSERS_SDXL_INPAINT;
import static dev.iopaint.api.ModelType.DIFFUSERS_SD_INPAINT;
import static dev.iopaint.core.scan.Fixtures.INPAINT;
import static dev.iopaint.core.scan.Fixtures.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

class DiffusionModelScannerTest {
    @TempDir
    Path root;

    private ModelDirectory dir;
    private Path sd;
    private Path sdxl;
    private Path hub;

    @BeforeEach
    void setUp() {
        dir = new ModelDirectory(root);
        sd = dir.stableDiffusion();
        sdxl = dir.stableDiffusionXl();
        hub = dir.huggingFaceHub();
    }

    @Test
    void lists_every_source_sorted_by_name_with_iopaint_names_and_paths() throws IOException {
        populate();

        List<ModelInfo> models = new DiffusionModelScanner(dir).scan();

        assertThat(models).containsExactly(
                hubModel("Fantasy-Studio/Paint-by-Example", DIFFUSERS_OTHER),
                hubModel("SG161222/RealVisXL_V5.0", DIFFUSERS_SDXL),
                hubModel("Sanster/AnyText", DIFFUSERS_OTHER),
                hubModel("Sanster/PowerPaint-V1-stable-diffusion-inpainting", DIFFUSERS_OTHER),
                singleFile(sd.resolve("custom.ckpt"), DIFFUSERS_SD_INPAINT),
                hubModel("diffusers/stable-diffusion-xl-1.0-inpainting-0.1", DIFFUSERS_SDXL_INPAINT),
                singleFile(sd.resolve("dreamshaper_8Inpainting.safetensors"), DIFFUSERS_SD_INPAINT),
                singleFile(sdxl.resolve("juggernaut.safetensors"), DIFFUSERS_SDXL_INPAINT),
                hubModel("kandinsky-community/kandinsky-2-2-decoder-inpaint", DIFFUSERS_OTHER),
                singleFile(sd.resolve("legacy.ckpt"), DIFFUSERS_SD),
                new ModelInfo("my-converted", sd.resolve("my-converted").toString(), DIFFUSERS_SD, false),
                new ModelInfo("org/xl-converted", sdxl.resolve("models--org--xl-converted").toString(),
                        DIFFUSERS_SDXL_INPAINT, false),
                hubModel("runwayml/stable-diffusion-inpainting", DIFFUSERS_SD_INPAINT),
                singleFile(sd.resolve("sd15.safetensors"), DIFFUSERS_SD),
                singleFile(sdxl.resolve("sdxl_base.safetensors"), DIFFUSERS_SDXL),
                hubModel("stable-diffusion-v1-5/stable-diffusion-v1-5", DIFFUSERS_SD),
                hubModel("timbrooks/instruct-pix2pix", DIFFUSERS_OTHER));
    }

    @Test
    void writes_each_folders_iopaint_cache_json_as_iopaint_does() throws IOException {
        populate();

        new DiffusionModelScanner(dir).scan();

        assertThat(sd.resolve("iopaint_cache.json")).hasContent("""
                {
                  "custom.ckpt": "diffusers_sd_inpaint",
                  "dreamshaper_8Inpainting.safetensors": "diffusers_sd_inpaint",
                  "legacy.ckpt": "diffusers_sd",
                  "sd15.safetensors": "diffusers_sd"
                }""");
        assertThat(sdxl.resolve("iopaint_cache.json")).hasContent("""
                {
                  "juggernaut.safetensors": "diffusers_sdxl_inpaint",
                  "sdxl_base.safetensors": "diffusers_sdxl"
                }""");
        try (var leftovers = Files.list(sd)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void reuses_the_cache_without_opening_the_files_again() throws IOException {
        populate();
        List<ModelInfo> first = new DiffusionModelScanner(dir).scan();
        String cache = Files.readString(sd.resolve("iopaint_cache.json"));

        // Were these opened again, they would now be skipped as unreadable.
        Files.writeString(sd.resolve("sd15.safetensors"), "overwritten");
        Files.writeString(sd.resolve("custom.ckpt"), "overwritten");
        Files.writeString(sdxl.resolve("sdxl_base.safetensors"), "overwritten");

        assertThat(new DiffusionModelScanner(dir).scan()).isEqualTo(first);
        assertThat(sd.resolve("iopaint_cache.json")).hasContent(cache);
    }

    @Test
    void drops_cache_entries_of_files_that_are_gone() throws IOException {
        Fixtures.safetensors(Files.createDirectories(sd).resolve("a.safetensors"), Fixtures.unet(NORMAL));
        Fixtures.safetensors(sd.resolve("b.safetensors"), Fixtures.unet(INPAINT));
        new DiffusionModelScanner(dir).scan();

        Files.delete(sd.resolve("a.safetensors"));

        assertThat(new DiffusionModelScanner(dir).scan())
                .containsExactly(singleFile(sd.resolve("b.safetensors"), DIFFUSERS_SD_INPAINT));
        assertThat(sd.resolve("iopaint_cache.json")).hasContent("""
                {
                  "b.safetensors": "diffusers_sd_inpaint"
                }""");
    }

    @Test
    void trusts_a_cache_written_by_iopaint_and_reclassifies_entries_it_cannot_use() throws IOException {
        Files.createDirectories(sd);
        Files.writeString(sd.resolve("mystery.safetensors"), "never opened");
        Fixtures.safetensors(sd.resolve("plain.safetensors"), Fixtures.unet(NORMAL));
        Files.writeString(sd.resolve("iopaint_cache.json"), """
                {
                  "mystery.safetensors": "diffusers_sd_inpaint",
                  "plain.safetensors": "inpaint"
                }""");

        assertThat(new DiffusionModelScanner(dir).scan()).containsExactly(
                singleFile(sd.resolve("mystery.safetensors"), DIFFUSERS_SD_INPAINT),
                singleFile(sd.resolve("plain.safetensors"), DIFFUSERS_SD));
        assertThat(sd.resolve("iopaint_cache.json")).hasContent("""
                {
                  "mystery.safetensors": "diffusers_sd_inpaint",
                  "plain.safetensors": "diffusers_sd"
                }""");
    }

    @Test
    void ignores_a_corrupt_cache_and_rewrites_it() throws IOException {
        Fixtures.safetensors(Files.createDirectories(sdxl).resolve("base.safetensors"), Fixtures.unet(NORMAL));
        Files.writeString(sdxl.resolve("iopaint_cache.json"), "{\"base.safetensors\": \"diffusers_sdxl_inp");

        assertThat(new DiffusionModelScanner(dir).scan())
                .containsExactly(singleFile(sdxl.resolve("base.safetensors"), DIFFUSERS_SDXL));
        assertThat(sdxl.resolve("iopaint_cache.json")).hasContent("""
                {
                  "base.safetensors": "diffusers_sdxl"
                }""");
    }

    @Test
    void skips_unreadable_and_foreign_files_without_failing_the_scan() throws IOException {
        Files.createDirectories(sd);
        Fixtures.safetensors(sd.resolve("good.safetensors"), Fixtures.unet(INPAINT));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(sd.resolve("noise.safetensors"), noise);
        Files.write(sd.resolve("noise.ckpt"), noise);
        Files.write(sd.resolve("empty.ckpt"), new byte[0]);
        Fixtures.safetensors(sd.resolve("vae.safetensors"),
                Map.of("decoder.conv_in.weight", new long[] {512, 4, 3, 3}));
        Fixtures.zipCheckpoint(sd.resolve("depth.ckpt"),
                Fixtures.torchPickle(true, Fixtures.unet(new long[] {320, 5, 3, 3})));
        Files.createDirectories(sd.resolve("folder.safetensors"));
        Fixtures.safetensors(sd.resolve("upper.SAFETENSORS"), Fixtures.unet(NORMAL));

        assertThat(new DiffusionModelScanner(dir).scan())
                .containsExactly(singleFile(sd.resolve("good.safetensors"), DIFFUSERS_SD_INPAINT));
        assertThat(sd.resolve("iopaint_cache.json")).hasContent("""
                {
                  "good.safetensors": "diffusers_sd_inpaint"
                }""");
    }

    @Test
    void tries_the_snapshot_refs_main_names_first() throws IOException {
        Path repo = hub.resolve("models--org--model");
        modelIndex(repo.resolve("snapshots/aaa"), "StableDiffusionPipeline");
        modelIndex(repo.resolve("snapshots/bbb"), "StableDiffusionInpaintPipeline");

        assertThat(new DiffusionModelScanner(dir).scan()).containsExactly(hubModel("org/model", DIFFUSERS_SD));

        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "bbb");

        assertThat(new DiffusionModelScanner(dir).scan()).containsExactly(hubModel("org/model", DIFFUSERS_SD_INPAINT));
    }

    @Test
    void looks_only_at_model_snapshots_in_the_hub_cache() throws IOException {
        modelIndex(hub.resolve("models--org--blobs/blobs"), "StableDiffusionPipeline");
        modelIndex(hub.resolve("models--org--nested/snapshots/abc/unet"), "StableDiffusionPipeline");
        modelIndex(hub.resolve("datasets--org--data/snapshots/abc"), "StableDiffusionPipeline");
        Files.createDirectories(hub.resolve("models--org--broken/snapshots/abc"));
        Files.writeString(hub.resolve("models--org--broken/snapshots/abc/model_index.json"), "{\"_class");
        modelIndex(hub.resolve("models--org--untyped/snapshots/abc"), null);

        assertThat(new DiffusionModelScanner(dir).scan()).isEmpty();
    }

    @Test
    void finds_converted_folders_at_any_depth_except_hidden_ones_and_other_pipelines() throws IOException {
        modelIndex(sd.resolve("collection/nested-model"), "StableDiffusionInpaintPipeline");
        modelIndex(sd.resolve(".trash/deleted-model"), "StableDiffusionPipeline");
        modelIndex(sd.resolve("paint-by-example"), "PaintByExamplePipeline");
        modelIndex(sdxl.resolve("models--Sanster--PowerPaint-V1-stable-diffusion-inpainting"),
                "StableDiffusionInpaintPipeline");

        assertThat(new DiffusionModelScanner(dir).scan()).containsExactly(
                new ModelInfo("Sanster/PowerPaint-V1-stable-diffusion-inpainting",
                        sdxl.resolve("models--Sanster--PowerPaint-V1-stable-diffusion-inpainting").toString(),
                        DIFFUSERS_SD_INPAINT, false),
                new ModelInfo("nested-model", sd.resolve("collection/nested-model").toString(),
                        DIFFUSERS_SD_INPAINT, false));
    }

    @Test
    void keeps_the_first_source_when_two_give_the_same_name() throws IOException {
        hubSnapshot("runwayml/stable-diffusion-inpainting", "StableDiffusionInpaintPipeline");
        modelIndex(sd.resolve("models--runwayml--stable-diffusion-inpainting"), "StableDiffusionPipeline");

        assertThat(new DiffusionModelScanner(dir).scan())
                .containsExactly(hubModel("runwayml/stable-diffusion-inpainting", DIFFUSERS_SD_INPAINT));
    }

    @Test
    void finds_nothing_in_an_empty_directory_and_creates_nothing() throws IOException {
        assertThat(new DiffusionModelScanner(dir).scan()).isEmpty();
        try (var entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }

    /** The layout the first tests share: every kind of model, plus things that must be ignored. */
    private void populate() throws IOException {
        Files.createDirectories(sd);
        Fixtures.safetensors(sd.resolve("sd15.safetensors"), Fixtures.unet(NORMAL));
        Files.writeString(sd.resolve("dreamshaper_8Inpainting.safetensors"), "named inpaint, so never opened");
        Fixtures.zipCheckpoint(sd.resolve("custom.ckpt"), Fixtures.torchPickle(true, Fixtures.unet(INPAINT)));
        Fixtures.legacyCheckpoint(sd.resolve("legacy.ckpt"), Fixtures.torchPickle(false, Fixtures.unet(NORMAL)));
        Files.writeString(sd.resolve("readme.txt"), "not a model");
        modelIndex(sd.resolve("my-converted"), "StableDiffusionPipeline");

        Files.createDirectories(sdxl);
        Fixtures.safetensors(sdxl.resolve("juggernaut.safetensors"), Fixtures.unet(INPAINT));
        Fixtures.safetensors(sdxl.resolve("sdxl_base.safetensors"), Fixtures.unet(NORMAL));
        modelIndex(sdxl.resolve("models--org--xl-converted"), "StableDiffusionXLInpaintPipeline");

        hubSnapshot("runwayml/stable-diffusion-inpainting", "StableDiffusionInpaintPipeline");
        hubSnapshot("stable-diffusion-v1-5/stable-diffusion-v1-5", "StableDiffusionPipeline");
        hubSnapshot("diffusers/stable-diffusion-xl-1.0-inpainting-0.1", "StableDiffusionXLInpaintPipeline");
        hubSnapshot("SG161222/RealVisXL_V5.0", "StableDiffusionXLPipeline");
        hubSnapshot("timbrooks/instruct-pix2pix", "StableDiffusionInstructPix2PixPipeline");
        hubSnapshot("Fantasy-Studio/Paint-by-Example", "PaintByExamplePipeline");
        hubSnapshot("kandinsky-community/kandinsky-2-2-decoder-inpaint", "KandinskyV22InpaintPipeline");
        hubSnapshot("Sanster/AnyText", "AnyText");
        hubSnapshot("Sanster/PowerPaint-V1-stable-diffusion-inpainting", "StableDiffusionInpaintPipeline");
        hubSnapshot("black-forest-labs/FLUX.1-dev", "FluxPipeline");
        Path controlnet = hub.resolve("models--lllyasviel--control_v11p_sd15_canny/snapshots/abc");
        Files.createDirectories(controlnet);
        Files.writeString(controlnet.resolve("config.json"), "{\"_class_name\": \"ControlNetModel\"}");
    }

    /** A repo in the Hugging Face cache layout: blobs, refs/main and one snapshot with a model_index.json. */
    private void hubSnapshot(String repoId, String className) throws IOException {
        Path repo = hub.resolve("models--" + repoId.replace("/", "--"));
        String revision = "0123456789abcdef0123456789abcdef01234567";
        Files.createDirectories(repo.resolve("blobs"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), revision);
        modelIndex(repo.resolve("snapshots").resolve(revision), className);
    }

    private static void modelIndex(Path folder, String className) throws IOException {
        Files.createDirectories(folder);
        String classEntry = className == null ? "" : "\"_class_name\": \"" + className + "\",\n  ";
        Files.writeString(folder.resolve("model_index.json"),
                "{\n  " + classEntry + "\"_diffusers_version\": \"0.27.2\"\n}\n");
    }

    private static ModelInfo hubModel(String name, ModelType type) {
        return new ModelInfo(name, name, type, false);
    }

    private static ModelInfo singleFile(Path file, ModelType type) {
        return new ModelInfo(file.getFileName().toString(), file.toString(), type, true);
    }
}
