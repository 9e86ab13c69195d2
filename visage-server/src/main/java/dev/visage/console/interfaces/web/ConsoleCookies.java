package dev.visage.console.interfaces.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;

/** The console's session cookie: HttpOnly, SameSite=Strict, scoped to /console, Secure over HTTPS. */
final class ConsoleCookies {

    static final String NAME = "visage_console";
    private static final String PATH = "/console";

    private ConsoleCookies() {
    }

    static Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> NAME.equals(c.getName())).map(Cookie::getValue).findFirst();
    }

    static void set(HttpServletRequest request, HttpServletResponse response, String token) {
        // Written by hand: SameSite has no setter on every container's Cookie.
        response.addHeader("Set-Cookie", NAME + "=" + token + "; Path=" + PATH + "; Max-Age="
                + ConsoleSessions.LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : ""));
    }

    static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", NAME + "=; Path=" + PATH + "; Max-Age=0; HttpOnly; SameSite=Strict"
                + (request.isSecure() ? "; Secure" : ""));
    }
}
