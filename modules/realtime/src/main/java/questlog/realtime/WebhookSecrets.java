package questlog.realtime;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.SecretBox;

/**
 * Webhook signing secrets at rest: sealed with the {@link SecretBox} of {@code QUESTLOG_SECRET_KEY}
 * (AES-256-GCM) so a copy of the database does not give them away. Without a key no new secret is
 * stored. Values from before encryption are plain text; they keep working, with or without a key,
 * and are sealed by {@link #reseal()} at the next start with a key, which also moves values
 * sealed with a previous key ({@code QUESTLOG_SECRET_KEY_PREVIOUS}) to the current one.
 */
final class WebhookSecrets {
    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);
    static final String PURPOSE = "webhook.secret";
    static final String NO_KEY = "cannot be stored: the server has no encryption key for secrets. Set "
            + SecretBox.KEY_VARIABLE + " (make one with " + SecretBox.HOW_TO_MAKE_A_KEY
            + ") and restart, or register the webhook without a secret (its deliveries are then unsigned)";

    private final Jdbi jdbi;
    private final Optional<SecretBox> box;

    WebhookSecrets(Jdbi jdbi, Optional<SecretBox> box) {
        this.jdbi = jdbi;
        this.box = box;
    }

    boolean canStore() {
        return box.isPresent();
    }

    /** The value to store for {@code secret}; only when {@link #canStore()}. */
    String seal(String secret) {
        return box.orElseThrow(() -> new IllegalStateException("no secret key")).seal(PURPOSE, secret);
    }

    /**
     * The secret a stored value holds.
     *
     * @throws SecretBox.CannotOpenException when it is sealed and no configured key opens it
     */
    String reveal(String stored) {
        if (!SecretBox.isSealed(stored)) {
            return stored; // plain text, from before secrets were encrypted
        }
        if (box.isEmpty()) {
            throw new SecretBox.CannotOpenException("the secret is encrypted (key " + SecretBox.keyIdOf(stored)
                    + ") but " + SecretBox.KEY_VARIABLE + " is not set");
        }
        return box.get().open(PURPOSE, stored);
    }

    /**
     * Seals plain-text secrets and re-seals those of a previous key with the current one, in one
     * transaction that locks the rows (instances starting together do it once). Values no key
     * opens are left as they are and counted.
     */
    RealtimeModule.SecretsResealed reseal() {
        RealtimeModule.SecretsResealed result = jdbi.inTransaction(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            int encrypted = 0;
            int rotated = 0;
            int unreadable = 0;
            int plain = 0;
            for (WebhookDao.StoredSecret row : dao.secretsForUpdate()) {
                String stored = row.secret();
                boolean sealed = SecretBox.isSealed(stored);
                if (box.isEmpty()) {
                    plain += sealed ? 0 : 1;
                    unreadable += sealed ? 1 : 0;
                    continue;
                }
                if (box.get().isCurrent(stored)) {
                    continue;
                }
                try {
                    String secret = sealed ? box.get().open(PURPOSE, stored) : stored;
                    dao.replaceSecret(row.id(), box.get().seal(PURPOSE, secret));
                    encrypted += sealed ? 0 : 1;
                    rotated += sealed ? 1 : 0;
                } catch (SecretBox.CannotOpenException e) {
                    unreadable++;
                    log.error("Webhook {}: {}", row.id(), e.getMessage());
                }
            }
            return new RealtimeModule.SecretsResealed(encrypted, rotated, unreadable, plain);
        });
        if (result.plain() > 0) {
            log.warn("{} webhook secret(s) are stored in plain text; set {} to encrypt them", result.plain(),
                    SecretBox.KEY_VARIABLE);
        }
        if (result.unreadable() > 0) {
            log.error("{} webhook secret(s) cannot be decrypted with the configured keys ({}, {}); those webhooks' "
                    + "deliveries fail until the key they were encrypted with is set", result.unreadable(),
                    SecretBox.KEY_VARIABLE, SecretBox.PREVIOUS_KEYS_VARIABLE);
        }
        if (result.encrypted() + result.rotated() > 0) {
            log.info("Webhook secrets: {} encrypted, {} re-encrypted with the current key", result.encrypted(),
                    result.rotated());
        }
        return result;
    }
}
