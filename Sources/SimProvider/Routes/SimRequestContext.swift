import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the connection's channel, which the
/// `hang` and `reset` faults act on directly.
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The TCP connection the request came in on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Optimizer prompts reach ~31,000 characters (reference §1.8); leave ample room.
    var maxUploadSize: Int { 16 * 1024 * 1024 }
}
