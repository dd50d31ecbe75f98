import ColliderCore
import Synchronization

/// A deterministic `LLM` for tests: it answers from the request's role and prompt alone, so the
/// same request gets the same reply in any order and under any concurrency, and it records every
/// request.
///
/// Default replies: task calls get fenced JSON with a score in the scale for each criterion the
/// prompt lists under `## Instructions:` (chosen by hashing the prompt); loss calls a short
/// critique; gradient calls three paragraphs; optimizer calls a JSON object of instructions when
/// the prompt asks for `{"instructions": …}` and plain text otherwise; judge calls `7`. A
/// `responder` can override any reply: it returns the reply, nil for the default, or throws.
public final class ScriptedLLM: LLM {
    /// Returns a reply for the request, nil to use the default, or throws an `LLMError`.
    public typealias Responder = @Sendable (LLMRequest) throws(LLMError) -> String?

    /// Every criterion the scripted model may be asked about, in prompt order.
    public let criteria: [String]
    public let scale: Scale
    private let responder: Responder?
    private let log = Mutex<[LLMRequest]>([])

    public init(criteria: [String], scale: Scale = Scale(min: 1, max: 5), responder: Responder? = nil) {
        self.criteria = criteria
        self.scale = scale
        self.responder = responder
    }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMReply {
        log.withLock { $0.append(request) }
        let content = try responder?(request) ?? defaultReply(for: request)
        let usage = Usage(promptTokens: request.prompt.utf8.count / 4, completionTokens: content.utf8.count / 4)
        let attempt = AttemptRecord(status: 200, failure: nil, latencySeconds: 0, usage: usage, dollars: 0)
        return LLMReply(content: content, usage: usage, attempts: [attempt])
    }

    /// Every request so far, in arrival order.
    public var requests: [LLMRequest] {
        log.withLock { $0 }
    }

    /// Requests so far by role.
    public var counts: CallCounts {
        requests.reduce(into: CallCounts()) { counts, request in
            switch request.role {
            case .task: counts.task += 1
            case .loss: counts.loss += 1
            case .gradient: counts.gradient += 1
            case .optimizer: counts.optimizer += 1
            case .judge: counts.judge += 1
            }
        }
    }

    /// The reply the scripted model gives `request` when the responder does not override it.
    public func defaultReply(for request: LLMRequest) -> String {
        let digest = SHA256Hex.of(request.prompt)
        switch request.role {
        case .task:
            let asked = criteria.filter { request.prompt.contains("\n- \($0): ") }
            let fields = asked.map { "\"\($0)\": \(score(digest + $0))" }.joined(separator: ", ")
            return "```json\n{\(fields)}\n```"
        case .loss:
            return "The prediction misses the ground truth; look again at the summary (\(digest.prefix(6)))."
        case .gradient:
            return """
                The instruction is short and clear, which works (\(digest.prefix(6))).

                It does not say what each score means, so the predictions drift.

                Describe each score level and keep the short form.
                """
        case .optimizer:
            let revision = "Rate with care, revision \(digest.prefix(6))."
            let asked = criteria.filter { request.prompt.contains("\"\($0)\": \"...\"") }
            guard !asked.isEmpty else { return revision }
            let fields = asked.map { "\"\($0)\": \"\($0): \(revision)\"" }.joined(separator: ", ")
            return "```json\n{\"instructions\": {\(fields)}}\n```"
        case .judge:
            return "7"
        }
    }

    /// A score in the scale chosen by a hash of `seed`.
    private func score(_ seed: String) -> Int {
        let value = Int(UInt32(SHA256Hex.of(seed).prefix(8), radix: 16) ?? 0)
        return scale.min + value % (scale.max - scale.min + 1)
    }
}
