/// The pipeline role a request plays, read from the `X-Collider-Role` header.
public enum SimRole: String, Sendable, CaseIterable, Codable {
    /// The task (judge-under-optimization) LLM: scores a sample per criterion.
    case task
    /// The loss LLM: critiques a prediction.
    case loss
    /// The gradient LLM: three paragraphs of feedback on the instructions.
    case gradient
    /// The optimizer LLM: rewrites the instructions.
    case optimizer
    /// The diagnostics judge: a single integer 1–10.
    case judge

    /// The header that carries the role.
    public static let headerName = "X-Collider-Role"
}
