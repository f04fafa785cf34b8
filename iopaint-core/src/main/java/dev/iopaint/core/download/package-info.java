/**
 * Fetching model files as IOPaint does, made safe to interrupt: {@link dev.iopaint.core.download.DefaultModelStore}
 * resolves a {@link dev.iopaint.api.ModelFile} (with its {@code _URL}/{@code _MD5} overrides) to a path and, when
 * missing, hands it to the {@link dev.iopaint.core.download.Downloader}, which resumes, retries, verifies the MD5 and
 * only then gives the file its final name. {@link dev.iopaint.core.download.TerminalProgressBar} shows progress.
 */
package dev.iopaint.core.download;
