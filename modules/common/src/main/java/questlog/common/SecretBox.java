package questlog.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the small secrets Questlog must be able to read back (webhook signing secrets, upstream
 * OAuth tokens), so a copy of the database does not give them away. AES-256-GCM from the JDK, a
 * fresh random 96-bit nonce per value, and the value's purpose (e.g. {@code "webhook.secret"}) as
 * associated data, so a sealed value copied to another purpose does not open.
 *
 * <p>A sealed value reads {@code v1:<key id>:<base64url(nonce | ciphertext | tag)>}. The key id
 * (the first 8 hex digits of the key's SHA-256) says which key sealed it, so values sealed with an
 * earlier key still open while keys rotate: the box seals with its current key
 * ({@value #KEY_VARIABLE}) and opens with it or any previous one ({@value #PREVIOUS_KEYS_VARIABLE}).
 * A key is 32 random bytes, written in base64 ({@code openssl rand -base64 32}) or hex.
 */
public final class SecretBox {
    public static final String KEY_VARIABLE = "QUESTLOG_SECRET_KEY";
    public static final String PREVIOUS_KEYS_VARIABLE = "QUESTLOG_SECRET_KEY_PREVIOUS";
    /** How to make a key, for messages. */
    public static final String HOW_TO_MAKE_A_KEY = "`openssl rand -base64 32` or `questlog secrets new-key`";

    private static final String VERSION = "v1";
    private static final Pattern SEALED = Pattern.compile("v1:[0-9a-f]{8}:[A-Za-z0-9_-]{38,}");
    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An AES-256 key and its id. */
    public static final class Key {
        private final String id;
        private final SecretKeySpec spec;

        private Key(byte[] bytes) {
            this.id = HexFormat.of().formatHex(sha256(bytes), 0, 4);
            this.spec = new SecretKeySpec(bytes, "AES");
        }

        /**
         * A key written as base64 (standard or URL-safe) or as 64 hex digits.
         *
         * @throws IllegalArgumentException when it is not 32 bytes in either form (the message never shows the key)
         */
        public static Key parse(String text) {
            String t = text.strip();
            byte[] bytes;
            if (HEX_KEY.matcher(t).matches()) {
                bytes = HexFormat.of().parseHex(t);
            } else {
                try {
                    bytes = (t.indexOf('-') >= 0 || t.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                            .decode(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("is not base64 or hex; make one with " + HOW_TO_MAKE_A_KEY);
                }
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("must be 32 bytes (got " + bytes.length + "); make one with "
                        + HOW_TO_MAKE_A_KEY);
            }
            return new Key(bytes);
        }

        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return "SecretBox.Key[" + id + "]";
        }
    }

    /** A value that cannot be opened: no key with its id, altered, or of another purpose. The message says which. */
    public static final class CannotOpenException extends RuntimeException {
        public CannotOpenException(String message) {
            super(message);
        }
    }

    private final Key current;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** Seals with {@code current}; opens values sealed with it or with any of {@code previous}. */
    public SecretBox(Key current, List<Key> previous) {
        this.current = current;
        keys.put(current.id(), current);
        previous.forEach(key -> keys.putIfAbsent(key.id(), key));
    }

    /** A new random key in base64, for {@value #KEY_VARIABLE}. */
    public static String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Whether {@code stored} has the form of a sealed value (anything else is plain text from before sealing). */
    public static boolean isSealed(String stored) {
        return stored != null && SEALED.matcher(stored).matches();
    }

    /** The id of the key a sealed value names. */
    public static String keyIdOf(String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        return sealed.substring(VERSION.length() + 1, VERSION.length() + 9);
    }

    /** The id of the key new values are sealed with. */
    public String currentKeyId() {
        return current.id();
    }

    /** The ids of every key this box opens with, the current one first. */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    /** Whether {@code sealed} was sealed with the current key (else it is due for {@linkplain #seal re-sealing}). */
    public boolean isCurrent(String sealed) {
        return isSealed(sealed) && keyIdOf(sealed).equals(current.id());
    }

    /** Encrypts {@code plaintext} for {@code purpose} with the current key. */
    public String seal(String purpose, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(current.id(), purpose));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + current.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * Decrypts a value {@linkplain #seal sealed} for {@code purpose} with any key of this box.
     *
     * @throws CannotOpenException when no key of this box has the value's id, or the value was
     *         altered or sealed for another purpose
     */
    public String open(String purpose, String sealed) {
        if (!isSealed(sealed)) {
            throw new CannotOpenException("the stored value is not an encrypted secret");
        }
        String keyId = keyIdOf(sealed);
        Key key = keys.get(keyId);
        if (key == null) {
            throw new CannotOpenException("the secret was encrypted with key " + keyId + ", which is neither "
                    + KEY_VARIABLE + " (key " + current.id() + ") nor one of " + PREVIOUS_KEYS_VARIABLE
                    + "; set the key it was encrypted with");
        }
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length() + 10));
        } catch (IllegalArgumentException e) {
            throw new CannotOpenException("the stored value is not an encrypted secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId, purpose));
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CannotOpenException("the secret does not decrypt with key " + keyId
                    + ": it was altered, or it belongs to something else");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    private static byte[] associatedData(String keyId, String purpose) {
        return (VERSION + ":" + keyId + ":" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
