package bench.freshness;

/** The moderation actions, taken in this order round after round. */
enum ActionKind { HIDE, PUBLISH, UNHIDE, UNPUBLISH }
