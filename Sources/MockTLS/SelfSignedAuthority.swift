import Crypto
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `--tls-self-signed` mode: a certificate authority made in memory at start, and a leaf certificate it
/// signs for `localhost`, `127.0.0.1` and `::1`. Tests trust the authority (written out with `--tls-ca-out`),
/// never the leaf itself, as they would trust a real CA. Keys are P-256; nothing is kept on disk but the CA
/// certificate a user asks for.
public struct SelfSignedAuthority: Sendable {
    /// How long the leaf (and the authority) stay valid from start. Short on purpose: these keys exist for a
    /// test run, and a certificate that outlives the process is of no use to anyone.
    public static let lifetime: Duration = .seconds(24 * 60 * 60)
    /// Backdating covers a client clock slightly behind the server's.
    static let backdate: Duration = .seconds(5 * 60)
    /// The names the leaf is valid for.
    public static let dnsNames = ["localhost"]
    public static let ipAddresses: [[UInt8]] = [[127, 0, 0, 1], [UInt8](repeating: 0, count: 15) + [1]]

    public let certificateAuthority: Certificate
    public let leaf: Certificate
    public let leafKey: Certificate.PrivateKey

    /// Makes a fresh authority and leaf, valid from now for `lifetime`.
    public init(now: Date = Date()) throws {
        let notBefore = now - Double(Self.backdate.components.seconds)
        let notAfter = now + Double(Self.lifetime.components.seconds)
        let authorityKey = P256.Signing.PrivateKey()
        let authorityKeyID = Self.keyIdentifier(authorityKey.publicKey)
        let authorityName = try DistinguishedName {
            OrganizationName("fireworks-mock")
            CommonName("fireworks-mock test CA")
        }
        self.certificateAuthority = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(authorityKey.publicKey),
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: authorityName,
            subject: authorityName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(keyIdentifier: authorityKeyID)
            },
            issuerPrivateKey: .init(authorityKey)
        )

        let leafKey = P256.Signing.PrivateKey()
        var names = Self.dnsNames.map { GeneralName.dnsName($0) }
        names += Self.ipAddresses.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: $0[...])) }
        self.leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(leafKey.publicKey),
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: authorityName,
            subject: try DistinguishedName {
                OrganizationName("fireworks-mock")
                CommonName("localhost")
            },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
                SubjectKeyIdentifier(keyIdentifier: Self.keyIdentifier(leafKey.publicKey))
                AuthorityKeyIdentifier(keyIdentifier: authorityKeyID)
            },
            issuerPrivateKey: .init(authorityKey)
        )
        self.leafKey = .init(leafKey)
    }

    /// The identity the server presents: the leaf alone, since a client that trusts the authority has its
    /// certificate already.
    public var serverIdentity: ServerIdentity {
        ServerIdentity(chain: [self.leaf], privateKey: self.leafKey)
    }

    /// The authority's certificate as PEM, what a client puts in its CA bundle.
    public func certificateAuthorityPEM() throws -> String {
        try self.certificateAuthority.serializeAsPEM().pemString
    }

    /// RFC 5280's usual key identifier: SHA-1 of the public key bits. Strict verifiers (Python 3.13's default
    /// context among them) want it on the authority, and the matching authority key identifier on the leaf.
    private static func keyIdentifier(_ key: P256.Signing.PublicKey) -> ArraySlice<UInt8> {
        ArraySlice(Insecure.SHA1.hash(data: key.x963Representation))
    }
}
