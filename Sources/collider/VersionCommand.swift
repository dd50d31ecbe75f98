import ArgumentParser
import CCurl
import CZeroMQ

/// collider's version and the versions of the C libraries it was linked against.
enum ColliderVersion {
    static let number = "0.1.0"

    static var description: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        let curl = curl_version().map { String(cString: $0) } ?? "libcurl (unknown)"
        return "collider \(number) (libzmq \(major).\(minor).\(patch), \(curl))"
    }
}

/// `collider version`: prints what `--version` prints.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print collider's version and its C libraries' versions.")

    func run() {
        print(ColliderVersion.description)
    }
}
