package questlog.profiles.steam;

import java.util.regex.Pattern;

/** What a Steam account handle may look like, checked before any call. */
public final class SteamIds {
    /** A 64-bit individual-account id as Steam writes it: 17 digits starting 7656119. */
    private static final Pattern STEAM_ID = Pattern.compile("7656119\\d{10}");
    /** A custom profile URL name ({@code steamcommunity.com/id/<name>}): 2 to 32 letters, digits, '_' or '-'. */
    private static final Pattern VANITY = Pattern.compile("[A-Za-z0-9_-]{2,32}");

    private SteamIds() {}

    public static boolean isSteamId(String value) {
        return value != null && STEAM_ID.matcher(value).matches();
    }

    public static boolean isVanityName(String value) {
        return value != null && VANITY.matcher(value).matches();
    }
}
