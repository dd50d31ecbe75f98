import Foundation
import HTTPTypes
import Hummingbird

extension Response {
    /// A JSON response with `body` and extra `headers`.
    static func json(_ status: HTTPResponse.Status, _ body: Data, headers extra: [(String, String)] = []) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        for (name, value) in extra {
            if let name = HTTPField.Name(name) { headers[name] = value }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A JSON response encoding `value`.
    static func json(_ status: HTTPResponse.Status, encoding value: some Encodable, headers: [(String, String)] = []) -> Response {
        json(status, (try? JSONEncoder.plain.encode(value)) ?? Data("{}".utf8), headers: headers)
    }

    /// An OpenAI-shaped error: `{"error": {"message": …, "type": …}}`.
    static func openAIError(
        _ status: HTTPResponse.Status, message: String, type: String, headers: [(String, String)] = []
    ) -> Response {
        json(status, encoding: ["error": ["message": message, "type": type]], headers: headers)
    }
}
