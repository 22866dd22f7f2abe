package dev.lakegate.server.provider.scripted;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/** Scripts waiting for requests: each request takes the oldest script that matches its model. */
final class ScriptQueue {
    private final Deque<Script> scripts = new ArrayDeque<>();

    synchronized void add(Script script) {
        scripts.addLast(script);
    }

    /** Removes and returns the first script for {@code model}, or null when none matches. */
    synchronized Script take(String model) {
        for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
            Script s = it.next();
            if (s.matches(model)) {
                it.remove();
                return s;
            }
        }
        return null;
    }

    synchronized int size() {
        return scripts.size();
    }

    synchronized void clear() {
        scripts.clear();
    }
}
