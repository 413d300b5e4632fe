import Crypto
import MockTLS
import SwiftASN1
import Testing
import X509
import _CryptoExtras

#if canImport(Glibc)
import Glibc
#endif

/// Loading `--tls-cert` / `--tls-key`: chains, RSA and EC keys in their PEM forms, and one clear error naming
/// the file for each way the files can be wrong.
@Suite struct ServerIdentityTests {
    /// A file in a fresh temporary directory, removed by the caller's `defer`.
    static func file(_ name: String, _ text: String) throws -> String {
        let path = "/tmp/fireworks-mock-tls-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
        try PEMFile.write(text, to: path)
        return path
    }

    /// A certificate for `key`, signed by the test CA.
    static func certificate(for key: Certificate.PrivateKey, by authority: SelfSignedAuthority, caKey: Certificate.PrivateKey) throws -> Certificate {
        try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey,
            notValidBefore: authority.leaf.notValidBefore, notValidAfter: authority.leaf.notValidAfter,
            issuer: authority.certificateAuthority.subject, subject: try DistinguishedName { CommonName("localhost") },
            extensions: Certificate.Extensions(), issuerPrivateKey: caKey)
    }

    static func pem(_ certificates: [Certificate]) throws -> String {
        try certificates.map { try $0.serializeAsPEM().pemString }.joined(separator: "\n")
    }

    func expectError(_ expected: TLSSetupError, certificate: String, key: String) {
        #expect(throws: expected) { try ServerIdentity.load(certificatePath: certificate, keyPath: key) }
    }

    @Test func ecKey_inEachPEMForm_withAChain() throws {
        let authority = try SelfSignedAuthority()
        let raw = P384.Signing.PrivateKey()
        let key = Certificate.PrivateKey(raw)
        let leaf = try Self.certificate(for: key, by: authority, caKey: key)
        let chain = try Self.file("chain.pem", Self.pem([leaf, authority.certificateAuthority]))
        defer { unlink(chain) }
        for form in [raw.pemRepresentation, try key.serializeAsPEM().pemString] {
            let keyFile = try Self.file("key.pem", form)
            defer { unlink(keyFile) }
            let identity = try ServerIdentity.load(certificatePath: chain, keyPath: keyFile)
            #expect(identity.chain == [leaf, authority.certificateAuthority])
            _ = try ServerTLS.makeContext(identity: identity)
        }
    }

    @Test func rsaKey_inPKCS1AndPKCS8() throws {
        let authority = try SelfSignedAuthority()
        let raw = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let key = Certificate.PrivateKey(raw)
        let certificate = try Self.file("cert.pem", Self.pem([try Self.certificate(for: key, by: authority, caKey: key)]))
        defer { unlink(certificate) }
        let pkcs1 = raw.pemRepresentation
        #expect(pkcs1.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        for form in [pkcs1, raw.pkcs8PEMRepresentation] {
            let keyFile = try Self.file("key.pem", form)
            defer { unlink(keyFile) }
            _ = try ServerTLS.makeContext(identity: try ServerIdentity.load(certificatePath: certificate, keyPath: keyFile))
        }
    }

    @Test func missingAndUnreadableFiles_nameTheFile() throws {
        let key = try Self.file("key.pem", try SelfSignedAuthority().leafKey.serializeAsPEM().pemString)
        defer { unlink(key) }
        self.expectError(.missing(path: "/nonexistent/cert.pem"), certificate: "/nonexistent/cert.pem", key: key)
        self.expectError(.unreadable(path: "/tmp", reason: "is a directory"), certificate: "/tmp", key: key)
        #expect(TLSSetupError.missing(path: "/x/cert.pem").description == "/x/cert.pem: no such file")
    }

    @Test func notPEM_andWrongBlocks_areNamed() throws {
        let authority = try SelfSignedAuthority()
        let certificate = try Self.file("cert.pem", try authority.leaf.serializeAsPEM().pemString)
        let key = try Self.file("key.pem", try authority.leafKey.serializeAsPEM().pemString)
        let junk = try Self.file("junk.pem", "this is not a certificate\n")
        defer { [certificate, key, junk].forEach { path in _ = path.withCString { unlink($0) } } }
        self.expectError(.notPEM(path: junk, expected: "CERTIFICATE"), certificate: junk, key: key)
        self.expectError(.notPEM(path: junk, expected: "PRIVATE KEY"), certificate: certificate, key: junk)
        // Each file given in the other's place.
        self.expectError(
            .invalidContent(path: key, reason: "holds no '-----BEGIN CERTIFICATE-----' block"), certificate: key, key: key)
        self.expectError(
            .invalidContent(path: certificate, reason: "holds no '-----BEGIN PRIVATE KEY-----' block"),
            certificate: certificate, key: certificate)
        #expect(
            TLSSetupError.notPEM(path: "a.pem", expected: "CERTIFICATE").description
                == "a.pem: not PEM (expected a '-----BEGIN CERTIFICATE-----' block)")
    }

    @Test func keyOfAnotherCertificate_isRefused() throws {
        let one = try SelfSignedAuthority()
        let other = try SelfSignedAuthority()
        let certificate = try Self.file("cert.pem", try one.leaf.serializeAsPEM().pemString)
        let key = try Self.file("key.pem", try other.leafKey.serializeAsPEM().pemString)
        defer { [certificate, key].forEach { path in _ = path.withCString { unlink($0) } } }
        self.expectError(.keyDoesNotMatchCertificate(keyPath: key, certificatePath: certificate), certificate: certificate, key: key)
        #expect(
            TLSSetupError.keyDoesNotMatchCertificate(keyPath: "k.pem", certificatePath: "c.pem").description
                == "k.pem: the private key does not match the certificate in c.pem")
    }

    @Test func encryptedKey_isRefusedWithAReason() throws {
        let certificate = try Self.file("cert.pem", try SelfSignedAuthority().leaf.serializeAsPEM().pemString)
        let key = try Self.file("key.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n")
        defer { [certificate, key].forEach { path in _ = path.withCString { unlink($0) } } }
        self.expectError(
            .invalidContent(path: key, reason: "the private key is encrypted; give it without a passphrase"),
            certificate: certificate, key: key)
    }
}
