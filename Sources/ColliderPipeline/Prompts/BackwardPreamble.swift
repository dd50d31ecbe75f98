import ColliderCore

/// The framing that opens every loss and gradient prompt (reference §1.3): the model is the
/// feedback engine of an optimization system, criticizes without rewriting, says what already
/// works, and gets a glossary of the tags the prompt uses. The wording is collider's own.
enum BackwardPreamble {
    static let text = """
        You are the feedback engine of an optimization system that improves text step by step. \
        Your only job is to give critical, specific feedback on a variable: explain how it could \
        be improved and which strategies would help. Do not write a new version of the variable \
        yourself; another component does that from your feedback.

        Feedback can take shapes such as: pointing out a known failure mode of language models \
        that the variable triggers; suggesting that something be added; suggesting that something \
        be removed; suggesting that something be changed into something else.

        When the variable already does its job well, say so and explain what works, so that the \
        next version keeps it.

        The prompt below uses these tags:
        - <LM_SYSTEM_PROMPT>: the system prompt given to the language model.
        - <LM_INPUT>: the input the language model received.
        - <LM_OUTPUT>: what the language model produced.
        - <OBJECTIVE_FUNCTION>: the goal the feedback must serve.
        - <VARIABLE>: the span of text you give feedback on.
        - <ROLE>: what the variable is and what it does in the system.
        """
}

/// The framing that opens every optimizer prompt (reference §1.5, TextGrad's TGD step): improve
/// the variable using the feedback, which may be noisy, paying attention to its role and context.
enum OptimizerPreamble {
    static let text = """
        You are part of an optimization system that improves a text variable. You will receive \
        feedback on the current variable; use it to write an improved version. The feedback may \
        be noisy: keep what is important and correct, and ignore the rest. Pay attention to the \
        role of the variable and to the context in which it is used.
        """
}
