package dev.iopaint.models.erase.torch;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HugePagesTest {
    @Test
    void aLinuxProcessWithoutEitherSwitchIsToldHowToSetThem() {
        assertThat(HugePages.advice(Map.of("PATH", "/usr/bin"), "Linux"))
                .hasValueSatisfying(advice -> assertThat(advice)
                        .contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=1", "THP_MEM_ALLOC_ENABLE=1", "./iopaint"));
    }

    @Test
    void eitherSwitchIsEnough() {
        assertThat(HugePages.advice(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"),
                "Linux")).isEmpty();
        assertThat(HugePages.advice(Map.of("THP_MEM_ALLOC_ENABLE", "1"), "Linux")).isEmpty();
    }

    @Test
    void otherTunablesOrASwitchTurnedOffStillGetTheAdvice() {
        assertThat(HugePages.advice(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2",
                "THP_MEM_ALLOC_ENABLE", "0"), "Linux")).isPresent();
    }

    @Test
    void otherSystemsAreLeftAlone() {
        assertThat(HugePages.advice(Map.of(), "Mac OS X")).isEmpty();
        assertThat(HugePages.advice(Map.of(), "Windows 11")).isEmpty();
    }
}
