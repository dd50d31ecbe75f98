import ColliderCore
import Foundation

/// The rate-limit hints of one response: `Retry-After` (seconds or an HTTP-date), `retry-after-ms`,
/// and the `x-ratelimit-remaining-*` / `x-ratelimit-reset-*` family. All durations are seconds from
/// the moment the response arrived.
public struct RateLimitHeaders: Sendable, Equatable {
    /// `retry-after-ms`, else `Retry-After`.
    public var retryAfterSeconds: Double?
    /// `x-ratelimit-remaining-requests` (or `x-ratelimit-remaining`).
    public var remainingRequests: Int?
    /// `x-ratelimit-remaining-tokens`.
    public var remainingTokens: Int?
    /// `x-ratelimit-reset-requests` (or `x-ratelimit-reset`).
    public var resetRequestsSeconds: Double?
    /// `x-ratelimit-reset-tokens`.
    public var resetTokensSeconds: Double?
    /// `x-ratelimit-limit-requests` (or `x-ratelimit-limit`): the requests-per-minute limit.
    public var limitRequests: Int?
    /// `x-ratelimit-limit-tokens`: the tokens-per-minute limit.
    public var limitTokens: Int?

    public init(
        retryAfterSeconds: Double? = nil, remainingRequests: Int? = nil, remainingTokens: Int? = nil,
        resetRequestsSeconds: Double? = nil, resetTokensSeconds: Double? = nil, limitRequests: Int? = nil,
        limitTokens: Int? = nil
    ) {
        self.retryAfterSeconds = retryAfterSeconds
        self.remainingRequests = remainingRequests
        self.remainingTokens = remainingTokens
        self.resetRequestsSeconds = resetRequestsSeconds
        self.resetTokensSeconds = resetTokensSeconds
        self.limitRequests = limitRequests
        self.limitTokens = limitTokens
    }

    /// Reads `headers` (names lower-case); `wallNow` resolves HTTP-dates and epoch timestamps.
    public static func parse(_ headers: [String: String], wallNow: Date) -> RateLimitHeaders {
        var result = RateLimitHeaders()
        if let milliseconds = headers["retry-after-ms"].flatMap({ Double($0.trimmed) }), milliseconds >= 0 {
            result.retryAfterSeconds = milliseconds / 1000
        } else if let value = headers["retry-after"] {
            result.retryAfterSeconds = retryAfter(value, wallNow: wallNow)
        }
        result.remainingRequests = (headers["x-ratelimit-remaining-requests"] ?? headers["x-ratelimit-remaining"])
            .flatMap { Int($0.trimmed) }
        result.remainingTokens = headers["x-ratelimit-remaining-tokens"].flatMap { Int($0.trimmed) }
        result.resetRequestsSeconds = (headers["x-ratelimit-reset-requests"] ?? headers["x-ratelimit-reset"])
            .flatMap { reset($0, wallNow: wallNow) }
        result.resetTokensSeconds = headers["x-ratelimit-reset-tokens"].flatMap { reset($0, wallNow: wallNow) }
        result.limitRequests = (headers["x-ratelimit-limit-requests"] ?? headers["x-ratelimit-limit"])
            .flatMap { Int($0.trimmed) }
        result.limitTokens = headers["x-ratelimit-limit-tokens"].flatMap { Int($0.trimmed) }
        return result
    }

    /// `Retry-After`: delay seconds, or an HTTP-date (RFC 9110 IMF-fixdate) turned into seconds.
    static func retryAfter(_ value: String, wallNow: Date) -> Double? {
        let text = value.trimmed
        if let seconds = Double(text) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(wallNow))
    }

    /// A reset time: Go-style durations (`1s`, `6m0s`, `20ms`, `1h2m3.5s`), plain seconds, or an
    /// epoch timestamp in seconds or milliseconds.
    static func reset(_ value: String, wallNow: Date) -> Double? {
        let text = value.trimmed
        if let number = Double(text) {
            if number >= 1e12 { return max(0, number / 1000 - wallNow.timeIntervalSince1970) }
            if number >= 1e9 { return max(0, number - wallNow.timeIntervalSince1970) }
            return max(0, number)
        }
        var total = 0.0
        var digits = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isNumber || character == "." {
                digits.append(character)
                index = text.index(after: index)
                continue
            }
            guard let amount = Double(digits) else { return nil }
            let rest = text[index...]
            let (seconds, length): (Double, Int) =
                rest.hasPrefix("ms")
                ? (amount / 1000, 2)
                : rest.hasPrefix("h")
                    ? (amount * 3600, 1)
                    : rest.hasPrefix("m")
                        ? (amount * 60, 1)
                        : rest.hasPrefix("s") ? (amount, 1) : (0, 0)
            guard length > 0 else { return nil }
            total += seconds
            digits = ""
            index = text.index(index, offsetBy: length)
        }
        return digits.isEmpty ? total : nil
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
