import ColliderCore

extension Price {
    /// Dollars for `usage`, cached prompt tokens at the cached rate.
    public func dollars(for usage: Usage) -> Double {
        dollars(
            inputTokens: usage.promptTokens, cachedInputTokens: usage.cachedTokens,
            outputTokens: usage.completionTokens)
    }
}
