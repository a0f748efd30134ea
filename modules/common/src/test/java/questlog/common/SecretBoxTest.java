package questlog.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    static final SecretBox.Key OLD = SecretBox.Key.parse(SecretBox.newKey());
    static final SecretBox.Key NEW = SecretBox.Key.parse(SecretBox.newKey());
    static final String SECRET = "a-webhook-secret-of-some-length";

    @Test
    void aSealedValueIsNotTheSecretNamesItsKeyAndOpensAgain() {
        SecretBox box = new SecretBox(NEW, List.of());

        String sealed = box.seal("webhook.secret", SECRET);

        assertThat(sealed).doesNotContain(SECRET).startsWith("v1:" + NEW.id() + ":");
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(SecretBox.isSealed(SECRET)).isFalse();
        assertThat(box.open("webhook.secret", sealed)).isEqualTo(SECRET);
        assertThat(box.seal("webhook.secret", SECRET)).as("a fresh nonce every time").isNotEqualTo(sealed);
        assertThat(box.open("webhook.secret", box.seal("webhook.secret", ""))).isEmpty();
    }

    @Test
    void aWrongKeyFailsClearlyNamingBothKeys() {
        String sealed = new SecretBox(OLD, List.of()).seal("webhook.secret", SECRET);

        assertThatThrownBy(() -> new SecretBox(NEW, List.of()).open("webhook.secret", sealed))
                .isInstanceOf(SecretBox.CannotOpenException.class)
                .hasMessageContaining(OLD.id()).hasMessageContaining(NEW.id())
                .hasMessageContaining("QUESTLOG_SECRET_KEY_PREVIOUS")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void previousKeysStillOpenWhileNewValuesTakeTheCurrentKey() {
        String sealedBefore = new SecretBox(OLD, List.of()).seal("webhook.secret", SECRET);
        SecretBox rotated = new SecretBox(NEW, List.of(OLD));

        assertThat(rotated.isCurrent(sealedBefore)).isFalse();
        String resealed = rotated.seal("webhook.secret", rotated.open("webhook.secret", sealedBefore));

        assertThat(rotated.isCurrent(resealed)).isTrue();
        assertThat(new SecretBox(NEW, List.of()).open("webhook.secret", resealed)).isEqualTo(SECRET);
        assertThat(rotated.keyIds()).containsExactly(NEW.id(), OLD.id());
    }

    @Test
    void anAlteredValueOrOneOfAnotherPurposeDoesNotOpen() {
        SecretBox box = new SecretBox(NEW, List.of());
        String sealed = box.seal("webhook.secret", SECRET);
        int at = sealed.length() - 10; // inside the ciphertext, away from the unused bits of the last character
        String altered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);

        assertThatThrownBy(() -> box.open("webhook.secret", altered)).isInstanceOf(SecretBox.CannotOpenException.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> box.open("profile.token", sealed)).isInstanceOf(SecretBox.CannotOpenException.class);
        assertThatThrownBy(() -> box.open("webhook.secret", SECRET)).isInstanceOf(SecretBox.CannotOpenException.class);
    }

    @Test
    void keysAreThirtyTwoBytesInBase64OrHexAndBadOnesAreExplainedWithoutShowingThem() {
        byte[] bytes = new byte[32];
        bytes[0] = 7;
        SecretBox.Key hex = SecretBox.Key.parse(HexFormat.of().formatHex(bytes));
        SecretBox.Key base64 = SecretBox.Key.parse(java.util.Base64.getEncoder().encodeToString(bytes));
        SecretBox.Key url = SecretBox.Key.parse(java.util.Base64.getUrlEncoder().encodeToString(bytes));
        assertThat(hex.id()).isEqualTo(base64.id()).isEqualTo(url.id()).matches("[0-9a-f]{8}");

        assertThatThrownBy(() -> SecretBox.Key.parse("dG9vLXNob3J0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes").hasMessageContaining("openssl rand -base64 32")
                .hasMessageNotContaining("dG9vLXNob3J0");
        assertThatThrownBy(() -> SecretBox.Key.parse("not a key!")).isInstanceOf(IllegalArgumentException.class);
    }
}
