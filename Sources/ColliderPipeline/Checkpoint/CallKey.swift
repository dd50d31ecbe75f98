import ColliderCore

/// Where a call sits in a run: with the request body it determines the call key.
struct CallSite: Sendable, Hashable, Codable {
    /// The stage that makes the call.
    enum Stage: String, Sendable, Hashable, Codable {
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

    var step: Int
    var stage: Stage
    /// The row id of the item, or 0 for a call about no single item (an optimizer call).
    var item: Int
    /// The criterion of a per-criterion call; nil otherwise.
    var criterion: String?
    /// 0 for the first sample, 1… for re-samples.
    var sample: Int

    init(step: Int, stage: Stage, item: Int, criterion: String? = nil, sample: Int = 0) {
        self.step = step
        self.stage = stage
        self.item = item
        self.criterion = criterion
        self.sample = sample
    }
}

/// Call keys (architecture.md): SHA-256 of the canonical JSON of the task id, step, stage, item,
/// sample number and the request body, in the same shape as ColliderLLM's `CallKey.make` (the
/// pipeline cannot import that target). A per-criterion call's stage is `stage/criterion`. The
/// same prompt evaluated again at a later step, or re-sampled, gets a different key.
enum CallKey {
    /// The key of a call of task `taskID` at `site` whose request body is `body`.
    static func make(taskID: String, site: CallSite, body: JSONValue) -> String {
        let key: JSONValue = .object([
            "task": .string(taskID),
            "step": .int(site.step),
            "stage": .string(site.criterion.map { "\(site.stage.rawValue)/\($0)" } ?? site.stage.rawValue),
            "item": .int(site.item),
            "sample": .int(site.sample),
            "body": body,
        ])
        // Encoding a JSON value of strings and finite numbers cannot fail.
        // swiftlint:disable:next force_try
        return try! CanonicalJSON.sha256Hex(key)
    }

    /// The `seed` sent with a call: 31 bits of a hash of the task id and the call site, so each
    /// call (each re-sample too) has its own and a replayed run sends the same ones.
    static func seed(taskID: String, site: CallSite) -> Int {
        // Encoding strings and integers cannot fail.
        // swiftlint:disable:next force_try
        let digest = try! CanonicalJSON.sha256Hex([taskID: site])
        return Int(UInt32(digest.prefix(8), radix: 16) ?? 0) & 0x7FFF_FFFF
    }
}
