import ArgumentParser
import ColliderCore
import ColliderTransport
import Foundation

/// Writes `message` to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
}

/// Runs `body`; bad user input (config, data, splits) is printed to standard error in full and
/// ends the command with exit status 2, having written nothing.
func exitingOnBadInput<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ConfigError {
        printError(error.description)
    } catch let error as DatasetError {
        printError(error.description)
    } catch let error as SplitError {
        printError(error.description)
    }
    throw ExitCode(2)
}

/// Runs `body`; a CURVE key file or allow-list that is not what it should be is printed to
/// standard error and ends the command with exit status 2.
func exitingOnBadKeys<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CurveKeyFileError {
        printError("\(error)")
        throw ExitCode(2)
    }
}

/// Loads and validates a sweep config, printing its warnings to standard error.
func loadConfig(_ path: String, purpose: ConfigPurpose) throws -> LoadedConfig {
    let loaded = try exitingOnBadInput {
        try ConfigLoader.load(path: path, environment: ProcessInfo.processInfo.environment, purpose: purpose)
    }
    for warning in loaded.warnings { printError("warning: \(warning)") }
    return loaded
}

/// Whether standard output is a terminal that wants colour (honours NO_COLOR).
var stdoutWantsColor: Bool {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}
