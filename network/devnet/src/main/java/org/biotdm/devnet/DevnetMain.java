package org.biotdm.devnet;

/** Placeholder replaced by the command-line entry point. */
public final class DevnetMain {
    private DevnetMain() {}

    public static void main(String[] args) {}
}
