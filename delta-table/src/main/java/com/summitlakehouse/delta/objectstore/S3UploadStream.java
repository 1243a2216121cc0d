package com.summitlakehouse.delta.objectstore;

import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A data file streamed to S3 as it is written: each {@code partSize} bytes go up as one part of a multipart upload,
 * so memory holds one part whatever the file's size, and nothing touches a local disk. The object appears only when
 * the stream is closed (the upload completes); a process killed before leaves no object, only an incomplete upload
 * that the bucket's lifecycle rule cleans up. A file smaller than one part is a single PUT.
 */
final class S3UploadStream extends PositionOutputStream {

    private final S3Client s3;
    private final S3Path path;
    private final byte[] part;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long position;
    private String uploadId;
    private boolean closed;
    /** Why the upload was given up, if it was: from then on nothing may be published under the key. */
    private IOException failure;

    S3UploadStream(S3Client s3, S3Path path, int partSize) {
        this.s3 = s3;
        this.path = path;
        this.part = new byte[partSize];
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void write(int b) throws IOException {
        refuseAfterFailure();
        if (filled == part.length) {
            uploadPart();
        }
        part[filled++] = (byte) b;
        position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        refuseAfterFailure();
        while (length > 0) {
            if (filled == part.length) {
                uploadPart();
            }
            int n = Math.min(length, part.length - filled);
            System.arraycopy(bytes, offset, part, filled, n);
            filled += n;
            offset += n;
            length -= n;
            position += n;
        }
    }

    private void uploadPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(path.bucket()).key(path.key())).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId)
                    .partNumber(number).contentLength((long) filled), body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        } catch (SdkException e) {
            throw giveUp(e);
        }
    }

    /**
     * Aborts the multipart upload and remembers why. A writer that failed still closes its stream (Parquet writes
     * its footer on close): what is left in the buffer then must not become the whole object.
     */
    private IOException giveUp(SdkException e) {
        abort();
        failure = S3Errors.io("Uploading", path, e);
        return failure;
    }

    private void refuseAfterFailure() throws IOException {
        if (failure != null) {
            throw new IOException("Upload of " + path + " was given up: " + failure.getMessage(), failure);
        }
    }

    /** The part as it is: the SDK may read it twice (signing, a retry), from the one buffer, never a copy. */
    private RequestBody body() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                "application/octet-stream");
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        refuseAfterFailure();
        try {
            if (uploadId == null) {
                s3.putObject(r -> r.bucket(path.bucket()).key(path.key()).contentLength((long) filled), body());
                return;
            }
            if (filled > 0) {
                uploadPart();
            }
            s3.completeMultipartUpload(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
        } catch (SdkException e) {
            throw giveUp(e);
        }
    }

    private void abort() {
        if (uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId));
        } catch (SdkException ignored) {
            // The bucket's lifecycle rule removes incomplete uploads that could not be aborted.
        }
        uploadId = null;
    }
}
