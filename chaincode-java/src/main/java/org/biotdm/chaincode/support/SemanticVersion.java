package org.biotdm.chaincode.support;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and orders firmware versions by Semantic Versioning 2.0.0 precedence: {@code MAJOR.MINOR.PATCH} with an
 * optional {@code -prerelease}. Build metadata ({@code +…}) is refused, because two versions differing only in it
 * would have equal precedence yet different text.
 */
public final class SemanticVersion implements Comparable<SemanticVersion> {
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})"
            + "(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?");

    private static final int MAX_LENGTH = 64;

    private final String text;
    private final int[] core;
    private final List<String> prerelease;

    private SemanticVersion(final String text, final int[] core, final List<String> prerelease) {
        this.text = text;
        this.core = core;
        this.prerelease = prerelease;
    }

    /**
     * Parses a version.
     *
     * @param field the request field name, for the message
     * @param text the version text, such as {@code 1.4.0} or {@code 2.0.0-rc.1}
     * @return the version
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the text is not a
     *     semantic version without build metadata, or is longer than 64 characters
     */
    public static SemanticVersion parse(final String field, final String text) {
        Check.required(field, text);
        final Matcher matcher = SEMVER.matcher(text);
        if (text.length() > MAX_LENGTH || !matcher.matches()) {
            throw Check.invalid(field, "must be a semantic version MAJOR.MINOR.PATCH[-prerelease]");
        }
        final int[] core = {
            Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))
        };
        final List<String> prerelease = matcher.group(4) == null
                ? List.of()
                : Arrays.asList(matcher.group(4).split("\\."));
        return new SemanticVersion(text, core, List.copyOf(prerelease));
    }

    /**
     * Orders two versions by semantic-version precedence.
     *
     * @param other the other version
     * @return negative, zero or positive as this version is lower, equal or higher
     */
    @Override
    public int compareTo(final SemanticVersion other) {
        final int byCore = Arrays.compare(core, other.core);
        if (byCore != 0) {
            return byCore;
        }
        if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
            return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
        }
        final int shared = Math.min(prerelease.size(), other.prerelease.size());
        for (int i = 0; i < shared; i++) {
            final int byIdentifier = compareIdentifier(prerelease.get(i), other.prerelease.get(i));
            if (byIdentifier != 0) {
                return byIdentifier;
            }
        }
        return Integer.compare(prerelease.size(), other.prerelease.size());
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof SemanticVersion && text.equals(((SemanticVersion) other).text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /**
     * Returns the version text.
     *
     * @return the text as parsed
     */
    @Override
    public String toString() {
        return text;
    }

    private static int compareIdentifier(final String left, final String right) {
        final boolean leftNumeric = left.chars().allMatch(Character::isDigit);
        final boolean rightNumeric = right.chars().allMatch(Character::isDigit);
        if (leftNumeric && rightNumeric) {
            return new BigInteger(left).compareTo(new BigInteger(right));
        }
        if (leftNumeric || rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }
}
