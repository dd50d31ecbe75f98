import CZeroMQ

extension IOSockets {
    /// Creates a context and a socket of `kind` with `options`, plus the ZAP handler `makeZAP`
    /// returns (created first, so that it is in place before any handshake), the handshake
    /// monitor `makeMonitor` returns and the disconnect monitor `makeDisconnects` returns, then `attach`es the socket (bind or connect). On the I/O
    /// thread. If any step fails, everything created so far is closed again. Returns the sockets
    /// and the socket's `ZMQ_LAST_ENDPOINT`.
    static func open(
        kind: CInt, options: [SocketOption],
        makeZAP: (ZMQContext) throws(ZMQError) -> ZAPHandler?,
        makeMonitor: (ZMQContext, ZMQSocket) throws(ZMQError) -> HandshakeMonitor? = { _, _ in nil },
        makeDisconnects: (ZMQContext, ZMQSocket) throws(ZMQError) -> DisconnectMonitor? = { _, _ in nil },
        attach: (ZMQSocket) throws(ZMQError) -> Void
    ) throws(ZMQError) -> (IOSockets, String) {
        let context = try ZMQContext()
        var zap: ZAPHandler?
        var monitor: HandshakeMonitor?
        var disconnects: DisconnectMonitor?
        var socket: ZMQSocket?
        do {
            zap = try makeZAP(context)
            let opened = try ZMQSocket(context: context, kind: kind)
            socket = opened
            for option in options { try opened.set(option) }
            monitor = try makeMonitor(context, opened)
            disconnects = try makeDisconnects(context, opened)
            try attach(opened)
            return (
                IOSockets(
                    context: context, socket: opened, zap: zap, monitor: monitor, disconnects: disconnects), try opened.lastEndpoint()
            )
        } catch {
            zap?.close()
            monitor?.close()
            disconnects?.close()
            socket?.close()
            context.terminate()
            throw error
        }
    }
}
