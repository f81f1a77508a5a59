package org.oodrunner.framework.track.mlflow;

import java.nio.file.Path;

/** Another process is syncing the same run (a run still going, or a second {@code runner sync}). */
public final class SyncBusyException extends RuntimeException {
    public SyncBusyException(Path dir) {
        super(dir + " is being synced by another process (is its run still going?); try again when that ends");
    }
}
