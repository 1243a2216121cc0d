#!/usr/bin/env bash
# Loads sample posts and questions through ops-api's own endpoints (the real ingestion and moderation paths).
# Usage: deploy/local/sample-data.sh <api-base-url> <keys-dir>
set -euo pipefail
api=$1
keys=$2
here=$(dirname "$0")
ingest="Authorization: Bearer $("$here/dev-jwt.sh" "$keys" ingest)"
moderator="Authorization: Bearer $("$here/dev-jwt.sh" "$keys" moderator)"

cities=(chicago st-louis kansas-city denver salt-lake-city boise portland seattle spokane missoula billings
        rapid-city omaha des-moines minneapolis milwaukee detroit cleveland pittsburgh philadelphia new-york boston
        albany buffalo toledo)
platforms=(instagram tiktok x facebook youtube threads)

batch="["
for i in $(seq 0 239); do
    city=${cities[$((i % 25))]}
    platform=${platforms[$((i % 6))]}
    visible=$([ $((i % 5)) -eq 0 ] && echo false || echo true)
    posted=$(date -u -d "-$((i * 97)) minutes" +%Y-%m-%dT%H:%M:%SZ)
    batch+=$(printf '{"platform":"%s","external_id":"sample-%04d","author_handle":"@traveller%02d","caption":"Day %d of the journey, rolling through %s","permalink":"https://social.example.com/%s/sample-%04d","media_url":"https://cdn.example.com/sample-%04d.jpg","hashtags":["summitroadtrip","%s"],"posted_at":"%s","like_count":%d,"comment_count":%d,"share_count":%d,"is_visible":%s},' \
        "$platform" "$i" $((i % 40)) $((i / 7 + 1)) "$city" "$platform" "$i" "$i" "$city" "$posted" \
        $(((i * 37) % 500)) $(((i * 11) % 60)) $(((i * 5) % 25)) "$visible")
done
batch="${batch%,}]"
echo "posts: $(curl -sf -X PUT "$api/api/v1/admin/posts" -H "$ingest" -H 'Content-Type: application/json' --data "$batch")"

questions=("When does the bus reach Denver?" "How many miles is the whole route?" "Is there a stop in Boise?"
           "Can we meet the team in Chicago?" "What is the longest day of driving?")
# Five: the API accepts five questions a minute from one address.
answers=("Day 8, in the afternoon." "About 9,000 miles." "Yes, on day 12." "" "Day 19, about 540 miles.")
for i in "${!questions[@]}"; do
    id=$(curl -sf -X POST "$api/api/v1/questions" -H 'Content-Type: application/json' \
        --data "{\"question_text\":\"${questions[$i]}\",\"asker_name\":\"Visitor $i\"}" | sed -E 's/.*"id":([0-9]+).*/\1/')
    if [ -n "${answers[$i]}" ]; then
        curl -sf -X PUT "$api/api/v1/admin/questions/$id/answer" -H "$moderator" -H 'Content-Type: application/json' \
            --data "{\"answer_text\":\"${answers[$i]}\"}" > /dev/null
        curl -sf -X POST "$api/api/v1/admin/questions/$id/publish" -H "$moderator" > /dev/null
    fi
done
echo "questions: ${#questions[@]} submitted, $(printf '%s\n' "${answers[@]}" | grep -c .) answered and published"
