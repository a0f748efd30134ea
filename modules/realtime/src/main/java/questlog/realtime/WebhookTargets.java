package questlog.realtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Where webhooks may POST. A token holder chooses the URL, so without this rule the server could
 * be made to call itself, the private network or a cloud metadata service. Targets must be
 * http(s), and unless private targets are allowed ({@code QUESTLOG_WEBHOOK_ALLOW_PRIVATE}), every
 * address their host resolves to must be {@linkplain PublicAddresses public}. Checked at
 * registration and again at every delivery, after DNS resolution: deliveries resolve through
 * {@link #dns()}, which refuses the name when any address is not public and otherwise hands OkHttp
 * exactly the addresses it checked, so a DNS answer that changes between check and connect (DNS
 * rebinding) cannot slip through. IP-literal hosts, which OkHttp connects to without asking its
 * DNS, are checked by {@link #refusal(String)}.
 */
final class WebhookTargets {
    /** Resolves a host name to its addresses; the system's DNS in production, a fixed table in tests. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    static final Resolver SYSTEM_DNS = host -> List.of(InetAddress.getAllByName(host));

    /** A target refused by the rule; an {@link UnknownHostException} so OkHttp ends the call with it. */
    static final class RefusedTarget extends UnknownHostException {
        RefusedTarget(String message) {
            super(message);
        }
    }

    /** The hosts OkHttp treats as IP literals and connects to without its DNS (its own test, copied). */
    private static final Pattern OKHTTP_IP_LITERAL = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final String HOW_TO_ALLOW = "webhooks go to public addresses only "
            + "(QUESTLOG_WEBHOOK_ALLOW_PRIVATE=true allows others)";

    private final boolean allowPrivate;
    private final Resolver resolver;

    WebhookTargets(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * What is wrong with {@code url} as a target, or empty. A name that does not resolve now is
     * accepted: DNS may be down for a moment, and every delivery checks again.
     */
    Optional<String> problemAtRegistration(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return Optional.of("must be an http:// or https:// URL with a host");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        Optional<String> refused = refusal(parsed.host());
        if (refused.isPresent() || isLiteral(parsed.host())) {
            return refused;
        }
        try {
            return checkAll(parsed.host(), resolver.resolve(parsed.host()), false);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The refusal of a host that needs no DNS to judge: an IP literal that is not public (or that
     * is not a plain dotted IPv4 address: {@code 127.1}, {@code 2130706433}), or a {@code localhost}
     * name. Empty for names, which {@link #dns()} judges.
     */
    Optional<String> refusal(String host) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return Optional.of("points to " + host + ", the server itself; " + HOW_TO_ALLOW);
        }
        if (!isLiteral(h)) {
            return Optional.empty();
        }
        if (!h.contains(":") && !DOTTED_QUAD.matcher(h).matches()) {
            return Optional.of("has the IP address " + host + " in a form other than a.b.c.d; write it as a.b.c.d");
        }
        try {
            return checkAll(host, List.of(InetAddress.getByName(h)), true); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.of("has an invalid IP address " + host);
        }
    }

    /** OkHttp's DNS for deliveries: the resolver's answer when every address is public, else a refusal. */
    Dns dns() {
        return host -> {
            List<InetAddress> addresses = resolver.resolve(host);
            if (!allowPrivate) {
                Optional<String> problem = checkAll(host, addresses, false);
                if (problem.isPresent()) {
                    throw new RefusedTarget("the webhook URL " + problem.get());
                }
            }
            return addresses;
        };
    }

    private static Optional<String> checkAll(String host, List<InetAddress> addresses, boolean literal) {
        for (InetAddress address : addresses) {
            if (!PublicAddresses.isPublic(address)) {
                String where = literal ? host : host + ", which resolves to " + address.getHostAddress();
                return Optional.of("points to " + where
                        + ", not a public address (loopback, private, link-local, metadata or reserved); " + HOW_TO_ALLOW);
            }
        }
        return Optional.empty();
    }

    private static boolean isLiteral(String host) {
        return OKHTTP_IP_LITERAL.matcher(host).matches();
    }
}
