
/// One chat-completion request: a single user message sent to one endpoint for one role.
public struct LLMRequest: Sendable, Equatable {
    /// The pipeline role making the call; sent as `X-Collider-Role`.
    public var role: Role
    /// The attempt-independent call key (`CallKey.make`); sent as `X-Collider-Call`, keys the journal.
    public var callKey: String
    /// The task the call belongs to, for cost accounting; empty when there is none.
    public var taskID: String
    /// Name of an entry in the sweep's `endpoints`.
    public var endpoint: String
    /// The model name sent as `model`; also the key of its price.
    public var model: String
    /// The whole prompt, sent as the only (user) message.
    public var prompt: String
    /// Sampling temperature, sent as is.
    public var temperature: Double
    /// Completion budget, sent as `max_tokens`.
    public var maxTokens: Int
    /// Sent as `seed` when set.
    public var seed: Int?
    /// Fields merged into the request body, overriding the standard ones on a clash.
    public var extraBody: [String: JSONValue]
    /// Whole-request timeout per attempt.
    public var timeoutSeconds: Double
    /// Connection-setup timeout per attempt.
    public var connectTimeoutSeconds: Double

    public init(
        role: Role, callKey: String, taskID: String = "", endpoint: String, model: String, prompt: String,
        temperature: Double, maxTokens: Int, seed: Int? = nil, extraBody: [String: JSONValue] = [:],
        timeoutSeconds: Double, connectTimeoutSeconds: Double = 10
    ) {
        self.role = role
        self.callKey = callKey
        self.taskID = taskID
        self.endpoint = endpoint
        self.model = model
        self.prompt = prompt
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.seed = seed
        self.extraBody = extraBody
        self.timeoutSeconds = timeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// The JSON body sent to `POST /chat/completions`. It holds nothing attempt-specific, so its
    /// canonical hash identifies the request across retries and resumes.
    public var body: JSONValue {
        var fields: [String: JSONValue] = [
            "model": .string(model),
            "messages": .array([.object(["role": .string("user"), "content": .string(prompt)])]),
            "temperature": .double(temperature),
            "max_tokens": .int(maxTokens),
        ]
        if let seed { fields["seed"] = .int(seed) }
        fields.merge(extraBody) { _, extra in extra }
        return .object(fields)
    }

    /// A rough token count before sending, for rate limiting: four characters per prompt token plus
    /// the completion budget. Reconciled with the actual usage once the reply is in.
    public var estimatedTokens: Int {
        prompt.utf8.count / 4 + 8 + maxTokens
    }
}
