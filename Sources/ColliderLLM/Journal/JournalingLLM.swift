import ColliderCore
import Synchronization

/// An `LLM` that answers from a call journal when it can and records what it had to ask for.
///
/// A request whose call key is in the journal, with the same request hash, is replayed without the
/// network at zero cost. Every other request goes to the wrapped LLM, and its reply becomes a new
/// journal entry, kept in `recorded` and streamed through `newEntries` (for `PROGRESS` messages).
public final class JournalingLLM: LLM {
    private struct Counters {
        var hits = 0
        var misses = 0
        var recorded: [JournalEntry] = []
    }

    private let inner: any LLM
    private let journal: [String: JournalEntry]
    private let counters = Mutex(Counters())
    private let continuation: AsyncStream<JournalEntry>.Continuation
    /// New entries in the order their calls completed; finishes when this object is released.
    public let newEntries: AsyncStream<JournalEntry>

    /// Wraps `inner`, replaying from `journal` (later entries win on a duplicate key).
    public init(wrapping inner: any LLM, journal: [JournalEntry]) {
        self.inner = inner
        self.journal = Dictionary(journal.map { ($0.callKey, $0) }) { _, later in later }
        (newEntries, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    deinit {
        continuation.finish()
    }

    /// Requests answered from the journal.
    public var hits: Int { counters.withLock { $0.hits } }
    /// Requests sent to the wrapped LLM.
    public var misses: Int { counters.withLock { $0.misses } }
    /// Entries recorded so far.
    public var recorded: [JournalEntry] { counters.withLock { $0.recorded } }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMReply {
        let requestHash: String
        do {
            requestHash = try CallKey.requestHash(request.body)
        } catch {
            throw LLMError(.bug, "the request body cannot be encoded: \(error)", request: request)
        }
        if let entry = journal[request.callKey], entry.requestHash == requestHash {
            counters.withLock { $0.hits += 1 }
            return entry.replayedReply
        }
        counters.withLock { $0.misses += 1 }
        let reply = try await inner.complete(request)
        guard !reply.fromJournal else { return reply }
        let entry = JournalEntry(callKey: request.callKey, requestHash: requestHash, reply: reply)
        counters.withLock { $0.recorded.append(entry) }
        continuation.yield(entry)
        return reply
    }
}
