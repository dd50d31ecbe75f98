import ColliderCoordinator
import ColliderTransport
import Foundation
import Logging

/// Asks a running coordinator for its status over a short-lived DEALER of its own: one `STATUS`,
/// one `STATUS_REPLY`. The coordinator never takes it for a worker.
public enum StatusClient {
    /// Why no status came back.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The status of the coordinator at `address` (`tcp://HOST:PORT`), waiting at most `timeout`;
    /// with `curve`, over CURVE as a worker connects (the coordinator must allow its key).
    public static func fetch(
        _ address: String, curve: CurveClientSettings? = nil, timeout: Duration = .seconds(10), logger: Logger
    ) async throws
        -> StatusReport
    {
        let dealer = try await DealerEndpoint(
            DealerEndpoint.Configuration(
                connectAddress: address, routingID: "status-\(UUID().uuidString.prefix(8))", curve: curve,
                reconnectIntervalMilliseconds: 100, reconnectIntervalMaxMilliseconds: 1_000),
            logger: logger)
        do {
            _ = try await dealer.send(.status)
        } catch {
            await dealer.close()
            throw Failure(description: "could not ask \(address): \(error); " + hint(address, curve: curve))
        }
        let reply = await withTaskGroup(of: Data?.self) { group in
            group.addTask {
                for await envelope in dealer.incoming {
                    if case .statusReply(let reply) = envelope.message { return reply.report }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
        await dealer.close()
        guard let reply else {
            throw Failure(description: "no status from \(address) within \(timeout); " + hint(address, curve: curve))
        }
        do {
            return try JSONDecoder().decode(StatusReport.self, from: reply)
        } catch {
            throw Failure(description: "the status from \(address) does not decode: \(error)")
        }
    }

    /// What to check when a coordinator does not answer.
    private static func hint(_ address: String, curve: CurveClientSettings?) -> String {
        curve == nil
            ? "is a coordinator running there (collider coordinator --bind)? If it serves CURVE, pass --curve-server-key and --curve-keypair."
            : "is a coordinator running there, with this key pair's public key in its --allow-keys?"
    }
}
