package dev.iopaint.models.erase.torch;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether libtorch's big CPU tensors can land on transparent huge pages. Every layer of a network like LaMa writes a
 * fresh tensor of tens of MiB; with 4 KiB pages each costs thousands of page faults: a quarter of our 1080p LaMa call
 * on a 2-core VM, nearly half of IOPaint's plain one. Both switches are read by native code at process start, so a library cannot set them: the
 * {@code ./iopaint} launcher does, and embedders are told once.
 */
public final class HugePages {
    /** glibc's malloc (2.35 and later) madvises its heap and big mappings for huge pages. */
    public static final String GLIBC_TUNABLES = "GLIBC_TUNABLES";
    /** c10's CPU allocator aligns allocations of 2 MiB and more and madvises them. */
    public static final String TORCH_SWITCH = "THP_MEM_ALLOC_ENABLE";
    private static final String GLIBC_VALUE = "glibc.malloc.hugetlb=1";
    /** Both switches on, as {@code ./iopaint} sets them. */
    public static final Map<String, String> ENVIRONMENT = Map.of(GLIBC_TUNABLES, GLIBC_VALUE, TORCH_SWITCH, "1");
    private static final AtomicBoolean ADVISED = new AtomicBoolean();

    private HugePages() {
    }

    /**
     * The advice for a process with this environment on this operating system, or nothing when it has either
     * switch or is not Linux.
     */
    public static Optional<String> advice(Map<String, String> environment, String osName) {
        boolean glibcOn = environment.getOrDefault(GLIBC_TUNABLES, "").contains(GLIBC_VALUE);
        boolean torchOn = "1".equals(environment.get(TORCH_SWITCH));
        if (glibcOn || torchOn || !osName.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        return Optional.of("PyTorch models on the CPU run faster when their tensors can use huge pages (LaMa at 1080p: 1.3x):"
                + " start this JVM with the environment variables " + GLIBC_TUNABLES + "=" + GLIBC_VALUE + " and "
                + TORCH_SWITCH + "=1 (./iopaint sets both)");
    }

    /** Logs {@link #advice} for this process once, when it applies. */
    static void adviseOnce(org.slf4j.Logger log) {
        if (!ADVISED.getAndSet(true)) {
            advice(System.getenv(), System.getProperty("os.name", "")).ifPresent(log::info);
        }
    }
}
