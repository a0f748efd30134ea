package questlog.realtime;

import java.util.List;

/**
 * {@code POST /api/webhooks}: where to POST events, which types (absent or empty: all), and the
 * secret that signs each body (absent: deliveries are unsigned). Public only because Jackson reads it.
 */
public record CreateWebhookRequest(String url, List<String> types, String secret) {}
