/// A chat model behind some transport: the concrete libcurl client, a journal replay, or a test
/// double. The pipeline depends on this protocol only.
public protocol LLM: Sendable {
    /// Sends one request (with whatever retries the implementation applies) and returns the reply,
    /// or an error that says which endpoint, role and call failed and why.
    func complete(_ request: LLMRequest) async throws(LLMError) -> LLMReply
}
