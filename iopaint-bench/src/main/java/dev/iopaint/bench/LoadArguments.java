package dev.iopaint.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The load driver's options, each {@code --name value}: {@code --sizes 512x512,1920x1080}, {@code --clients
 * 1,4,16}, {@code --mask 10} (percent of the pixels), {@code --rounds 4}, {@code --seconds 5} (each measured
 * window) and {@code --warmup 20} (seconds per side per size with one client, before any window; the HTTP path keeps
 * the JIT compiling for a minute or more).
 */
record LoadArguments(List<String> sizes, List<Integer> clients, int maskPercent, int rounds, Duration window,
                     Duration warmup) {
    static final String USAGE = "java -cp iopaint-bench/target/benchmarks.jar dev.iopaint.bench.ServerLoad"
            + " [--sizes 512x512,1920x1080,3840x2160] [--clients 1,4,16] [--mask 10] [--rounds 4] [--seconds 5]"
            + " [--warmup 20]";

    LoadArguments {
        sizes = List.copyOf(sizes);
        clients = List.copyOf(clients);
        sizes.forEach(LoadArguments::checkSize);
        if (clients.isEmpty() || clients.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--clients needs positive counts, got " + clients);
        }
        if (maskPercent < 1 || maskPercent > 99) {
            throw new IllegalArgumentException("--mask is a percent of the pixels, 1..99, got " + maskPercent);
        }
        if (rounds < 1 || window.isZero() || window.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("--rounds and --seconds must be positive and --warmup not negative");
        }
    }

    static LoadArguments parse(String... args) {
        List<String> sizes = List.of("1920x1080");
        List<Integer> clients = List.of(1, 4, 16);
        int mask = 10;
        int rounds = 4;
        Duration window = Duration.ofSeconds(5);
        Duration warmup = Duration.ofSeconds(20);
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("Every option takes a value; usage: " + USAGE);
        }
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.asList(value.split(","));
                case "--clients" -> clients = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                case "--mask" -> mask = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--seconds" -> window = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                case "--warmup" -> warmup = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; usage: " + USAGE);
            }
        }
        return new LoadArguments(sizes, clients, mask, rounds, window, warmup);
    }

    int mostClients() {
        return clients.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static void checkSize(String size) {
        if (!size.matches("[1-9][0-9]*x[1-9][0-9]*")) {
            throw new IllegalArgumentException("A size is WIDTHxHEIGHT, e.g. 1920x1080; got " + size);
        }
    }
}
