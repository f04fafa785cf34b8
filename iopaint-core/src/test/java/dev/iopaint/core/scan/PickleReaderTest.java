package dev.iopaint.core.scan;

import static dev.iopaint.core.scan.PickleBytes.APPENDS;
import static dev.iopaint.core.scan.PickleBytes.EMPTY_LIST;
import static dev.iopaint.core.scan.PickleBytes.MARK;
import static dev.iopaint.core.scan.PickleBytes.NEWFALSE;
import static dev.iopaint.core.scan.PickleBytes.NEWTRUE;
import static dev.iopaint.core.scan.PickleBytes.NONE;
import static dev.iopaint.core.scan.PickleBytes.STOP;
import static dev.iopaint.core.scan.PickleBytes.TUPLE2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.ModelLoadException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

class PickleReaderTest {

    @Test
    void reads_python_scalars_tuples_and_memo_references() throws IOException {
        // [None, True, False, 1.5, -1, 2**64, 'é', (70000, None), 'é']
        byte[] pickle = new PickleBytes().proto2().op(EMPTY_LIST).memo().op(MARK)
                .op(NONE, NEWTRUE, NEWFALSE).real(1.5)
                .long1((byte) 0xff)
                .long1((byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 1)
                .str("é").memo()
                .integer(70000).op(NONE, TUPLE2).memo()
                .get(1)
                .op(APPENDS).op(STOP).bytes();

        Object value = PickleReader.read(new ByteArrayInputStream(pickle), 1000);

        assertThat(value).isEqualTo(Arrays.asList(null, true, false, 1.5, -1L, BigInteger.TWO.pow(64), "é",
                Arrays.asList(70000L, null), "é"));
    }

    @Test
    void consumes_exactly_one_pickle_so_the_next_can_follow() throws IOException {
        byte[] two = new PickleBytes().proto2().integer(1).op(STOP).proto2().str("next").op(STOP).bytes();
        ByteArrayInputStream in = new ByteArrayInputStream(two);

        assertThat(PickleReader.read(in, 1000)).isEqualTo(1L);
        assertThat(PickleReader.read(in, 1000)).isEqualTo("next");
    }

    @Test
    void refuses_a_string_longer_than_the_limit() {
        byte[] pickle = new PickleBytes().proto2().str("x".repeat(100)).op(STOP).bytes();

        assertThatThrownBy(() -> PickleReader.read(new ByteArrayInputStream(pickle), 50))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("larger than the 50-byte limit");
    }

    @Test
    void refuses_a_memo_reference_never_stored() {
        byte[] pickle = new PickleBytes().proto2().get(7).op(STOP).bytes();

        assertThatThrownBy(() -> PickleReader.read(new ByteArrayInputStream(pickle), 1000))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("Malformed pickle: byte 2 recalls memo 7, never stored");
    }

    @Test
    void refuses_a_stop_that_leaves_extra_values() {
        byte[] pickle = new PickleBytes().proto2().integer(1).integer(2).op(STOP).bytes();

        assertThatThrownBy(() -> PickleReader.read(new ByteArrayInputStream(pickle), 1000))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("leaves 2 values on the stack");
    }

    @Test
    void keeps_tuples_with_none_immutable() throws IOException {
        byte[] pickle = new PickleBytes().proto2().op(NONE).op(0x85).op(STOP).bytes();

        Object tuple = PickleReader.read(new ByteArrayInputStream(pickle), 1000);

        assertThat(tuple).isEqualTo(Arrays.asList((Object) null));
        assertThatThrownBy(() -> ((List<?>) tuple).clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
