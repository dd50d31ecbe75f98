import Glibc

/// A TCP socket bound to 127.0.0.1 on a port the kernel picks, not listening yet. The loopback
/// server listens on one; held open and never listening, it refuses every connection to its port
/// and keeps any other socket (another test's server) from taking the port.
struct LoopbackSocket {
    let descriptor: Int32
    let port: UInt16

    init() throws(POSIXError) {
        let descriptor = try posixCall("socket") { socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0) } ?? -1
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer throws(POSIXError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw throws(POSIXError) in
                try posixCall("bind") { bind(descriptor, raw, length) }
                try posixCall("getsockname") { getsockname(descriptor, raw, &length) }
            }
        }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { Glibc.close(descriptor) }
}
