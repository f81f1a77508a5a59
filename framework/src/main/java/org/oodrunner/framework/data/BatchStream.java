package org.oodrunner.framework.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Batches assembled on background threads while the graph runs, a few ahead. With W workers,
 * worker w builds batches k = w, w + W, ... into its own queue and the consumer takes from the
 * queues in turn, so batches come out in plan order whatever the timing, and each batch is the
 * same as with one worker ({@link BatchAssembler} is a pure function of k). Closing the stream
 * stops the workers.
 *
 * <p>A consumer that is done with a batch may hand it back with {@link #recycle}; its image
 * array is then reused for a later batch instead of allocating (and zeroing) a new one.
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {
    private static final Object END = new Object();

    private final List<BlockingQueue<Object>> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ConcurrentLinkedQueue<float[]> free = new ConcurrentLinkedQueue<>();
    private final long count;
    private long taken;
    private volatile boolean closed;

    /**
     * One worker per four cores (at most four, at least one): enough to keep a GPU fed, while
     * leaving the cores to TensorFlow on a small CPU machine.
     *
     * @param fromBatch the first global batch index (non-zero when resuming)
     * @param count how many batches to produce
     */
    public BatchStream(ImageSet data, BatchPlan plan, Preprocessing preprocessing, long fromBatch, long count, int prefetch) {
        this(data, plan, preprocessing, fromBatch, count, prefetch, defaultWorkers());
    }

    public BatchStream(ImageSet data, BatchPlan plan, Preprocessing preprocessing, long fromBatch, long count, int prefetch,
            int workers) {
        this.count = count;
        int w = (int) Math.max(1, Math.min(workers, count));
        int perQueue = Math.max(1, (prefetch + w - 1) / w);
        for (int i = 0; i < w; i++) {
            BlockingQueue<Object> queue = new ArrayBlockingQueue<>(perQueue);
            queues.add(queue);
            long first = fromBatch + i;
            Thread t = new Thread(() -> produce(queue, data, plan, preprocessing, first, fromBatch + count, w),
                    "batches-" + data.name() + "-" + i);
            t.setDaemon(true);
            this.workers.add(t);
        }
        this.workers.forEach(Thread::start);
    }

    public static int defaultWorkers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 4));
    }

    private void produce(BlockingQueue<Object> queue, ImageSet data, BatchPlan plan, Preprocessing pre, long first, long end,
            int stride) {
        try {
            try {
                BatchAssembler assembler = new BatchAssembler(data, plan, pre);
                for (long k = first; k < end && !closed; k += stride) {
                    queue.put(assembler.assemble(k, free.poll()));
                }
                queue.put(END);
            } catch (RuntimeException e) {
                // Waits for room like a batch would (offer() could drop it and leave the consumer waiting forever).
                queue.put(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            Object item = queues.get((int) (taken % queues.size())).take();
            if (item instanceof RuntimeException e) throw e;
            if (item == END) throw new NoSuchElementException();
            taken++;
            return (Batch) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }

    /**
     * Hands a batch taken from this stream back: its image array may be overwritten by a later
     * batch, so the caller must not read it (or the batch) afterwards.
     */
    public void recycle(Batch batch) {
        if (!closed) free.offer(batch.images());
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
