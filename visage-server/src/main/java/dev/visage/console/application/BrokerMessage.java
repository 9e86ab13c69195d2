package dev.visage.console.application;

import java.util.Map;

/**
 * A message as management browses it: the broker's id, its headers, its properties
 * (typed values) and its body when the body is text (null otherwise).
 */
public record BrokerMessage(long id, Map<String, Object> headers, Map<String, Object> properties,
                            String bodyType, String text) {
}
