package org.oodrunner.framework.data.fetch;

/** Hears how a download goes, for progress displays. */
public interface DownloadListener {
    /** A download (re)starts; {@code resumedFrom} bytes are already there. */
    void started(RemoteFile file, long resumedFrom);

    /** {@code done} of {@code total} bytes (total -1 when unknown), called at most a few times a second. */
    void progress(RemoteFile file, long done, long total);

    /** The file is downloaded and verified. */
    void finished(RemoteFile file);

    DownloadListener SILENT = new DownloadListener() {
        @Override
        public void started(RemoteFile file, long resumedFrom) {}

        @Override
        public void progress(RemoteFile file, long done, long total) {}

        @Override
        public void finished(RemoteFile file) {}
    };
}
