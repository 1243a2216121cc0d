package com.summitlakehouse.delta;

import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads a file from any position. */
final class ChannelInputStream extends SeekableInputStream {
    private final FileChannel channel;

    ChannelInputStream(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public long getPos() throws IOException {
        return channel.position();
    }

    @Override
    public void seek(long position) throws IOException {
        channel.position(position);
    }

    @Override
    public int read() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one) <= 0 ? -1 : one.get(0) & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return length == 0 ? 0 : channel.read(ByteBuffer.wrap(buffer, offset, length));
    }

    @Override
    public void readFully(byte[] buffer, int offset, int length) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw new EOFException("End of file with " + target.remaining() + " bytes still to read");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
