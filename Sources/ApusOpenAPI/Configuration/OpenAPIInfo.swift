/// The document's `info` object: what the API is called, its version, and who to ask about it.
public struct OpenAPIInfo: Sendable, Hashable {
    /// The API's title (FastAPI's default is "FastAPI"; ours is "Apus").
    public var title: String
    /// A one-line summary.
    public var summary: String?
    /// A longer description; Markdown is rendered by the docs pages.
    public var description: String?
    /// The API's version (not the OpenAPI version).
    public var version: String
    /// A URL to the terms of service.
    public var termsOfService: String?
    /// Who to contact about the API.
    public var contact: Contact?
    /// The API's license.
    public var license: License?

    /// Contact details (`info.contact`).
    public struct Contact: Sendable, Hashable {
        /// A person or team.
        public var name: String?
        /// A URL with contact information.
        public var url: String?
        /// An email address.
        public var email: String?

        /// Creates contact details.
        public init(name: String? = nil, url: String? = nil, email: String? = nil) {
            self.name = name
            self.url = url
            self.email = email
        }
    }

    /// A license (`info.license`), named by an SPDX identifier or a URL (OpenAPI 3.1 allows one of the two).
    public struct License: Sendable, Hashable {
        /// The license's name.
        public var name: String
        /// An SPDX identifier, e.g. `MIT`.
        public var identifier: String?
        /// A URL to the license text.
        public var url: String?

        /// A license named by an SPDX identifier.
        public init(name: String, identifier: String) {
            self.name = name
            self.identifier = identifier
            self.url = nil
        }

        /// A license named by a URL (or by name only).
        public init(name: String, url: String? = nil) {
            self.name = name
            self.identifier = nil
            self.url = url
        }
    }

    /// Creates the info object.
    public init(
        title: String = "Apus", summary: String? = nil, description: String? = nil, version: String = "0.1.0",
        termsOfService: String? = nil, contact: Contact? = nil, license: License? = nil
    ) {
        self.title = title
        self.summary = summary
        self.description = description
        self.version = version
        self.termsOfService = termsOfService
        self.contact = contact
        self.license = license
    }
}
