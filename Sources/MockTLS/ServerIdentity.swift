import NIOSSL
import SwiftASN1
import X509

/// What the server presents in a handshake: its certificate chain (leaf first) and the leaf's private key,
/// checked to belong together before anything listens.
public struct ServerIdentity: Sendable {
    public var chain: [Certificate]
    public var privateKey: Certificate.PrivateKey

    /// A chain and key that are already known to match (the self-signed authority makes them).
    public init(chain: [Certificate], privateKey: Certificate.PrivateKey) {
        self.chain = chain
        self.privateKey = privateKey
    }

    /// Loads a PEM certificate chain (leaf first, then any intermediates) and a PEM private key (RSA or EC, in
    /// PKCS#8, SEC1 or PKCS#1 form), and checks that the key is the leaf's.
    public static func load(certificatePath: String, keyPath: String) throws(TLSSetupError) -> ServerIdentity {
        let chain = try Self.certificates(in: PEMFile.read(certificatePath), path: certificatePath)
        let key = try Self.privateKey(in: PEMFile.read(keyPath), path: keyPath)
        guard key.publicKey == chain[0].publicKey else {
            throw .keyDoesNotMatchCertificate(keyPath: keyPath, certificatePath: certificatePath)
        }
        return ServerIdentity(chain: chain, privateKey: key)
    }

    static func certificates(in text: String, path: String) throws(TLSSetupError) -> [Certificate] {
        let documents = try Self.documents(in: text, path: path, expected: "CERTIFICATE")
        var chain: [Certificate] = []
        for document in documents where document.discriminator == "CERTIFICATE" {
            do {
                chain.append(try Certificate(pemDocument: document))
            } catch {
                throw .invalidContent(path: path, reason: "certificate \(chain.count + 1) cannot be read: \(error)")
            }
        }
        guard !chain.isEmpty else {
            throw .invalidContent(path: path, reason: "holds no '-----BEGIN CERTIFICATE-----' block")
        }
        return chain
    }

    static func privateKey(in text: String, path: String) throws(TLSSetupError) -> Certificate.PrivateKey {
        let documents = try Self.documents(in: text, path: path, expected: "PRIVATE KEY")
        guard let document = documents.first(where: { $0.discriminator.hasSuffix("PRIVATE KEY") }) else {
            if documents.contains(where: { $0.discriminator == "ENCRYPTED PRIVATE KEY" }) {
                throw .invalidContent(path: path, reason: "the private key is encrypted; give it without a passphrase")
            }
            throw .invalidContent(path: path, reason: "holds no '-----BEGIN PRIVATE KEY-----' block")
        }
        if document.discriminator == "ENCRYPTED PRIVATE KEY" {
            throw .invalidContent(path: path, reason: "the private key is encrypted; give it without a passphrase")
        }
        do {
            return try Certificate.PrivateKey(pemDocument: document)
        } catch {
            throw .invalidContent(path: path, reason: "the private key cannot be read (RSA or EC expected): \(error)")
        }
    }

    private static func documents(in text: String, path: String, expected: String) throws(TLSSetupError) -> [PEMDocument] {
        guard text.contains("-----BEGIN ") else { throw .notPEM(path: path, expected: expected) }
        do {
            return try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw .notPEM(path: path, expected: expected)
        }
    }

    /// The chain and key as NIOSSL takes them.
    func nioChainAndKey() throws -> (chain: [NIOSSLCertificate], key: NIOSSLPrivateKey) {
        let chain = try self.chain.map { certificate in
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
        }
        let key = try NIOSSLPrivateKey(bytes: Array(self.privateKey.serializeAsPEM().pemString.utf8), format: .pem)
        return (chain, key)
    }
}
