import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle

/// Acts out an injected `Fault` on a request whose reply would otherwise be `completion`.
enum FaultResponder {
    /// The response to send, or nil when the connection was reset instead.
    static func respond(
        to fault: Fault, completion: ChatCompletion, headers: [(String, String)], context: SimRequestContext,
        state: SimServerState
    ) async -> Response? {
        switch fault {
        case .internalError:
            return .openAIError(
                .internalServerError, message: "The server had an error (simulated).", type: "server_error")
        case .unavailable:
            return .openAIError(
                .serviceUnavailable, message: "The engine is overloaded (simulated).", type: "server_error")
        case .truncatedBody:
            let body = (try? JSONEncoder.plain.encode(completion)) ?? Data()
            state.stats.addUsage(prompt: completion.usage.promptTokens, completion: completion.usage.completionTokens)
            return .json(.ok, body.prefix(body.count / 2), headers: headers)
        case .emptyContent:
            var empty = completion
            empty.choices[0].message.content = ""
            empty.usage.completionTokens = 0
            empty.usage.totalTokens = empty.usage.promptTokens
            state.stats.addUsage(prompt: empty.usage.promptTokens, completion: 0)
            return .json(.ok, encoding: empty, headers: headers)
        case .hang:
            await hang(on: context.channel, limit: state.options.hangLimit)
            await reset(context.channel)
            return nil
        case .reset:
            await reset(context.channel)
            return nil
        }
    }

    /// Waits until the client closes the connection, the server shuts down, or `limit` passes.
    private static func hang(on channel: any Channel, limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, channel.isActive, !Task.isCancelled, !Task.isShuttingDownGracefully {
            if await peerHasClosed(channel) { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Whether the client has sent its FIN. Hummingbird allows remote half-closure, so the channel
    /// stays active after a client gives up; on Linux the TCP state (`CLOSE_WAIT`) tells. Elsewhere
    /// the hang lasts until the limit or shutdown.
    private static func peerHasClosed(_ channel: any Channel) async -> Bool {
        #if os(Linux)
            guard let socket = channel as? any SocketOptionProvider,
                let info = try? await socket.getTCPInfo().get()
            else { return false }
            return Int(info.tcpi_state) == TCP_CLOSE_WAIT
        #else
            return false
        #endif
    }

    /// Closes the connection with a TCP RST: `SO_LINGER` with a zero timeout makes `close` abort
    /// the connection instead of the orderly FIN handshake, so the client sees "connection reset".
    private static func reset(_ channel: any Channel) async {
        if let socket = channel as? any SocketOptionProvider {
            try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }
}
