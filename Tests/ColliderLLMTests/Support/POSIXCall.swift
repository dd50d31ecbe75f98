import Glibc

/// A failed POSIX call: the function's name and errno.
struct POSIXError: Error, CustomStringConvertible {
    var function: String
    var code: Int32

    var description: String { "\(function) failed: \(String(cString: strerror(code))) (errno \(code))" }
}

/// Runs a POSIX call that reports failure as -1 with errno: retries `EINTR`, answers nil for
/// `EAGAIN`/`EWOULDBLOCK` ("would block"), and throws everything else naming `function`.
@discardableResult
func posixCall<Result: BinaryInteger>(_ function: String, _ body: () -> Result) throws(POSIXError) -> Result? {
    while true {
        let result = body()
        guard result == -1 else { return result }
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return nil
        case let code: throw POSIXError(function: function, code: code)
        }
    }
}
