import ArgumentParser
import ColliderTransport
import Foundation

/// The options of a command that connects to a coordinator which may serve CURVE (`worker`,
/// `status`): the coordinator's public key and this client's key pair, both or neither.
struct CurveClientOptions: ParsableArguments {
    @Option(help: "The coordinator's public key file (its NAME.pub): connect with CURVE. Needs --curve-keypair.")
    var curveServerKey: String?

    @Option(help: "This client's NAME.key (from `collider keys generate`), allowed by the coordinator. Needs --curve-server-key.")
    var curveKeypair: String?

    func validate() throws {
        guard (curveServerKey == nil) == (curveKeypair == nil) else {
            throw ValidationError(
                "--curve-server-key and --curve-keypair go together: the coordinator's .pub and this client's .key.")
        }
    }

    /// The CURVE settings the options name, nil without CURVE; a bad key file ends the command
    /// with exit status 2 and a message naming the file.
    func load() throws -> CurveClientSettings? {
        try exitingOnBadKeys {
            try curveServerKey.map { serverKey in
                try CurveClientSettings.load(
                    serverKeyFile: URL(fileURLWithPath: serverKey), keyPairFile: URL(fileURLWithPath: curveKeypair ?? ""))
            }
        }
    }
}
