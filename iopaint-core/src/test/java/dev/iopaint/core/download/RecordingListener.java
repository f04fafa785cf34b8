package dev.iopaint.core.download;

import dev.iopaint.api.DownloadListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every download event, as "started x 10", "progressed x 4/10", "finished x". */
final class RecordingListener implements DownloadListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Long> done = new CopyOnWriteArrayList<>();

    @Override
    public void started(String fileName, long totalBytes) {
        events.add("started " + fileName + " " + totalBytes);
    }

    @Override
    public void progressed(String fileName, long doneBytes, long totalBytes) {
        events.add("progressed " + fileName + " " + doneBytes + "/" + totalBytes);
        done.add(doneBytes);
    }

    @Override
    public void finished(String fileName) {
        events.add("finished " + fileName);
    }
}
