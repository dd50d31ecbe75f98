import ColliderCore

/// Where a call sits in a run: with the request body it determines the call key.
public struct CallSite: Sendable, Hashable, Codable {
    /// The stage that makes the call.
    public enum Stage: String, Sendable, Hashable, Codable {
        /// Test-set evaluation.
        case test
        /// The training minibatch's task calls.
        case train
        case loss
        case gradient
        case optimizer
        /// Validation predictions of the incumbent prompt (once, at the first gate call).
        case gateIncumbent = "gate_incumbent"
        /// Validation predictions of the candidate prompt.
        case gateCandidate = "gate_candidate"
        /// A diagnostic's judge call.
        case judge
    }

    public var step: Int
    public var stage: Stage
    /// The row id of the item, or 0 for a call about no single item (an optimizer call).
    public var item: Int
    /// The criterion of a per-criterion call; nil otherwise.
    public var criterion: String?
    /// 0 for the first sample, 1… for re-samples.
    public var sample: Int

    public init(step: Int, stage: Stage, item: Int, criterion: String? = nil, sample: Int = 0) {
        self.step = step
        self.stage = stage
        self.item = item
        self.criterion = criterion
        self.sample = sample
    }
}

/// Call keys (architecture.md): SHA-256 of the canonical JSON of the task id, the call site and
/// the request body without attempt-specific fields (timeouts, the endpoint, the derived seed).
/// The same prompt evaluated again at a later step, or re-sampled, gets a different key.
public enum CallKey {
    struct Body: Encodable {
        var model: String
        var prompt: String
        var temperature: Double
        var maxTokens: Int
        var extraBody: [String: JSONValue]
    }

    struct Identity: Encodable {
        var task: String
        var site: CallSite
        var body: Body
    }

    /// The key of a call of task `taskID` at `site` sending `prompt` (suffix included) with `role`.
    public static func make(taskID: String, site: CallSite, role: RoleConfig, prompt: String) -> String {
        let body = Body(
            model: role.model, prompt: prompt, temperature: role.temperature, maxTokens: role.maxTokens,
            extraBody: role.extraBody)
        // Encoding plain strings, numbers and JSON values cannot fail.
        // swiftlint:disable:next force_try
        return try! CanonicalJSON.sha256Hex(Identity(task: taskID, site: site, body: body))
    }

    /// The `seed` sent with a call: the key's first 31 bits, so each call has its own.
    static func seed(of key: String) -> Int {
        Int(UInt32(key.prefix(8), radix: 16) ?? 0) & 0x7FFF_FFFF
    }
}
