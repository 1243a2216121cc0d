package com.summitlakehouse.delta;

/**
 * What a table asked of its store, by kind: listings, reads (a file opened, or its status asked), writes (a file
 * created or published) and deletes (files deleted). Each is one request to an object store, a deletion of many
 * files aside (S3 deletes up to 1,000 in one request; counted here per file). {@link #minus} gives one run's share.
 */
public record StoreRequests(long lists, long reads, long writes, long deletes) {

    public static final StoreRequests NONE = new StoreRequests(0, 0, 0, 0);

    public StoreRequests minus(StoreRequests earlier) {
        return new StoreRequests(lists - earlier.lists, reads - earlier.reads, writes - earlier.writes,
                deletes - earlier.deletes);
    }

    public long total() {
        return lists + reads + writes + deletes;
    }

    @Override
    public String toString() {
        return "lists=" + lists + " reads=" + reads + " writes=" + writes + " deletes=" + deletes;
    }
}
