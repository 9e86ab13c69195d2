/**
 * The admin console: one place for operators to see and act on the pipeline. It owns no
 * data; it composes other contexts (through their application services), MicroProfile
 * Health and Metrics, and the broker's management API.
 */
package dev.visage.console.application;
