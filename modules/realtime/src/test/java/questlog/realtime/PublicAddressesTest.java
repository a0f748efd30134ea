package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class PublicAddressesTest {

    static boolean isPublic(String literal) throws UnknownHostException {
        return PublicAddresses.isPublic(InetAddress.getByName(literal));
    }

    @Test
    void loopbackPrivateLinkLocalMetadataAndReservedAddressesAreNotPublic() throws UnknownHostException {
        for (String address : new String[] {
                "127.0.0.1", "127.255.0.9", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "224.0.0.1", "239.1.2.3",
                "240.0.0.1", "255.255.255.255", "192.0.2.7", "198.18.0.1", "198.51.100.1", "203.0.113.9",
                "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "2001:db8::1",
                "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1",
                "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:a00:1::"}) {
            assertThat(isPublic(address)).as(address).isFalse();
        }
    }

    @Test
    void ordinaryInternetAddressesArePublic() throws UnknownHostException {
        for (String address : new String[] {
                "93.184.216.34", "8.8.8.8", "1.1.1.1", "100.128.0.1", "100.63.255.255", "172.32.0.1", "172.15.255.255",
                "169.253.1.1", "192.169.0.1", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001::200e",
                "::ffff:93.184.216.34", "64:ff9b::808:808", "2002:5db8:d822::1"}) {
            assertThat(isPublic(address)).as(address).isTrue();
        }
    }

    @Test
    void anIpv4MappedAddressKeptInIpv6FormIsJudgedByItsIpv4Address() throws UnknownHostException {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may not.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        InetAddress address = Inet6Address.getByAddress(null, mapped, null);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(PublicAddresses.isPublic(address)).isFalse();
    }
}
