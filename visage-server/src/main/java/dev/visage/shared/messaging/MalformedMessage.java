package dev.visage.shared.messaging;

/** A message that cannot be read as its queue's request: dead-lettered at once, never retried. */
public class MalformedMessage extends Exception {

    public MalformedMessage(String message) {
        super(message);
    }
}
