package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.InferenceFailedException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The embeddings of the last few images, so further clicks on an image skip the encoder (IOPaint keeps the last
 * one). Thread-safe; requests for an image whose embedding is being made wait for it instead of encoding it again.
 */
final class EmbeddingCache {
    private final Map<ImageKey, CompletableFuture<Embedding>> entries;

    EmbeddingCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The embedding cache needs room for at least one image, got "
                    + capacity);
        }
        entries = new LinkedHashMap<>(capacity + 1, 1f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ImageKey, CompletableFuture<Embedding>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached embedding of the image, made with {@code encoder} (outside any lock) when there is none. */
    Embedding get(ImageKey key, Supplier<Embedding> encoder) {
        CompletableFuture<Embedding> entry;
        boolean mine = false;
        synchronized (entries) {
            entry = entries.get(key);
            if (entry == null) {
                entry = new CompletableFuture<>();
                entries.put(key, entry);
                mine = true;
            }
        }
        return mine ? make(key, entry, encoder) : await(entry);
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private Embedding make(ImageKey key, CompletableFuture<Embedding> entry, Supplier<Embedding> encoder) {
        try {
            Embedding embedding = encoder.get();
            entry.complete(embedding);
            return embedding;
        } catch (RuntimeException | Error e) {
            // A failure is not cached: the next request tries again.
            synchronized (entries) {
                entries.remove(key, entry);
            }
            entry.completeExceptionally(e);
            throw e;
        }
    }

    private static Embedding await(CompletableFuture<Embedding> entry) {
        try {
            return entry.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new InferenceFailedException("SAM's image encoder failed: " + e.getCause(), e.getCause());
        }
    }
}
