package questlog.realtime;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which IP addresses count as public, for webhook targets: not loopback, unspecified, private
 * (RFC 1918), carrier-grade NAT (100.64.0.0/10), link-local (cloud metadata services at
 * 169.254.169.254 included), unique-local or site-local IPv6, multicast, broadcast or reserved,
 * nor documentation and benchmarking ranges. IPv6 forms that carry an IPv4 address (mapped,
 * compatible, NAT64, 6to4) are judged by that address. Works on the address bytes, so it does not
 * matter whether the JDK handed over an {@code Inet4Address} or an {@code Inet6Address}.
 */
final class PublicAddresses {
    private PublicAddresses() {}

    static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? isPublicV4(b) : isPublicV6(b);
    }

    private static boolean isPublicV4(byte[] b) {
        int b0 = b[0] & 0xff, b1 = b[1] & 0xff, b2 = b[2] & 0xff;
        return !(b0 == 0                                    // "this network", 0.0.0.0
                || b0 == 10                                 // private
                || b0 == 100 && (b1 & 0xc0) == 64           // carrier-grade NAT 100.64.0.0/10
                || b0 == 127                                // loopback
                || b0 == 169 && b1 == 254                   // link-local, cloud metadata
                || b0 == 172 && (b1 & 0xf0) == 16           // private 172.16.0.0/12
                || b0 == 192 && b1 == 168                   // private
                || b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2) // IETF assignments, documentation
                || b0 == 198 && (b1 & 0xfe) == 18           // benchmarking 198.18.0.0/15
                || b0 == 198 && b1 == 51 && b2 == 100       // documentation
                || b0 == 203 && b1 == 0 && b2 == 113        // documentation
                || b0 >= 224);                              // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(Arrays.copyOfRange(b, 12, 16));      // IPv4-mapped ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            return isPublicV4(Arrays.copyOfRange(b, 12, 16));      // ::, ::1 and IPv4-compatible ::a.b.c.d
        }
        int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return isPublicV4(Arrays.copyOfRange(b, 12, 16));      // NAT64 64:ff9b::/96
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return isPublicV4(Arrays.copyOfRange(b, 2, 6));        // 6to4 2002::/16
        }
        return !((b0 & 0xfe) == 0xfc                               // unique-local fc00::/7
                || b0 == 0xfe && (b1 & 0xc0) == 0x80               // link-local fe80::/10
                || b0 == 0xfe && (b1 & 0xc0) == 0xc0               // site-local fec0::/10
                || b0 == 0xff                                      // multicast
                || b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8); // documentation
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
