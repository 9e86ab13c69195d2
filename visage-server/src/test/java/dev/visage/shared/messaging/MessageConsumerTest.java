package dev.visage.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.Message;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The template's decisions: park at once, retry by rolling back, give up on the last attempt, or propagate. */
class MessageConsumerTest {

    private final List<String> parked = new ArrayList<>();
    private final boolean[] rolledBack = {false};
    private final MessageConsumer consumer = new MessageConsumer(new DeadLetters("visage.DLQ") {
        @Override
        public void park(Message original, String originalQueue, String reason) {
            parked.add(originalQueue + ": " + reason);
        }
    }, (Config) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Config.class},
            (proxy, method, args) -> Map.of("test.queue", "visage.q", "test.max-attempts", 3).get((String) args[0])));
    private final MessageDrivenContext context = (MessageDrivenContext) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {MessageDrivenContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("setRollbackOnly")) {
                    rolledBack[0] = true;
                }
                return null;
            });
    private final MessageConsumer.Inbox inbox = new MessageConsumer.Inbox("test.queue", "test.max-attempts");

    private static Message delivery(int count) {
        return (Message) Proxy.newProxyInstance(MessageConsumerTest.class.getClassLoader(),
                new Class<?>[] {Message.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "propertyExists" -> true;
                    case "getIntProperty" -> count;
                    default -> null;
                });
    }

    /** Fails with the given exception, or parses "malformed" as a malformed message. */
    private record Handler(String body, Exception failure) implements MessageHandler<String> {
        @Override
        public String parse(Message message) throws MalformedMessage {
            if (body.equals("malformed")) {
                throw new MalformedMessage("missing field job_id");
            }
            return body;
        }

        @Override
        public void process(String request, Attempt attempt) throws Exception {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public Failure classify(Exception e) {
            return e instanceof IllegalArgumentException ? Failure.PERMANENT
                    : e instanceof java.io.IOException ? Failure.TRANSIENT : Failure.UNEXPECTED;
        }

        @Override
        public String describe(String request) {
            return request;
        }
    }

    @Test
    void aMalformedMessageIsParkedAtOnce() {
        consumer.consume(delivery(1), context, inbox, new Handler("malformed", null));
        assertEquals(List.of("visage.q: missing field job_id"), parked);
    }

    @Test
    void aPermanentFailureIsParkedWithItsReason() {
        consumer.consume(delivery(1), context, inbox, new Handler("m", new IllegalArgumentException("not an image")));
        assertEquals(List.of("visage.q: not an image"), parked);
        assertTrue(!rolledBack[0]);
    }

    @Test
    void aTransientFailureRollsBackUntilTheLastAttemptWhichGivesUp() {
        consumer.consume(delivery(2), context, inbox, new Handler("m", new java.io.IOException("store down")));
        assertTrue(rolledBack[0]);
        assertEquals(List.of(), parked);
        consumer.consume(delivery(3), context, inbox, new Handler("m", new java.io.IOException("store down")));
        assertEquals(List.of("visage.q: gave up after 3 attempts: store down"), parked);
    }

    @Test
    void anUnexpectedFailurePropagatesToTheContainer() {
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> consumer.consume(delivery(3), context, inbox, new Handler("m", bug))));
        assertEquals(List.of(), parked);
    }

    @Test
    void successParksNothingAndCommits() {
        consumer.consume(delivery(1), context, inbox, new Handler("m", null));
        assertEquals(List.of(), parked);
        assertTrue(!rolledBack[0]);
    }
}
