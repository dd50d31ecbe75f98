import ColliderCore
import ColliderLLM
import ColliderPipeline
import ColliderRunner
import Foundation

/// JSON for the opaque payloads of the wire messages.
enum WireCoding {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: data)
    }

    /// The failure class of `error` and whether another attempt may succeed.
    static func classify(_ error: any Error) -> (FailureClass, retryable: Bool) {
        switch error {
        case let error as LLMError: (error.failure, error.failure == .infra || error.failure == .model)
        case let error as DataShippingError: error.failure
        case is RunError, is TaskExecutionError: (.config, false)
        case is DecodingError: (.bug, false)
        default: (.infra, true)
        }
    }
}

/// `RESULT`'s summary document.
struct ResultDocument: Codable {
    var taskID: String
    var calls: CallCounts
    var sentCalls: Int
    var replayedCalls: Int
    var dollars: Double
    var promptTokens: Int
    var completionTokens: Int

    init(_ outcome: TaskOutcome) {
        taskID = outcome.taskID
        calls = outcome.stats.calls
        sentCalls = outcome.sentCalls
        replayedCalls = outcome.replayedCalls
        dollars = outcome.stats.dollars
        promptTokens = outcome.stats.promptTokens
        completionTokens = outcome.stats.completionTokens
    }
}
