package dev.iopaint.core.scan;

import static dev.iopaint.core.scan.Fixtures.INPAINT;
import static dev.iopaint.core.scan.Fixtures.NORMAL;
import static dev.iopaint.core.scan.Fixtures.UNET_INPUT_CONV;
import static dev.iopaint.core.scan.PickleBytes.BINPERSID;
import static dev.iopaint.core.scan.PickleBytes.EMPTY_DICT;
import static dev.iopaint.core.scan.PickleBytes.EMPTY_TUPLE;
import static dev.iopaint.core.scan.PickleBytes.MARK;
import static dev.iopaint.core.scan.PickleBytes.NEWTRUE;
import static dev.iopaint.core.scan.PickleBytes.REDUCE;
import static dev.iopaint.core.scan.PickleBytes.SETITEM;
import static dev.iopaint.core.scan.PickleBytes.STOP;
import static dev.iopaint.core.scan.PickleBytes.TUPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

class TorchCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void reads_the_shape_from_the_state_dict_of_a_lightning_zip_checkpoint() throws IOException {
        Path file = Fixtures.zipCheckpoint(dir.resolve("sd.ckpt"), Fixtures.torchPickle(true, Fixtures.unet(INPAINT)));

        assertThat(TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV)).contains(List.of(320L, 9L, 3L, 3L));
        assertThat(TorchCheckpoint.tensorShape(file, "model.diffusion_model.out.2.bias")).contains(List.of(4L));
    }

    @Test
    void reads_the_shape_from_a_bare_state_dict() throws IOException {
        Path file = Fixtures.zipCheckpoint(dir.resolve("sd.ckpt"), Fixtures.torchPickle(false, Fixtures.unet(NORMAL)));

        assertThat(TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV)).contains(List.of(320L, 4L, 3L, 3L));
    }

    @Test
    void reads_a_legacy_checkpoint_and_stops_before_its_storages() throws IOException {
        Path file = Fixtures.legacyCheckpoint(dir.resolve("old.ckpt"),
                Fixtures.torchPickle(true, Fixtures.unet(NORMAL)));

        assertThat(TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV)).contains(List.of(320L, 4L, 3L, 3L));
    }

    @Test
    @SuppressWarnings("unchecked")
    void keeps_the_rest_of_the_checkpoint_as_plain_data() throws IOException {
        Path file = Fixtures.zipCheckpoint(dir.resolve("sd.ckpt"), Fixtures.torchPickle(true, Fixtures.unet(INPAINT)));

        Map<Object, Object> root = (Map<Object, Object>) TorchCheckpoint.readObject(file);

        assertThat(root.keySet()).containsExactly("epoch", "global_step", "state_dict");
        assertThat(root.get("global_step")).isEqualTo(470000L);
        PickleReader.Call tensor = (PickleReader.Call) ((Map<?, ?>) root.get("state_dict")).get(UNET_INPUT_CONV);
        assertThat(tensor.callable()).isEqualTo(new PickleReader.Global("torch._utils", "_rebuild_tensor_v2"));
        assertThat(tensor.args().get(0)).isEqualTo(new PickleReader.PersistentId(
                List.of("storage", new PickleReader.Global("torch", "HalfStorage"), "0", "cpu", 25920L)));
        assertThat(tensor.args().subList(1, 5)).containsExactly(0L, List.of(320L, 9L, 3L, 3L),
                List.of(81L, 9L, 3L, 1L), false);
    }

    @Test
    void looks_through_a_parameter_wrapper() throws IOException {
        // {key: _rebuild_parameter(_rebuild_tensor_v2(persistent_load(('storage', ...)), 0, (320, 9, 3, 3),
        //  (81, 9, 3, 1)), True, {})}
        byte[] pickle = new PickleBytes().proto2().op(EMPTY_DICT).memo()
                .str(UNET_INPUT_CONV).memo()
                .global("torch._utils", "_rebuild_parameter").memo()
                .global("torch._utils", "_rebuild_tensor_v2").memo()
                .op(MARK).op(MARK).str("storage").memo().global("torch", "FloatStorage").memo().str("0").memo()
                .str("cpu").memo().integer(25920).op(TUPLE).memo().op(BINPERSID).integer(0)
                .op(MARK).integer(320).integer(9).integer(3).integer(3).op(TUPLE).memo()
                .op(MARK).integer(81).integer(9).integer(3).integer(1).op(TUPLE).memo()
                .op(TUPLE).memo().op(REDUCE).memo()
                .op(NEWTRUE).op(EMPTY_DICT).memo().op(0x87).memo().op(REDUCE).memo()
                .op(SETITEM).op(STOP).bytes();
        Path file = Fixtures.zipCheckpoint(dir.resolve("param.ckpt"), pickle);

        assertThat(TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV)).contains(List.of(320L, 9L, 3L, 3L));
    }

    @Test
    void reads_a_state_dict_that_is_a_dict_subclass() throws IOException {
        // {"state_dict": mylib.StateDict() + {key: _rebuild_tensor_v2(None, 0, (320, 4, 3, 3), None)}}
        byte[] pickle = new PickleBytes().proto2().op(EMPTY_DICT).memo()
                .str("state_dict").memo()
                .global("mylib", "StateDict").memo().op(EMPTY_TUPLE, PickleBytes.NEWOBJ).memo()
                .str(UNET_INPUT_CONV).memo()
                .global("torch._utils", "_rebuild_tensor_v2").memo()
                .op(MARK).op(PickleBytes.NONE).integer(0)
                .op(MARK).integer(320).integer(4).integer(3).integer(3).op(TUPLE).memo()
                .op(PickleBytes.NONE).op(TUPLE).memo().op(REDUCE).memo()
                .op(SETITEM).op(SETITEM).op(STOP).bytes();
        Path file = Fixtures.zipCheckpoint(dir.resolve("subclass.ckpt"), pickle);

        assertThat(TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV)).contains(List.of(320L, 4L, 3L, 3L));
    }

    @Test
    void looks_through_a_tensor_subclass_wrapper() throws IOException {
        // {key: _rebuild_from_type_v2(_rebuild_tensor_v2, mylib.MyTensor, (None, 0, (320, 9, 3, 3), None), {})}
        byte[] pickle = new PickleBytes().proto2().op(EMPTY_DICT).memo()
                .str(UNET_INPUT_CONV).memo()
                .global("torch._tensor", "_rebuild_from_type_v2").memo()
                .op(MARK)
                .global("torch._utils", "_rebuild_tensor_v2").memo()
                .global("mylib", "MyTensor").memo()
                .op(MARK).op(PickleBytes.NONE).integer(0)
                .op(MARK).integer(320).integer(9).integer(3).integer(3).op(TUPLE).memo()
                .op(PickleBytes.NONE).op(TUPLE).memo()
                .op(EMPTY_DICT).memo()
                .op(TUPLE).memo().op(REDUCE).memo()
                .op(SETITEM).op(STOP).bytes();
        Path file = Fixtures.zipCheckpoint(dir.resolve("subtype.ckpt"), pickle);

        assertThat(TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV)).contains(List.of(320L, 9L, 3L, 3L));
    }

    @Test
    void finds_no_shape_for_a_tensor_the_checkpoint_lacks() throws IOException {
        Path file = Fixtures.zipCheckpoint(dir.resolve("vae.ckpt"),
                Fixtures.torchPickle(true, Map.of("first_stage_model.decoder.conv_in.weight",
                        new long[] {512, 4, 3, 3})));

        assertThat(TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV)).isEmpty();
    }

    @Test
    void records_calls_as_data_and_never_runs_them() throws IOException {
        Path marker = dir.resolve("pwned");
        byte[] pickle = new PickleBytes().proto2().global("os", "system").memo()
                .str("touch " + marker).memo().op(0x85).memo().op(REDUCE).memo().op(STOP).bytes();
        Path file = Fixtures.zipCheckpoint(dir.resolve("evil.ckpt"), pickle);

        Object result = TorchCheckpoint.readObject(file);

        assertThat(result).isInstanceOfSatisfying(PickleReader.Call.class, call -> {
            assertThat(call.callable()).isEqualTo(new PickleReader.Global("os", "system"));
            assertThat(call.args()).containsExactly("touch " + marker);
        });
        assertThat(marker).doesNotExist();
        assertThat(TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV)).isEmpty();
    }

    @Test
    void rejects_a_file_that_is_neither_zip_nor_pickle() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.ckpt"), "just some text");

        assertThatThrownBy(() -> TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage(file + " is not a readable PyTorch checkpoint: it starts with neither a zip nor a pickle"
                        + " header; delete it or download it again");
    }

    @Test
    void rejects_a_zip_without_data_pkl() throws IOException {
        Path file = dir.resolve("other.ckpt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("the zip has no <prefix>/data.pkl entry");
    }

    @Test
    void rejects_a_truncated_pickle() throws IOException {
        byte[] pickle = Fixtures.torchPickle(true, Fixtures.unet(INPAINT));
        Path file = Fixtures.zipCheckpoint(dir.resolve("cut.ckpt"), Arrays.copyOf(pickle, 200));

        assertThatThrownBy(() -> TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("the pickle ends early, at byte 200");
    }

    @Test
    void rejects_a_legacy_file_without_torchs_magic_number() throws IOException {
        Path file = dir.resolve("pickle.ckpt");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new PickleBytes().proto2().integer(42).op(STOP).bytes());
        }

        assertThatThrownBy(() -> TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("it starts with a pickle, but not torch's legacy magic number");
    }

    @Test
    void names_an_opcode_it_does_not_read() throws IOException {
        byte[] pickle = new PickleBytes().proto2().op(0x82, 1).op(STOP).bytes(); // EXT1: the copyreg registry
        Path file = Fixtures.zipCheckpoint(dir.resolve("ext.ckpt"), pickle);

        assertThatThrownBy(() -> TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Unsupported pickle opcode 0x82 at byte 2");
    }

    @Test
    void rejects_a_dict_key_nested_too_deeply_to_hash() throws IOException {
        PickleBytes p = new PickleBytes().proto2().op(EMPTY_DICT).op(EMPTY_TUPLE);
        for (int i = 0; i < 500_000; i++) {
            p.op(PickleBytes.TUPLE1);
        }
        Path file = Fixtures.zipCheckpoint(dir.resolve("deep.ckpt"), p.op(PickleBytes.NONE, SETITEM, STOP).bytes());

        assertThatThrownBy(() -> TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageEndingWith("its pickle nests too deeply");
    }

    @Test
    void reports_a_stack_underflow_as_malformed() throws IOException {
        byte[] pickle = new PickleBytes().proto2().op(EMPTY_TUPLE, REDUCE).op(STOP).bytes();
        Path file = Fixtures.zipCheckpoint(dir.resolve("bad.ckpt"), pickle);

        assertThatThrownBy(() -> TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Malformed pickle: stack underflow");
    }
}
