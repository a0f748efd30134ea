package questlog.realtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import questlog.common.EventTypes;
import questlog.common.FieldErrors;
import questlog.common.Texts;

/**
 * Registering, listing, removing and resuming webhooks; delivery is {@link WebhookDelivery}'s.
 * Targets must pass {@link WebhookTargets}; secrets are stored sealed ({@link WebhookSecrets}).
 */
final class WebhookService {
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 512;
    static final int MAX_URL = 2048;

    private final Jdbi jdbi;
    private final WebhookTargets targets;
    private final WebhookSecrets secrets;

    WebhookService(Jdbi jdbi, WebhookTargets targets, WebhookSecrets secrets) {
        this.jdbi = jdbi;
        this.targets = targets;
        this.secrets = secrets;
    }

    /** Validates and stores; the webhook receives events committed from now on. */
    Webhook create(CreateWebhookRequest request) {
        String url = blankToNull(request.url());
        String secret = blankToNull(request.secret());
        new FieldErrors()
                .check(url != null, "url", "is required")
                .throwIfUnprocessable();
        FieldErrors rules = new FieldErrors();
        checkUrl(url, rules);
        if (secret != null) {
            if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
                rules.add("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET
                        + " characters (for example `openssl rand -hex 32`)");
            } else if (!secrets.canStore()) {
                rules.add("secret", WebhookSecrets.NO_KEY);
            }
        }
        Set<String> types = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        if (request.types() != null) {
            for (String type : request.types()) {
                EventTypes.fullName(type).ifPresentOrElse(types::add, () -> unknown.add(String.valueOf(type)));
            }
        }
        rules.check(unknown.isEmpty(), "types", "unknown event type(s) " + unknown + "; known: " + EventTypes.ALL
                + " (the part after 'questlog:' alone works too)");
        rules.throwIfUnprocessable();
        String stored = secret == null ? null : secrets.seal(secret);
        return jdbi.withExtension(WebhookDao.class, dao -> dao.insert(url, types.toArray(String[]::new), stored));
    }

    /** What is wrong with a webhook URL (the first problem), as registration judges it; empty when it may be registered. */
    Optional<String> urlProblem(String url) {
        FieldErrors rules = new FieldErrors();
        checkUrl(url, rules);
        return rules.messages().stream().findFirst();
    }

    private void checkUrl(String url, FieldErrors rules) {
        if (url.length() > MAX_URL) {
            rules.add("url", "must be at most " + MAX_URL + " characters");
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                rules.add("url", "must be an http:// or https:// URL");
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                rules.add("url", "must name a host");
            } else {
                targets.problemAtRegistration(url).ifPresent(problem -> rules.add("url", problem));
            }
        } catch (URISyntaxException e) {
            rules.add("url", "is not a valid URL");
        }
    }

    List<Webhook> list(int limit, int offset) {
        return jdbi.withExtension(WebhookDao.class, dao -> dao.list(limit, offset));
    }

    long count() {
        return jdbi.withExtension(WebhookDao.class, WebhookDao::count);
    }

    Optional<Webhook> find(UUID id) {
        return jdbi.withExtension(WebhookDao.class, dao -> dao.find(id));
    }

    boolean delete(UUID id) {
        return jdbi.withExtension(WebhookDao.class, dao -> dao.delete(id)) > 0;
    }

    /** Active again, failure count reset; delivery continues after the last acknowledged event. */
    Optional<Webhook> resume(UUID id) {
        return jdbi.withExtension(WebhookDao.class, dao -> dao.resume(id));
    }

    /** Blank is none; anything else is kept exactly (a secret is a signing key: no space may be dropped from it). */
    private static String blankToNull(String s) {
        return Texts.orNull(s);
    }
}
