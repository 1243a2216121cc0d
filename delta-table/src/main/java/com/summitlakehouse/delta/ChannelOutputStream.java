package com.summitlakehouse.delta;

import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/** Writes a file, knowing its position; forces it to disk on close before {@code onDurable} publishes it. */
final class ChannelOutputStream extends PositionOutputStream {

    /** What a stream does once its bytes are durable: nothing, or publish them under their real name. */
    interface OnDurable {
        void run() throws IOException;
    }

    private final FileChannel channel;
    private final OutputStream out;
    private final OnDurable onDurable;
    private long position;
    private boolean closed;

    ChannelOutputStream(FileChannel channel, OnDurable onDurable) {
        this.channel = channel;
        this.out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        this.onDurable = onDurable;
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        position += length;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            out.flush();
            channel.force(true);
        }
        onDurable.run();
    }
}
