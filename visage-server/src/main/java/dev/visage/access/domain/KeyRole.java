package dev.visage.access.domain;

/** ADMIN keys may act for any tenant and reach admin endpoints; TENANT keys act on one tenant. */
public enum KeyRole {
    ADMIN,
    TENANT
}
