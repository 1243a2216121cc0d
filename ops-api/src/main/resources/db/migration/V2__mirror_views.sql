-- What may leave the operational database for the lake: visible posts and published Q&A, through allowlisted
-- columns only. The mirror job reads these views and nothing else; their column comments become the gold tables'
-- column descriptions, which analysts and the natural-language-to-SQL assistant read.
-- security_barrier: a caller's own functions in a WHERE clause can never see rows the view filters out.

CREATE SCHEMA mirror;
COMMENT ON SCHEMA mirror IS 'Public projections of the operational tables, the only source of the gold Delta tables';

CREATE VIEW mirror.social_posts WITH (security_barrier) AS
SELECT platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at,
       like_count, comment_count, share_count, updated_at
  FROM public.social_posts
 WHERE is_visible;

COMMENT ON VIEW mirror.social_posts IS 'Social media posts about the journey that moderators allow on the public site (hidden posts never appear)';
COMMENT ON COLUMN mirror.social_posts.platform IS 'Social network the post was published on: instagram, tiktok, x, facebook, youtube or threads';
COMMENT ON COLUMN mirror.social_posts.external_id IS 'Identifier of the post on its platform; unique together with platform';
COMMENT ON COLUMN mirror.social_posts.author_handle IS 'Handle of the account that published the post, as shown on the platform';
COMMENT ON COLUMN mirror.social_posts.caption IS 'Text of the post; may be null';
COMMENT ON COLUMN mirror.social_posts.permalink IS 'Public URL of the post on its platform';
COMMENT ON COLUMN mirror.social_posts.media_url IS 'URL of the image or video attached to the post; may be null';
COMMENT ON COLUMN mirror.social_posts.hashtags IS 'Hashtags of the post, lower case, without the leading #';
COMMENT ON COLUMN mirror.social_posts.posted_at IS 'When the post was published on its platform (UTC timestamp)';
COMMENT ON COLUMN mirror.social_posts.like_count IS 'Number of likes when the post was last ingested';
COMMENT ON COLUMN mirror.social_posts.comment_count IS 'Number of comments when the post was last ingested';
COMMENT ON COLUMN mirror.social_posts.share_count IS 'Number of shares when the post was last ingested';
COMMENT ON COLUMN mirror.social_posts.updated_at IS 'When the post last changed in the operational database (UTC timestamp)';

CREATE VIEW mirror.qa_published WITH (security_barrier) AS
SELECT id AS question_id, asker_name, question_text, answer_text, submitted_at, answered_at, published_at, updated_at
  FROM public.qa_questions
 WHERE status = 'published';

COMMENT ON VIEW mirror.qa_published IS 'Visitor questions about the journey that moderators answered and published';
COMMENT ON COLUMN mirror.qa_published.question_id IS 'Identifier of the question';
COMMENT ON COLUMN mirror.qa_published.asker_name IS 'Name the visitor gave when asking; may be null';
COMMENT ON COLUMN mirror.qa_published.question_text IS 'The question as the visitor asked it';
COMMENT ON COLUMN mirror.qa_published.answer_text IS 'The published answer of the journey team';
COMMENT ON COLUMN mirror.qa_published.submitted_at IS 'When the visitor asked the question (UTC timestamp)';
COMMENT ON COLUMN mirror.qa_published.answered_at IS 'When the answer was last written (UTC timestamp)';
COMMENT ON COLUMN mirror.qa_published.published_at IS 'When the question and answer were published (UTC timestamp)';
COMMENT ON COLUMN mirror.qa_published.updated_at IS 'When the question last changed in the operational database (UTC timestamp)';
