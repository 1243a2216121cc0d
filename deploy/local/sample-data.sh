#!/usr/bin/env bash
# Loads sample posts and questions through ops-api's own endpoints (the real ingestion and moderation paths).
# Posts are sent every time (an unchanged post is left as it is); the questions only once per database.
# Usage: deploy/local/sample-data.sh <api-base-url> <ingest-token> <moderator-token>
set -euo pipefail
api=$1
ingest="Authorization: Bearer $2"
moderator="Authorization: Bearer $3"

cities=(chicago st-louis kansas-city denver salt-lake-city boise portland seattle spokane missoula billings
        rapid-city omaha des-moines minneapolis milwaukee detroit cleveland pittsburgh philadelphia new-york boston
        albany buffalo toledo)
platforms=(instagram tiktok x facebook youtube threads)

batch="["
for i in $(seq 0 239); do
    city=${cities[$((i % 25))]}
    platform=${platforms[$((i % 6))]}
    # Four in five come from the journey's own account (allowlisted by run.sh, so visible at once); the others wait
    # hidden for a moderator.
    author=$([ $((i % 5)) -eq 0 ] && printf '@traveller%02d' $((i % 40)) || echo '@summitjourney')
    posted=$(date -u -d "-$((i * 97)) minutes" +%Y-%m-%dT%H:%M:%SZ)
    batch+=$(printf '{"platform":"%s","external_id":"sample-%04d","author_handle":"%s","caption":"Day %d of the journey, rolling through %s","permalink":"https://social.example.com/%s/sample-%04d","media_url":"https://cdn.example.com/sample-%04d.jpg","hashtags":["summitroadtrip","%s"],"posted_at":"%s","like_count":%d,"comment_count":%d,"share_count":%d},' \
        "$platform" "$i" "$author" $((i / 7 + 1)) "$city" "$platform" "$i" "$i" "$city" "$posted" \
        $(((i * 37) % 500)) $(((i * 11) % 60)) $(((i * 5) % 25)))
done
batch="${batch%,}]"
echo "posts: $(curl -sf -X PUT "$api/api/v1/admin/posts" -H "$ingest" -H 'Content-Type: application/json' --data "$batch")"

questions=("When does the bus reach Denver?" "How many miles is the whole route?" "Is there a stop in Boise?"
           "Can we meet the team in Chicago?" "What is the longest day of driving?")
# Five: the API accepts five questions a minute from one address.
answers=("Day 8, in the afternoon." "About 9,000 miles." "Yes, on day 12." "" "Day 19, about 540 miles.")
# Already loaded (in any state a moderator may have moved it to)? Then not again: the Q&A would grow each start.
for status in pending answered published rejected; do
    if curl -sf "$api/api/v1/admin/questions?status=$status&limit=100" -H "$moderator" | grep -qF "${questions[0]}"; then
        echo "questions: the samples are already there"
        exit 0
    fi
done
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
