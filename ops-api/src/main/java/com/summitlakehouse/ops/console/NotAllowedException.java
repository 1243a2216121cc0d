package com.summitlakehouse.ops.console;

import com.summitlakehouse.ops.audit.Actor;

/** A signed-in person without the moderator role asked for a console page: answered by a page, not an error. */
public class NotAllowedException extends RuntimeException {

    private final transient Actor actor;

    public NotAllowedException(Actor actor) {
        super("not a moderator", null, false, false);
        this.actor = actor;
    }

    public Actor actor() {
        return actor;
    }
}
