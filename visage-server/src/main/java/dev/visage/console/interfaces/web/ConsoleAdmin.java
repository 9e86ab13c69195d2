package dev.visage.console.interfaces.web;

/** Who signed in to the console and how ("session", "basic", "api-key" or "auth-disabled"). */
public record ConsoleAdmin(String keyId, String via) {
}
