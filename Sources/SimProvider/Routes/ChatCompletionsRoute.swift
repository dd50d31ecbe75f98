import Foundation
import HTTPTypes
import Hummingbird

/// `POST /v1/chat/completions`: authenticate, parse, generate the content (a pure function of the
/// body, role and seed), pass the rate limits, wait the simulated latency, then answer or fail.
struct ChatCompletionsRoute: Sendable {
    let state: SimServerState

    private static let roleField = HTTPField.Name(SimRole.headerName)!

    func handle(_ request: Request, context: SimRequestContext) async throws -> Response {
        state.stats.begin()
        var status: Int?
        defer { state.stats.end(status: status) }
        guard let response = try await answer(request, context: context) else {
            // The connection was reset on purpose; Hummingbird's write of this response fails quietly.
            return Response(status: .internalServerError)
        }
        status = response.status.code
        return response
    }

    /// The response, or nil when a fault dropped the connection instead.
    private func answer(_ request: Request, context: SimRequestContext) async throws -> Response? {
        let options = state.options
        if let key = options.apiKey, request.headers[.authorization] != "Bearer \(key.value)" {
            return .openAIError(.unauthorized, message: "Incorrect API key provided.", type: "invalid_request_error")
        }
        let chat: ChatRequest
        do {
            chat = try ChatRequest(data: Data(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
        } catch let error as InvalidRequest {
            return .openAIError(.badRequest, message: error.message, type: "invalid_request_error")
        }
        let role: SimRole
        if let header = request.headers[Self.roleField] {
            guard let named = SimRole(rawValue: header.trimmingCharacters(in: CharacterSet.whitespaces).lowercased()) else {
                return .openAIError(
                    .badRequest, message: "Unknown \(SimRole.headerName) '\(header)'.", type: "invalid_request_error")
            }
            role = named
        } else {
            role = SimRole.infer(from: chat.prompt)
        }
        state.stats.count(role: role)

        let key = try RequestKey(body: chat.body, role: role, seed: options.seed)
        let content = ReplyGenerator.content(
            role: role, prompt: chat.prompt, key: key, malformedRate: options.malformedRate)
        let promptTokens = TokenCount.of(chat.prompt)
        let completionTokens = TokenCount.of(content)
        let decision = state.admit(tokens: promptTokens + completionTokens)
        guard decision.admitted else {
            let seconds = max(1, Int(decision.retryAfter.rounded(.up)))
            return .openAIError(
                .tooManyRequests, message: "Rate limit reached (simulated); retry after \(seconds) s.",
                type: "rate_limit_exceeded", headers: [("Retry-After", String(seconds))] + decision.headers)
        }

        let attempt = state.attempts.next(for: key)
        var latencyRNG = key.stream("latency:\(attempt)")
        let delay = state.latency.sample(using: &latencyRNG)
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }

        let completion = ChatCompletion(
            id: "chatcmpl-\(key.hex)", model: chat.model, content: content,
            promptTokens: promptTokens, completionTokens: completionTokens)
        guard let fault = Fault.decide(key: key, attempt: attempt, rate: options.faultRate) else {
            state.stats.addUsage(prompt: promptTokens, completion: completionTokens)
            return .json(.ok, encoding: completion, headers: decision.headers)
        }
        state.stats.record(fault)
        return await FaultResponder.respond(
            to: fault, completion: completion, headers: decision.headers, context: context, state: state)
    }
}
