package questlog.common;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while validating a request, then throws them all at once. */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public FieldErrors check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return this;
    }

    /** The messages collected so far, in order. */
    public List<String> messages() {
        return errors.stream().map(FieldError::message).toList();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a 400 if anything was collected. */
    public void throwIfBadRequest() {
        if (!errors.isEmpty()) {
            throw InvalidInputException.badRequest(errors);
        }
    }

    /** Throws a 422 if anything was collected. */
    public void throwIfUnprocessable() {
        if (!errors.isEmpty()) {
            throw InvalidInputException.unprocessable(errors);
        }
    }
}
