package dev.visage.recognition.application;

/** Port: publishes a gallery change to all instances, only if the caller's transaction commits. */
public interface EnrolmentChanges {

    void publish(EnrolmentChange change);
}
