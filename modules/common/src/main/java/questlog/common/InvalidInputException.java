package questlog.common;

import java.util.List;

/**
 * Input that is well-formed but breaks a rule (422), or malformed input found by a module's own
 * checks (400). Carries one entry per offending field; app turns it into one problem+json answer.
 */
public final class InvalidInputException extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;

    public InvalidInputException(int status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        if (status != 400 && status != 422) {
            throw new IllegalArgumentException("status must be 400 or 422");
        }
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** A 422: the request was understood but its values break the rules. */
    public static InvalidInputException unprocessable(List<FieldError> errors) {
        return new InvalidInputException(422, summary(errors), errors);
    }

    /** A 400: the request itself is malformed (wrong types, missing fields, bad query parameters). */
    public static InvalidInputException badRequest(List<FieldError> errors) {
        return new InvalidInputException(400, summary(errors), errors);
    }

    public static InvalidInputException of(int status, String field, String message) {
        return new InvalidInputException(status, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.getFirst().field() + ": " + errors.getFirst().message();
        }
        return errors.size() + " fields are invalid";
    }
}
