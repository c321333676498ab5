package org.biotdm.gateway.alert;

import java.util.Optional;

/** How a threshold rule compares a reading's value with its threshold. */
public enum Comparison {
    /** {@code >}. */
    GT(">"),
    /** {@code >=}. */
    GE(">="),
    /** {@code <}. */
    LT("<"),
    /** {@code <=}. */
    LE("<="),
    /** {@code ==}. */
    EQ("=="),
    /** {@code !=}. */
    NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /**
     * Returns the operator as written in rules.
     *
     * @return {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==} or {@code !=}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Tells whether a value satisfies {@code value <op> threshold}. NaN never matches.
     *
     * @param value the reading's value
     * @param threshold the rule's threshold
     * @return true when the comparison holds
     */
    public boolean test(double value, double threshold) {
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }

    /**
     * Parses an operator.
     *
     * @param symbol the operator text
     * @return the comparison, or empty when the text is none of the six operators
     */
    public static Optional<Comparison> parse(String symbol) {
        for (Comparison comparison : values()) {
            if (comparison.symbol.equals(symbol)) {
                return Optional.of(comparison);
            }
        }
        return Optional.empty();
    }
}
