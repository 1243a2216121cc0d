package com.summitlakehouse.delta.objectstore;

import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object read from any position: a ranged GET from where the reader is, kept open while it reads on; a seek
 * backwards or far ahead (Parquet's footer first, then its column chunks) starts another.
 */
final class S3ReadStream extends SeekableInputStream {

    /** Forward seeks up to this far read through the open response rather than start another request. */
    private static final long SKIP_LIMIT = 256 * 1024;

    private final S3Client s3;
    private final S3Path path;
    private final long length;
    private ResponseInputStream<GetObjectResponse> body;
    private long bodyPosition;
    private long position;

    S3ReadStream(S3Client s3, S3Path path, long length) {
        this.s3 = s3;
        this.path = path;
        this.length = length;
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void seek(long newPosition) throws IOException {
        if (newPosition < 0 || newPosition > length) {
            throw new EOFException("Seek to " + newPosition + " outside " + path + " (" + length + " bytes)");
        }
        if (body != null && newPosition >= bodyPosition && newPosition - bodyPosition <= SKIP_LIMIT) {
            body.skipNBytes(newPosition - bodyPosition);
            bodyPosition = newPosition;
        } else {
            closeBody();
        }
        position = newPosition;
    }

    @Override
    public int read() throws IOException {
        if (!open()) {
            return -1;
        }
        int b = body.read();
        if (b >= 0) {
            position++;
            bodyPosition++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (!open()) {
            return -1;
        }
        int n = body.read(buffer, offset, count);
        if (n > 0) {
            position += n;
            bodyPosition += n;
        }
        return n;
    }

    @Override
    public void readFully(byte[] buffer, int offset, int count) throws IOException {
        while (count > 0) {
            int n = read(buffer, offset, count);
            if (n < 0) {
                throw new EOFException("End of " + path + " reached with " + count + " bytes still to read");
            }
            offset += n;
            count -= n;
        }
    }

    /** Opens a response from the current position; false at the end of the object. */
    private boolean open() throws IOException {
        if (position >= length) {
            return false;
        }
        if (body == null) {
            try {
                body = s3.getObject(r -> r.bucket(path.bucket()).key(path.key()).range("bytes=" + position + "-"));
            } catch (SdkException e) {
                throw S3Errors.io("Reading", path, e);
            }
            bodyPosition = position;
        }
        return true;
    }

    private void closeBody() {
        if (body != null) {
            // Abort rather than drain what is left of a large object.
            body.abort();
            body = null;
        }
    }

    @Override
    public void close() {
        closeBody();
    }
}
