package dev.visage.shared.interfaces.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what a resource method's body carries, so that {@link BodyLimitFilter} bounds it.
 * Without it a multipart body is taken to carry one image and any other body is plain JSON:
 * the safe default, since a method that carries more fails its own tests instead of
 * accepting too much.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface BodyLimit {

    BodyLimits.Kind value();

    /** Images one body may carry (multipart files or base64 strings). */
    int images() default 1;
}
