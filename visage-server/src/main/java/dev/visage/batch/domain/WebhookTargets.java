package dev.visage.batch.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where completion webhooks may go: http or https URLs whose host resolves only to public
 * addresses, unless private addresses are allowed (trusted networks, tests). Checked when a job
 * is submitted and again before every delivery (DNS may change in between).
 */
public final class WebhookTargets {

    private final boolean allowPrivate;

    public WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Refused: the reason names the rule. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    public URI check(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new Refused("must name a host (and no credentials)");
        }
        if (allowPrivate) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (isPrivate(a)) {
                throw new Refused("host " + uri.getHost() + " resolves to a loopback or private address");
            }
        }
        return uri;
    }

    static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xFE) == 0xFC;
        boolean carrierNat = b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || uniqueLocalV6 || carrierNat;
    }
}
