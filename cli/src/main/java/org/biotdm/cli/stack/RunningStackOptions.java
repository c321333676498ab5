package org.biotdm.cli.stack;

import java.nio.file.Path;
import java.util.Optional;
import org.biotdm.cli.Home;
import picocli.CommandLine.Option;

/**
 * The option of commands that work with a stack running in another terminal ({@code verify}, {@code load}): its data
 * directory, where {@code stack.properties} says where it listens. A picocli mixin.
 */
public final class RunningStackOptions {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The running stack's data directory (default: data/ in the project).")
    Path dataDir;

    /**
     * Returns the data directory, relative paths taken from the working directory.
     *
     * @return {@code --data-dir}, else {@code data/} of the project ({@link Home#detect()})
     */
    public DataDir dataDir() {
        return new DataDir(dataDir == null ? Home.detect().defaultDataDir() : dataDir);
    }

    /**
     * Returns the data directory as given on the command line.
     *
     * @return the path, empty without {@code --data-dir}
     */
    public Optional<Path> given() {
        return Optional.ofNullable(dataDir);
    }

    /**
     * Returns the stack running on the data directory.
     *
     * @return what {@code stack.properties} says, empty when no stack runs there
     */
    public Optional<StackInfo> running() {
        return StackInfo.read(dataDir()).filter(StackInfo::alive);
    }
}
