import MessagesAPI

/// YAML documents read into the same `JSONValue` shape JSON files give, so scripts decode one way.
enum YAMLDocuments {
    /// Why a YAML text could not be read.
    struct Failure: Error {
        var message: String
    }

    /// Every document of a YAML text (`---` separates documents).
    static func parse(_ text: String) throws(Failure) -> [JSONValue] {
        do {
            return try YAMLParser.documents(text)
        } catch {
            throw Failure(message: error.description)
        }
    }
}
