/// Call keys: the identity of one logical LLM call within a task (architecture, "Checkpoints and
/// the call journal"). Deliberate re-samples differ in `sample`, so they get different keys.
public enum CallKey {
    /// SHA-256 (hex) of the canonical JSON of the task id, step, stage, item index, sample number
    /// and the attempt-independent request body.
    public static func make(
        taskID: String, step: Int, stage: String, item: Int, sample: Int, requestBody: JSONValue
    ) throws -> String {
        let key: JSONValue = .object([
            "task": .string(taskID),
            "step": .int(step),
            "stage": .string(stage),
            "item": .int(item),
            "sample": .int(sample),
            "body": requestBody,
        ])
        return try CanonicalJSON.sha256Hex(key)
    }

    /// SHA-256 (hex) of the canonical JSON of a request body (`JournalEntry.requestHash`).
    public static func requestHash(_ requestBody: JSONValue) throws -> String {
        try CanonicalJSON.sha256Hex(requestBody)
    }
}
