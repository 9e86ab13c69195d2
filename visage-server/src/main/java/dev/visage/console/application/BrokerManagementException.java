package dev.visage.console.application;

/** The broker's management API is unreachable or refused the call. */
public class BrokerManagementException extends RuntimeException {

    public BrokerManagementException(String message) {
        super(message);
    }

    public BrokerManagementException(String message, Throwable cause) {
        super(message, cause);
    }
}
