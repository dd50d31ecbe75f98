import ColliderCore
import Foundation
import Testing

@testable import ColliderLLM

struct SecretTests {
    private let value = "sk-test-1234567890abcdef"

    @Test func printsAsStars() {
        let secret = Secret(value)
        #expect(secret.description == "***")
        #expect(secret.debugDescription == "***")
        #expect("\(secret)" == "***")
        #expect(String(reflecting: secret) == "***")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains(value))
        #expect(!"\(Optional(secret) as Any)".contains(value))
    }

    @Test func comesOnlyFromTheNamedVariable() {
        #expect(Secret.fromEnvironment("KEY", in: ["KEY": value]) == Secret(value))
        #expect(Secret.fromEnvironment("KEY", in: ["OTHER": value]) == nil)
        #expect(Secret.fromEnvironment("KEY", in: ["KEY": ""]) == nil)
    }

    @Test func redactsEveryOccurrence() {
        let secret = Secret(value)
        #expect(
            secret.redact("Incorrect API key provided: \(value). Header was 'Bearer \(value)'")
                == "Incorrect API key provided: ***. Header was 'Bearer ***'")
    }

    @Test func errorDescriptionsNeverHoldTheKey() {
        let request = LLMRequest(
            role: .loss, callKey: "c1", endpoint: "main", model: "m", prompt: "p", temperature: 0, maxTokens: 1,
            timeoutSeconds: 1)
        let message = Secret(value).redact("denied for \(value)")
        let error = LLMError(.config, message, request: request, status: 401)
        #expect(!error.description.contains(value))
        #expect(error.description.contains("endpoint 'main'"))
        #expect(error.description.contains("role loss"))
        #expect(error.description.contains("call c1"))
    }
}
