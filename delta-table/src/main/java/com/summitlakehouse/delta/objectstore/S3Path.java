package com.summitlakehouse.delta.objectstore;

/** An object (or a prefix) of a bucket, named as {@code s3://bucket/key} or {@code s3a://bucket/key}. */
record S3Path(String scheme, String bucket, String key) {

    static boolean isS3(String location) {
        return location.startsWith("s3://") || location.startsWith("s3a://");
    }

    static S3Path parse(String location) {
        if (!isS3(location)) {
            throw new IllegalArgumentException("Not an S3 location (s3://bucket/key): " + location);
        }
        String scheme = location.substring(0, location.indexOf("://"));
        String rest = location.substring(scheme.length() + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("No bucket in S3 location " + location);
        }
        return new S3Path(scheme, bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    S3Path withKey(String newKey) {
        return new S3Path(scheme, bucket, newKey);
    }

    /** The key as a directory prefix: empty for the bucket's root, else ending with one slash. */
    String directoryPrefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    @Override
    public String toString() {
        return scheme + "://" + bucket + "/" + key;
    }
}
