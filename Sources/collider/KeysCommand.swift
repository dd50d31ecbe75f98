import ArgumentParser
import ColliderTransport
import Foundation

/// `collider keys generate --out DIR [--name NAME] [--force]`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make CURVE key pairs for the coordinator and the workers.",
        subcommands: [KeysGenerateCommand.self])
}

/// Writes a fresh CURVE key pair as `NAME.pub` and `NAME.key` (mode 0600).
struct KeysGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a new CURVE key pair: DIR/NAME.pub (public) and DIR/NAME.key (secret, mode 0600).",
        discussion: """
            Run it once for the coordinator and once per worker host. The coordinator gets its own \
            NAME.key (--curve-secret-key) and a directory holding every worker's .pub (--allow-keys); \
            each worker gets its own NAME.key (--curve-keypair) and the coordinator's .pub \
            (--curve-server-key). Only .pub files ever leave the host they were made for. Prints the \
            file paths and the public key, never the secret one.
            """)

    @Option(help: "The directory to write the key files into (created if missing).")
    var out: String

    @Option(help: "The file name stem, e.g. the host name of a worker.")
    var name = "coordinator"

    @Flag(help: "Replace existing key files of that name (whoever holds the old key is locked out).")
    var force = false

    func validate() throws {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw ValidationError("--name must be a plain file name stem (no '/', not starting with '.'), got '\(name)'.")
        }
    }

    func run() throws {
        let directory = URL(fileURLWithPath: out)
        let pair = try CurveKeys.generate()
        do {
            try CurveKeys.write(pair, name: name, to: directory, replacing: force)
        } catch let error as CurveKeyFileError {
            let exists = !force && FileManager.default.fileExists(atPath: error.path)
            printError("\(error)" + (exists ? "; pass --force to replace it, or choose another --name." : "."))
            throw ExitCode(2)
        }
        print("public key  \(pair.publicKey)")
        print("public file \(directory.appending(path: name + ".pub").path)")
        print("secret file \(directory.appending(path: name + ".key").path) (mode 0600; keep it on this host)")
    }
}
