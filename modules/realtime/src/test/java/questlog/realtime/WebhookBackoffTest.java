package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookBackoffTest {
    static final WebhookDelivery.Policy POLICY =
            new WebhookDelivery.Policy(10, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(10));

    @Test
    void delaysDoubleFromTheBaseUpToTheCap() {
        assertThat(WebhookDelivery.backoff(POLICY, 1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WebhookDelivery.backoff(POLICY, 2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WebhookDelivery.backoff(POLICY, 5, 0.5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(WebhookDelivery.backoff(POLICY, 10, 0.5)).isEqualTo(Duration.ofSeconds(512));
        assertThat(WebhookDelivery.backoff(POLICY, 11, 0.5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(WebhookDelivery.backoff(POLICY, 200, 0.5)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertThat(WebhookDelivery.backoff(POLICY, 3, 0.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(WebhookDelivery.backoff(POLICY, 3, 0.999999)).isBetween(Duration.ofMillis(4799), Duration.ofMillis(4800));
    }
}
