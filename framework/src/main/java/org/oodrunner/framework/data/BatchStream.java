package org.oodrunner.framework.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches assembled on a background thread while the graph runs, a few ahead. Closing the
 * stream stops the thread. Batches come out in plan order whatever the timing.
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private final long count;
    private long taken;
    private volatile boolean closed;

    /**
     * @param fromBatch the first global batch index (non-zero when resuming)
     * @param count how many batches to produce
     */
    public BatchStream(ImageSet data, BatchPlan plan, Preprocessing preprocessing, long fromBatch, long count, int prefetch) {
        this.queue = new ArrayBlockingQueue<>(Math.max(1, prefetch));
        this.count = count;
        this.worker = new Thread(() -> produce(data, plan, preprocessing, fromBatch, count), "batches-" + data.name());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void produce(ImageSet data, BatchPlan plan, Preprocessing pre, long fromBatch, long count) {
        try {
            BatchAssembler assembler = new BatchAssembler(data, plan, pre);
            for (long k = fromBatch; k < fromBatch + count && !closed; k++) {
                queue.put(assembler.assemble(k));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            queue.offer(e);
        }
    }

    @Override
    public boolean hasNext() {
        return taken < count;
    }

    @Override
    public Batch next() {
        if (!hasNext()) throw new NoSuchElementException();
        try {
            Object item = queue.take();
            if (item instanceof RuntimeException e) throw e;
            if (item == END) throw new NoSuchElementException();
            taken++;
            return (Batch) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
