package com.summitlakehouse.ops.posts;

import static com.summitlakehouse.ops.input.TextRules.text;
import static com.summitlakehouse.ops.input.TextRules.url;

import com.summitlakehouse.ops.problems.ApiProblem;
import com.summitlakehouse.ops.problems.FieldError;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks a whole ingestion batch and names every offending field by its item index, before anything is written. */
final class PostBatchValidator {

    static final int MAX_BATCH = 1000;
    static final int MAX_HASHTAGS = 30;
    static final int MAX_HASHTAG_LENGTH = 100;
    static final int MAX_CAPTION = 5000;
    private static final int MAX_ERRORS = 100;
    private static final OffsetDateTime EARLIEST = OffsetDateTime.parse("2000-01-01T00:00:00Z");

    private PostBatchValidator() {
    }

    static List<ValidPost> validate(List<PostInput> batch) {
        if (batch == null || batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw ApiProblem.invalid("body", "must be a JSON array of 1 to " + MAX_BATCH + " posts");
        }
        List<FieldError> errors = new ArrayList<>();
        List<ValidPost> valid = new ArrayList<>(batch.size());
        Map<String, Integer> firstIndexOfKey = new HashMap<>();
        for (int i = 0; i < batch.size() && errors.size() < MAX_ERRORS; i++) {
            ValidPost post = validate(errors, "[" + i + "]", batch.get(i));
            if (post == null) {
                continue;
            }
            Integer earlier = firstIndexOfKey.putIfAbsent(post.platform() + "/" + post.externalId(), i);
            if (earlier != null) {
                errors.add(new FieldError("[" + i + "].external_id",
                        "duplicates item " + earlier + " (same platform and external_id)"));
            }
            valid.add(post);
        }
        ApiProblem.failIfAny(errors);
        return valid;
    }

    private static ValidPost validate(List<FieldError> errors, String at, PostInput in) {
        if (in == null) {
            errors.add(new FieldError(at, "must be a post object"));
            return null;
        }
        int before = errors.size();
        if (in.platform() == null) {
            errors.add(new FieldError(at + ".platform", "is required"));
        }
        String externalId = text(errors, at + ".external_id", in.externalId(), true, 200, false);
        String author = text(errors, at + ".author_handle", in.authorHandle(), true, 100, false);
        String caption = text(errors, at + ".caption", in.caption(), false, MAX_CAPTION, true);
        String permalink = url(errors, at + ".permalink", in.permalink());
        String mediaUrl = url(errors, at + ".media_url", in.mediaUrl());
        List<String> hashtags = hashtags(errors, at + ".hashtags", in.hashtags());
        if (in.postedAt() == null) {
            errors.add(new FieldError(at + ".posted_at", "is required"));
        } else if (in.postedAt().isBefore(EARLIEST) || in.postedAt().isAfter(OffsetDateTime.now().plusDays(1))) {
            errors.add(new FieldError(at + ".posted_at", "must be between 2000-01-01 and tomorrow"));
        }
        int likes = count(errors, at + ".like_count", in.likeCount());
        int comments = count(errors, at + ".comment_count", in.commentCount());
        int shares = count(errors, at + ".share_count", in.shareCount());
        if (errors.size() > before) {
            return null;
        }
        return new ValidPost(in.platform(), externalId, author, caption, permalink, mediaUrl, hashtags,
                in.postedAt(), likes, comments, shares, in.isVisible());
    }

    private static int count(List<FieldError> errors, String field, Integer value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        }
        return value;
    }

    /** Hashtags are stored lower-case without the leading '#', once each, so that filtering is exact. */
    private static List<String> hashtags(List<FieldError> errors, String field, List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_HASHTAGS) {
            errors.add(new FieldError(field, "must hold at most " + MAX_HASHTAGS + " hashtags"));
            return List.of();
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = normaliseHashtag(errors, field + "[" + i + "]", tags.get(i));
            if (tag != null) {
                normalised.add(tag);
            }
        }
        return List.copyOf(normalised);
    }

    static String normaliseHashtag(List<FieldError> errors, String field, String raw) {
        String tag = text(errors, field, raw, true, MAX_HASHTAG_LENGTH + 1, false);
        if (tag == null) {
            return null;
        }
        tag = (tag.startsWith("#") ? tag.substring(1) : tag).toLowerCase(Locale.ROOT);
        if (tag.isEmpty() || tag.length() > MAX_HASHTAG_LENGTH || tag.codePoints().anyMatch(Character::isWhitespace)
                || tag.contains("#")) {
            errors.add(new FieldError(field, "must be one hashtag of 1 to " + MAX_HASHTAG_LENGTH
                    + " characters without spaces"));
            return null;
        }
        return tag;
    }
}
