package dev.visage.access.application;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set once by the API-key filter. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    public Caller caller() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }

    public String tenantId() {
        return caller().tenantId();
    }

    public void authenticate(Caller caller) {
        this.caller = caller;
    }
}
