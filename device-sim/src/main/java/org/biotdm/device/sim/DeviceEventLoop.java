package org.biotdm.device.sim;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads every simulated device shares: a Netty event loop for all connections (TLS and HTTP on a few threads),
 * a bounded worker pool for the SDK's continuations (signing, buffer bookkeeping) and one timer for retries. The
 * number of threads does not grow with the number of devices.
 */
public final class DeviceEventLoop implements AutoCloseable {
    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    /**
     * Starts the threads.
     *
     * @param ioThreads event-loop threads, at least 1 (one per core is plenty)
     * @param workerThreads worker threads, at least 1
     */
    public DeviceEventLoop(int ioThreads, int workerThreads) {
        this.group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("biotdm-sim-io", true));
        this.workers = new ThreadPoolExecutor(
                workerThreads,
                workerThreads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("biotdm-sim-worker", true));
        ScheduledThreadPoolExecutor scheduled =
                new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("biotdm-sim-timer", true));
        scheduled.setRemoveOnCancelPolicy(true);
        this.timer = scheduled;
    }

    /**
     * Returns the event loop group the connections live on.
     *
     * @return the group
     */
    public EventLoopGroup group() {
        return group;
    }

    /**
     * Returns the bounded worker pool.
     *
     * @return the pool
     */
    public ExecutorService workers() {
        return workers;
    }

    /**
     * Returns the retry timer.
     *
     * @return the scheduler
     */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Stops the threads and waits (a few seconds at most) until they have ended; open connections are closed. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
