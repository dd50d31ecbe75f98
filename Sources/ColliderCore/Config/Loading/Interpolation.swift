/// `${VAR}` expansion of config strings.
///
/// - `${VAR}` is the value of the environment variable `VAR`; unset is a failure.
/// - `${VAR:-default}` is `default` when `VAR` is unset or empty (as in the shell); the default is
///   taken literally up to the first `}`.
/// - `$$` is one `$`. Any other `$` stays as it is.
/// - Variables that hold API keys (named by an endpoint's `api_key_env`) are refused, so a key can
///   never end up in the effective config that is stored with the results.
enum Interpolation {
    /// Why a reference could not be expanded.
    enum Failure: Equatable {
        case undefined(name: String)
        case unterminated
        case invalidName(reference: String)
        case secret(name: String)
    }

    /// The expanded text and every failure; failed references expand to nothing.
    static func expand(
        _ text: String, environment: [String: String], secrets: Set<String>
    ) -> (text: String, failures: [Failure]) {
        guard text.contains("$") else { return (text, []) }
        var output = ""
        var failures: [Failure] = []
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest.index(after: dollar)
            if afterDollar < rest.endIndex, rest[afterDollar] == "$" {
                output += "$"
                rest = rest[rest.index(after: afterDollar)...]
                continue
            }
            guard afterDollar < rest.endIndex, rest[afterDollar] == "{" else {
                output += "$"
                rest = rest[afterDollar...]
                continue
            }
            let bodyStart = rest.index(after: afterDollar)
            guard let close = rest[bodyStart...].firstIndex(of: "}") else {
                failures.append(.unterminated)
                return (output, failures)
            }
            let body = rest[bodyStart..<close]
            rest = rest[rest.index(after: close)...]
            let name: Substring
            let fallback: Substring?
            if let separator = body.range(of: ":-") {
                name = body[..<separator.lowerBound]
                fallback = body[separator.upperBound...]
            } else {
                name = body
                fallback = nil
            }
            guard isVariableName(name) else {
                failures.append(.invalidName(reference: "${\(body)}"))
                continue
            }
            if secrets.contains(String(name)) {
                failures.append(.secret(name: String(name)))
                continue
            }
            if let value = environment[String(name)], !(value.isEmpty && fallback != nil) {
                output += value
            } else if let fallback {
                output += fallback
            } else {
                failures.append(.undefined(name: String(name)))
            }
        }
        output += rest
        return (output, failures)
    }

    /// Whether `name` can name an environment variable: letters, digits and `_`, not starting
    /// with a digit.
    static func isVariableName(_ name: some StringProtocol) -> Bool {
        let digits: ClosedRange<Unicode.Scalar> = "0"..."9"
        guard let first = name.unicodeScalars.first, !digits.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || digits.contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
        }
    }
}

extension Interpolation.Failure {
    /// What went wrong and how to fix it.
    var message: String {
        switch self {
        case .undefined(let name):
            "environment variable \(name) is not set; export it or give a default with ${\(name):-value}"
        case .unterminated:
            #"unterminated "${"; close it with "}" or write "$$" for a literal "$""#
        case .invalidName(let reference):
            #""\#(reference)" is not a valid variable reference; names use letters, digits and "_" and do not start with a digit"#
        case .secret(let name):
            "${\(name)} holds an API key and may not be interpolated; collider reads it through api_key_env when it sends requests"
        }
    }
}
