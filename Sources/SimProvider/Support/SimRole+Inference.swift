extension SimRole {
    /// The role of a request that carries no `X-Collider-Role` header, guessed from the prompt's
    /// landmarks (reference §1.3–§1.5, §2.2, §8.4), so a plain OpenAI client still gets sensible
    /// answers: the optimizer's `<VARIABLE>`+improve request, the task prompt's `## Response:`,
    /// the gradient's three paragraphs, the loss's `<OBJECTIVE_FUNCTION>`, the judge's 1–10 rating.
    static func infer(from prompt: String) -> SimRole {
        let lower = prompt.lowercased()
        if lower.contains("<variable>"), lower.contains("improve") { return .optimizer }
        if prompt.contains("## Response:") { return .task }
        if lower.contains("3 paragraphs") || lower.contains("three paragraphs") { return .gradient }
        if prompt.contains("<OBJECTIVE_FUNCTION>") { return .loss }
        if lower.contains("1-10") || lower.contains("1–10") || lower.contains("1 to 10") { return .judge }
        return .task
    }
}
