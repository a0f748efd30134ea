package questlog.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a text field of a request or response record may take, for the OpenAPI document
 * (its schema gets an {@code enum}; on a list of texts, its items do). The module still checks
 * the value itself (a 422 naming the field); this only tells clients and generators.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface ApiEnum {
    String[] value();
}
