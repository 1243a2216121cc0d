package com.summitlakehouse.delta.objectstore;

import com.summitlakehouse.delta.InMemoryIterators;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A ListObjectsV2 listing as the file statuses Kernel asks for, one page fetched at a time. */
final class S3Listing {

    private S3Listing() {
    }

    /** Pages through the listing lazily, in key order. */
    static CloseableIterator<FileStatus> list(S3Client s3, ListObjectsV2Request request, S3Path where,
            Predicate<S3Object> wanted) throws IOException {
        try {
            Iterator<S3Object> objects = s3.listObjectsV2Paginator(request).contents().iterator();
            Iterator<FileStatus> statuses = new Iterator<>() {
                private FileStatus next;

                @Override
                public boolean hasNext() {
                    while (next == null && objects.hasNext()) {
                        S3Object object = objects.next();
                        if (wanted.test(object)) {
                            next = FileStatus.of(where.withKey(object.key()).toString(), object.size(),
                                    object.lastModified().toEpochMilli());
                        }
                    }
                    return next != null;
                }

                @Override
                public FileStatus next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    FileStatus result = next;
                    next = null;
                    return result;
                }
            };
            return InMemoryIterators.of(statuses);
        } catch (SdkException e) {
            throw S3Errors.io("Listing", where, e);
        }
    }
}
