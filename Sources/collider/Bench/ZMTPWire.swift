/// The bytes of ZMTP 3.1 (RFC 37) a DEALER with the NULL mechanism writes and reads: the
/// greeting, the READY and PING/PONG commands, and message frames. `ZMTPDealers` speaks it.
enum ZMTPWire {
    /// A client's greeting: signature, version 3.1, mechanism NULL, not a server.
    static let greeting: [UInt8] = {
        var bytes: [UInt8] = [0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 3, 1]
        bytes += Array("NULL".utf8) + [UInt8](repeating: 0, count: 16)
        bytes.append(0)
        bytes += [UInt8](repeating: 0, count: 31)
        return bytes
    }()
    static let greetingSize = 64

    /// Frame flags.
    private static let long: UInt8 = 0x02
    private static let command: UInt8 = 0x04

    /// A PING with no TTL and no context, as a DEALER without `ZMQ_HEARTBEAT_TTL` sends.
    static let ping: [UInt8] = commandFrame(name: "PING", data: [0, 0])

    /// The READY command of a DEALER whose routing id is `routingID`.
    static func ready(routingID: [UInt8]) -> [UInt8] {
        commandFrame(name: "READY", data: property("Socket-Type", Array("DEALER".utf8)) + property("Identity", routingID))
    }

    /// The header of a final (single-frame) message of `size` bytes.
    static func messageHeader(size: Int) -> [UInt8] { header(flags: 0, size: size) }

    /// The frame that starts at `offset` in `bytes`, once all of it is there: where its body
    /// starts, its size, and whether it is a command.
    static func frame(in bytes: [UInt8], at offset: Int) -> (start: Int, size: Int, isCommand: Bool)? {
        guard offset + 2 <= bytes.count else { return nil }
        let flags = bytes[offset]
        var size: Int
        let start: Int
        if flags & long != 0 {
            guard offset + 9 <= bytes.count else { return nil }
            size = 0
            for byte in bytes[(offset + 1)..<(offset + 9)] { size = size << 8 | Int(byte) }
            start = offset + 9
        } else {
            size = Int(bytes[offset + 1])
            start = offset + 2
        }
        guard size >= 0, start + size <= bytes.count else { return nil }
        return (start, size, flags & command != 0)
    }

    /// How many bytes of `bytes` the server's greeting and READY take, once both are there; nil
    /// before. Throws when the server speaks another protocol, another mechanism, or refuses.
    static func handshake(in bytes: [UInt8], of worker: String) throws -> Int? {
        guard bytes.count >= greetingSize else { return nil }
        guard bytes[0] == 0xFF, bytes[9] == 0x7F, bytes[10] >= 3 else {
            throw ZMTPError(worker: worker, problem: "the peer's greeting is not ZMTP 3")
        }
        guard bytes[12..<16].elementsEqual("NULL".utf8), bytes[16] == 0 else {
            throw ZMTPError(worker: worker, problem: "the peer asks for a security mechanism other than NULL (CURVE?)")
        }
        guard let frame = frame(in: bytes, at: greetingSize) else { return nil }
        let body = bytes[frame.start..<(frame.start + frame.size)]
        guard frame.isCommand, let name = commandName(body) else {
            throw ZMTPError(worker: worker, problem: "the peer sent a message before its READY")
        }
        switch name {
        case "READY":
            return frame.start + frame.size
        case "ERROR":
            throw ZMTPError(worker: worker, problem: "the peer refused: \(String(decoding: body.dropFirst(7), as: UTF8.self))")
        default:
            throw ZMTPError(worker: worker, problem: "the peer sent \(name) instead of READY")
        }
    }

    /// The PONG answering `body` when it is a PING command's (echoing its context); nil for any
    /// other command.
    static func pong(answering body: ArraySlice<UInt8>) -> [UInt8]? {
        guard commandName(body) == "PING", body.count >= 7 else { return nil }
        return commandFrame(name: "PONG", data: Array(body.dropFirst(7)))
    }

    private static func commandName(_ body: ArraySlice<UInt8>) -> String? {
        guard let length = body.first, body.count > Int(length) else { return nil }
        let start = body.startIndex + 1
        return String(decoding: body[start..<(start + Int(length))], as: UTF8.self)
    }

    private static func commandFrame(name: String, data: [UInt8]) -> [UInt8] {
        let body = [UInt8(name.utf8.count)] + Array(name.utf8) + data
        return header(flags: command, size: body.count) + body
    }

    /// A final frame's flags and size: one size byte up to 255, else the long form's eight.
    private static func header(flags: UInt8, size: Int) -> [UInt8] {
        size <= 255 ? [flags, UInt8(size)] : [flags | long] + bigEndian(UInt64(size))
    }

    private static func property(_ name: String, _ value: [UInt8]) -> [UInt8] {
        [UInt8(name.utf8.count)] + Array(name.utf8) + Array(bigEndian(UInt64(value.count)).suffix(4)) + value
    }

    private static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

/// A simulated worker's ZMTP handshake failed.
struct ZMTPError: Error, CustomStringConvertible {
    var worker: String
    var problem: String

    var description: String { "worker \(worker): \(problem)" }
}
